import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { problem } from './problem';

type RouteHandler<R> = (event: APIGatewayProxyEventV2, context: Context) => Promise<R>;

/** How to load each route's module, by route key: `() => import('#functions/…/x.handler')`. */
export type RouteModules<R> = Record<string, () => Promise<{ handler: RouteHandler<R> }>>;

/**
 * One Lambda for many routes: picks the route's module by `event.routeKey` (API Gateway sets it
 * to the matched `METHOD /path/{param}`), loads it on first use and keeps it for the warm
 * container, so a function pays at cold start only for the route it serves first.
 */
export function createRouter<R = APIGatewayProxyStructuredResultV2>(modules: RouteModules<R>) {
  const loaded = new Map<string, Promise<RouteHandler<R>>>();
  return async (
    event: APIGatewayProxyEventV2,
    context: Context,
  ): Promise<R | APIGatewayProxyStructuredResultV2> => {
    const load = modules[event.routeKey];
    if (!load) return problem(404, 'no-route', `no route ${event.routeKey} in this function`);
    let handler = loaded.get(event.routeKey);
    if (!handler) {
      handler = load().then((m) => m.handler);
      // a module that failed to load is tried again on the next request, not cached as failed
      handler.catch(() => loaded.delete(event.routeKey));
      loaded.set(event.routeKey, handler);
    }
    return (await handler)(event, context);
  };
}
