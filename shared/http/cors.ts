import type middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { ENV } from '#shared/env-names';
import { ForbiddenError } from './errors';

/**
 * CORS for a route a network's own website may call from the browser (the hosted form's post).
 * `origins` finds the origins allowed for this request (the network's list, by its slug), or
 * `undefined` when the route's target does not exist (the handler then answers 404 itself).
 */
export interface CorsPolicy {
  origins: (event: APIGatewayProxyEventV2) => Promise<readonly string[] | undefined>;
  /** The preflight's answer headers (the OPTIONS row of the route). */
  preflight?: { methods: string; headers: string; maxAgeSeconds: number };
}

export type CorsVerdict = 'none' | 'same-origin' | 'allowed' | 'refused';

/**
 * What a request's `Origin` means for a route with a CORS policy. No Origin (curl, a server) and
 * `Origin: null` (what a browser sends for its own form post under `Referrer-Policy: no-referrer`,
 * or from a sandboxed frame) are treated as today: no CORS header, nothing refused. The service's
 * own origin (the console URL, or the Host the request came to) is same-origin. Any other origin
 * must be on the list: CORS alone only stops a page from reading the answer, the post would still
 * be written, so a browser on another site is refused with 403 (cross-site spam).
 */
export function corsVerdict(
  headers: Record<string, string | undefined>,
  allowed: readonly string[] | undefined,
  ownOrigin: string | undefined,
): CorsVerdict {
  const origin = headers.origin;
  if (origin === undefined || origin === '' || origin === 'null') return 'none';
  if (headers['sec-fetch-site'] === 'same-origin') return 'same-origin';
  if (ownOrigin !== undefined && origin === ownOrigin) return 'same-origin';
  const host = headers.host;
  if (host && (origin === `https://${host}` || origin === `http://${host}`)) return 'same-origin';
  if (allowed === undefined) return 'none';
  return allowed.includes(origin) ? 'allowed' : 'refused';
}

const ownOrigin = () => {
  const url = process.env[ENV.consoleUrl];
  if (!url) return undefined;
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
};

type Request = middy.Request<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>;

/**
 * Two middlewares: `check` decides before the body is read (a refused origin writes nothing) and
 * `headers` adds the answer's CORS headers last, after a form post's answer or a problem was made,
 * so a refusal the page is allowed to read carries them too.
 */
export function corsMiddlewares(policy: CorsPolicy) {
  const allowedOrigin = new WeakMap<object, string>();
  const check: middy.MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2> = {
    before: async ({ event }) => {
      const headers = event.headers ?? {};
      if (!headers.origin || headers.origin === 'null') return;
      const verdict = corsVerdict(headers, await policy.origins(event), ownOrigin());
      if (verdict === 'allowed') allowedOrigin.set(event, headers.origin);
      if (verdict === 'refused') {
        throw new ForbiddenError(
          `origin ${headers.origin} may not post this form: the network lists the websites that embed it (embedOrigins in its settings)`,
        );
      }
    },
  };
  const addHeaders = (request: Request) => {
    const res = request.response;
    if (!res || !request.event.headers?.origin) return;
    const origin = allowedOrigin.get(request.event);
    const add: Record<string, string> = { vary: 'Origin' };
    if (origin) {
      add['access-control-allow-origin'] = origin;
      if (policy.preflight) {
        add['access-control-allow-methods'] = policy.preflight.methods;
        add['access-control-allow-headers'] = policy.preflight.headers;
        add['access-control-max-age'] = String(policy.preflight.maxAgeSeconds);
      }
    }
    request.response = { ...res, headers: { ...res.headers, ...add } };
  };
  const headers: middy.MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2> = {
    after: addHeaders,
    onError: addHeaders,
  };
  return { check, headers };
}
