import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { API_PREFIX, formPagePath } from '#infra/console';
import { defaultThrottle, type Route } from '#infra/routes';
import { problem } from '#shared/http/problem';
import { createRouter } from '#shared/http/router';
import { buildEvent, compileRoutes, lambdaContext, matchRoute } from './api-event';
import { type ConsoleOptions, serveConsole } from './console';
import { RouteThrottle } from './throttle';

type LambdaHandler = (
  event: APIGatewayProxyEventV2,
  context: Context,
) => Promise<APIGatewayProxyStructuredResultV2 | string | object>;

/** API Gateway HTTP APIs accept payloads up to 10 MB. */
const MAX_BODY = 10 * 1024 * 1024;

export interface DevServerOptions {
  routes: readonly Route[];
  host: string;
  port: number;
  root: string;
  /** Verifies a bearer token like the JWT authorizer; null when invalid. */
  verify: (token: string) => Promise<Record<string, string> | null>;
  log?: (line: string) => void;
  /**
   * Serve the web console too, as CloudFront does in AWS (infra/console.ts): the API also under
   * `/api/`, the hosted form at `/{slug}/anfrage`, the built console for every other path.
   */
  console?: ConsoleOptions;
}

/**
 * The local stand-in for API Gateway HTTP API: serves the rows of infra/routes.ts by building
 * payload-2.0 events and calling the same handler modules Lambda runs.
 */
export async function startDevServer(opts: DevServerOptions): Promise<{ server: Server; url: string }> {
  const compiled = compileRoutes(opts.routes);
  const throttle = new RouteThrottle();
  // the same router the Lambda entries use (infra/entries.ts), one per function of infra/functions.ts
  const modules = new Map<string, Promise<{ handler: LambdaHandler }>>();
  const load = (entry: string) => {
    let m = modules.get(entry);
    if (!m) {
      m = import(pathToFileURL(resolve(opts.root, entry)).href) as Promise<{ handler: LambdaHandler }>;
      modules.set(entry, m);
    }
    return m;
  };
  const routers = new Map<string, LambdaHandler>();
  for (const fn of new Set(opts.routes.map((r) => r.fn))) {
    const rows = opts.routes.filter((r) => r.fn === fn);
    routers.set(fn, createRouter(Object.fromEntries(rows.map((r) => [r.route, () => load(r.entry)]))));
  }
  // import every handler now, so a broken module fails the start, not the first request
  await Promise.all(opts.routes.map((r) => load(r.entry)));

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      opts.log?.(`dev server error: ${(err as Error).stack ?? err}`);
      if (!res.headersSent) send(res, problem(500, 'internal', 'local runtime error'));
      else res.end();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const started = performance.now();
    const original = new URL(req.url ?? '/', `http://${req.headers.host ?? 'localhost'}`);
    const method = req.method ?? 'GET';
    // the console's paths (infra/console.ts); the API's own un-prefixed paths keep working
    const prefixed = original.pathname === API_PREFIX || original.pathname.startsWith(`${API_PREFIX}/`);
    const form = !prefixed && opts.console && method === 'GET' ? formPagePath(original.pathname) : undefined;
    const url = new URL(original);
    if (prefixed) url.pathname = original.pathname.slice(API_PREFIX.length) || '/';
    else if (form) url.pathname = form;
    const match = matchRoute(compiled, method, url.pathname);
    if (match.kind !== 'found' && !prefixed && opts.console) {
      if (await serveConsole(opts.console, req, res, original, () => readBody(req))) return;
    }
    if (match.kind !== 'found') {
      const status = match.kind === 'not-found' ? 404 : 405;
      const detail =
        match.kind === 'not-found'
          ? `no route for ${method} ${url.pathname}`
          : `allowed: ${match.allowed.join(', ')}`;
      await drain(req);
      return send(res, problem(status, 'no-route', detail));
    }
    // API Gateway's route throttle answers 429 itself; the Lambda never runs
    const limits = match.compiled.route.throttle ?? defaultThrottle;
    if (!throttle.allow(match.compiled.routeKey, limits)) {
      await drain(req);
      return send(res, problem(429, 'too-many-requests', 'the route is throttled, try again shortly'));
    }
    const body = await readBody(req);
    if (body === null) return send(res, problem(413, 'too-large', 'request body exceeds 10 MB'));

    let claims: Record<string, string> | undefined;
    if (match.compiled.route.auth === 'jwt') {
      const token = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1];
      claims = token ? ((await opts.verify(token)) ?? undefined) : undefined;
      // API Gateway's JWT authorizer answers 401 itself; the Lambda never runs
      if (!claims) return send(res, problem(401, 'unauthorized', 'a valid bearer token is required'));
    }
    const event = buildEvent({
      compiled: match.compiled,
      pathParameters: match.pathParameters,
      method,
      url,
      headers: req.headers,
      body,
      sourceIp: req.socket.remoteAddress?.replace(/^::ffff:/, '') ?? '127.0.0.1',
      claims,
    });
    const fn = match.compiled.route.fn;
    const context = lambdaContext(`verbund-${fn}`, event.requestContext.requestId);
    const result = await routers.get(fn)!(event, context);
    send(res, normalise(result));
    opts.log?.(
      `${method} ${url.pathname} → ${res.statusCode} ${(performance.now() - started).toFixed(0)} ms`,
    );
  }

  // Never close an idle keep-alive connection from this side: a client that reuses it just as the
  // server times it out gets "other side closed" (seen on a loaded machine, where timers run
  // late). Clients close idle connections themselves; server.close() ends the idle ones.
  server.keepAliveTimeout = 0;
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => resolveListen());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : opts.port;
  return { server, url: `http://${opts.host}:${port}` };
}

/** API Gateway's rules for a handler result that is not a structured response. */
function normalise(
  result: APIGatewayProxyStructuredResultV2 | string | object,
): APIGatewayProxyStructuredResultV2 {
  if (typeof result === 'object' && result !== null && 'statusCode' in result) return result;
  return {
    statusCode: 200,
    headers: { 'content-type': 'application/json' },
    body: typeof result === 'string' ? result : JSON.stringify(result),
  };
}

function send(res: ServerResponse, r: APIGatewayProxyStructuredResultV2) {
  const headers: Record<string, string | number | string[]> = {};
  for (const [k, v] of Object.entries(r.headers ?? {})) headers[k] = typeof v === 'boolean' ? String(v) : v;
  if (r.cookies?.length) headers['set-cookie'] = r.cookies;
  res.writeHead(r.statusCode ?? 200, headers);
  if (r.body === undefined) return res.end();
  res.end(r.isBase64Encoded ? Buffer.from(r.body, 'base64') : r.body);
}

async function readBody(req: IncomingMessage): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

async function drain(req: IncomingMessage) {
  for await (const _ of req) {
    /* discard */
  }
}
