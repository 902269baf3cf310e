import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { buildEvent, compileRoutes, lambdaContext, matchRoute } from '#infra/local/api-event';
import { routes } from '#infra/routes';
import { CLAIMS } from '#shared/http/auth';
import { contractViolation } from './contract';

/** Verified JWT claims as API Gateway hands them to a Lambda. */
export type Claims = Record<string, string>;

export const claims = {
  operator: (): Claims => ({ sub: 'op-1', [CLAIMS.role]: 'operator' }),
  coordinator: (networkId: string): Claims => ({
    sub: `coord-${networkId}`,
    email: `coord-${networkId}@verbund.test`,
    [CLAIMS.role]: 'coordinator',
    [CLAIMS.networkId]: networkId,
  }),
  partner: (networkId: string, partnerId: string): Claims => ({
    sub: `partner-${partnerId}`,
    [CLAIMS.role]: 'partner',
    [CLAIMS.networkId]: networkId,
    [CLAIMS.partnerId]: partnerId,
  }),
};

export interface ApiResult<T = unknown> {
  status: number;
  headers: Record<string, string>;
  body: T;
  text: string;
}

// biome-ignore lint/suspicious/noExplicitAny: any Lambda handler shape (middy adds an options argument)
type Handler = (event: any, context: Context, ...rest: any[]) => Promise<unknown>;

const compiled = compileRoutes(routes);
const IN_PROCESS_TIMEOUT_MS = 10 * 60_000;

/**
 * Calls a handler module the way API Gateway would for `METHOD /path`: the route is matched
 * from infra/routes.ts, the event is payload format 2.0, the claims sit where the JWT authorizer
 * puts them. Pass `claims: undefined` for an unauthenticated call. Every answer below 500 is
 * checked against docs/api/openapi.json (test/support/contract.ts): an undocumented status or a
 * body that does not match its documented schema fails the test that got it.
 */
// biome-ignore lint/suspicious/noExplicitAny: tests read response bodies loosely
export async function call<T = any>(
  handler: Handler,
  request: {
    method: string;
    path: string;
    claims?: Claims;
    body?: unknown;
    headers?: Record<string, string>;
    /** The client address API Gateway reports (per-client rate limits); default 127.0.0.1. */
    sourceIp?: string;
  },
): Promise<ApiResult<T>> {
  const url = new URL(request.path, 'http://localhost');
  const match = matchRoute(compiled, request.method, url.pathname);
  if (match.kind !== 'found') throw new Error(`no route for ${request.method} ${url.pathname}`);
  // a string or bytes (a multipart body) as they are, anything else as JSON
  const raw =
    request.body === undefined
      ? ''
      : typeof request.body === 'string' || request.body instanceof Uint8Array
        ? request.body
        : JSON.stringify(request.body);
  const headers: Record<string, string> = {
    ...(request.body !== undefined ? { 'content-type': 'application/json' } : {}),
    ...request.headers,
  };
  const event = buildEvent({
    compiled: match.compiled,
    pathParameters: match.pathParameters,
    method: request.method,
    url,
    headers,
    body: Buffer.from(raw),
    sourceIp: request.sourceIp ?? '127.0.0.1',
    claims: request.claims,
  });
  const result = (await handler(
    event,
    // Not Lambda's 10 s: here every concurrent call shares one process, one CPU and one DynamoDB
    // Local, so a busy machine made "200 concurrent submissions" run out of it and answer 500.
    // What these tests check is behaviour; a hung handler still fails at the test timeout.
    lambdaContext('test', randomUUID(), IN_PROCESS_TIMEOUT_MS),
  )) as APIGatewayProxyStructuredResultV2;
  const text = result.body ?? '';
  const resultHeaders = Object.fromEntries(
    Object.entries(result.headers ?? {}).map(([k, v]) => [k, String(v)]),
  );
  const isJson = /json/.test(resultHeaders['content-type'] ?? '');
  const answer = {
    status: result.statusCode ?? 200,
    headers: resultHeaders,
    text,
    body: (isJson && text ? JSON.parse(text) : text) as T,
  };
  // a 503 (a service the route needs is down: shared/temporary-failure.ts) is documented too
  const violation =
    answer.status < 500 || answer.status === 503
      ? contractViolation({
          method: request.method,
          path: match.compiled.route.path,
          status: answer.status,
          contentType: resultHeaders['content-type'],
          body: answer.body,
        })
      : undefined;
  if (violation) throw new Error(`the answer breaks the API contract: ${violation}`);
  return answer;
}
