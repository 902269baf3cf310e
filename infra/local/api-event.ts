import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import type { Route } from '#infra/routes';

/** A route row compiled for matching request paths (`/partners/{partnerId}`). */
export interface CompiledRoute {
  route: Route;
  routeKey: string;
  pattern: RegExp;
  names: string[];
}

export function compileRoutes(routes: readonly Route[]): CompiledRoute[] {
  return routes.map((route) => {
    const names: string[] = [];
    const source = route.path
      .split('/')
      .map((seg) => {
        const m = /^\{(\w+)\}$/.exec(seg);
        if (!m) return seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        names.push(m[1]!);
        return '([^/]+)';
      })
      .join('/');
    return { route, routeKey: `${route.method} ${route.path}`, pattern: new RegExp(`^${source}$`), names };
  });
}

export type Match =
  | { kind: 'found'; compiled: CompiledRoute; pathParameters: Record<string, string> }
  | { kind: 'method-not-allowed'; allowed: string[] }
  | { kind: 'not-found' };

export function matchRoute(compiled: CompiledRoute[], method: string, path: string): Match {
  const allowed: string[] = [];
  for (const c of compiled) {
    const m = c.pattern.exec(path);
    if (!m) continue;
    if (c.route.method !== method) {
      allowed.push(c.route.method);
      continue;
    }
    const pathParameters: Record<string, string> = {};
    c.names.forEach((name, i) => {
      pathParameters[name] = decodeURIComponent(m[i + 1]!);
    });
    return { kind: 'found', compiled: c, pathParameters };
  }
  return allowed.length > 0 ? { kind: 'method-not-allowed', allowed } : { kind: 'not-found' };
}

const TEXTUAL = /^(application\/(json|problem\+json|x-www-form-urlencoded|xml)|text\/)/i;

/** Builds an API Gateway HTTP API payload-format-2.0 event, as API Gateway would. */
export function buildEvent(input: {
  compiled: CompiledRoute;
  pathParameters: Record<string, string>;
  method: string;
  url: URL;
  headers: IncomingHttpHeaders;
  body: Buffer;
  sourceIp: string;
  claims?: Record<string, string>;
}): APIGatewayProxyEventV2 & { requestContext: { authorizer?: unknown } } {
  const headers: Record<string, string> = {};
  let cookies: string[] | undefined;
  for (const [name, value] of Object.entries(input.headers)) {
    if (value === undefined) continue;
    if (name === 'cookie') cookies = String(value).split(/;\s*/);
    else headers[name] = Array.isArray(value) ? value.join(',') : value;
  }
  const query: Record<string, string> = {};
  for (const [k, v] of input.url.searchParams) query[k] = k in query ? `${query[k]},${v}` : v;
  const contentType = headers['content-type'] ?? '';
  const textual = input.body.length === 0 || TEXTUAL.test(contentType);
  const now = new Date();
  return {
    version: '2.0',
    routeKey: input.compiled.routeKey,
    rawPath: input.url.pathname,
    rawQueryString: input.url.search.slice(1),
    ...(cookies ? { cookies } : {}),
    headers,
    ...(Object.keys(query).length > 0 ? { queryStringParameters: query } : {}),
    ...(input.compiled.names.length > 0 ? { pathParameters: input.pathParameters } : {}),
    requestContext: {
      accountId: 'local',
      apiId: 'local',
      domainName: headers.host ?? 'localhost',
      domainPrefix: 'localhost',
      http: {
        method: input.method,
        path: input.url.pathname,
        protocol: 'HTTP/1.1',
        sourceIp: input.sourceIp,
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey: input.compiled.routeKey,
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
      ...(input.claims ? { authorizer: { jwt: { claims: input.claims, scopes: null } } } : {}),
    },
    ...(input.body.length > 0
      ? { body: textual ? input.body.toString('utf8') : input.body.toString('base64') }
      : {}),
    isBase64Encoded: !textual,
  };
}

/** A Lambda context good enough for the logger and middy. */
export function lambdaContext(functionName: string, requestId: string): Context {
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${functionName}`,
    memoryLimitInMB: '512',
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => 10_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}
