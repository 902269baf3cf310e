import middy from '@middy/core';
import httpJsonBodyParser from '@middy/http-json-body-parser';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type * as z from 'zod/mini';
import { logContext, logger } from '#shared/log';
import { type Caller, type CallerOf, callerFromEvent, type Role, requireRole } from './auth';
import { AppError } from './errors';
import { problem } from './problem';
import { parseOrThrow } from './validate';

type Schema = z.ZodMiniType;
type Infer<S> = S extends Schema ? z.infer<S> : undefined;

/** What a handler declares about itself; also the source of the OpenAPI document. */
export interface Contract<A extends Role | 'public', B, Q, P> {
  summary: string;
  auth: [A] extends [Role] ? readonly A[] : 'public';
  body?: B;
  query?: Q;
  params?: P;
  /** Schema of the success body (documentation only; handlers build it from parsed items). */
  response?: Schema;
  /** Success status for the documentation (default 200). */
  status?: number;
}

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** A file instead of JSON (sent base64-encoded, as API Gateway expects binary bodies). */
  file?: Uint8Array;
  /** Text instead of JSON (CSV, HTML), sent as it is; `headers` carry its content type. */
  text?: string;
}

export interface Input<A extends Role | 'public', B, Q, P> {
  caller: [A] extends [Role] ? CallerOf<A> : undefined;
  body: Infer<B>;
  query: Infer<Q>;
  params: Infer<P>;
  event: APIGatewayProxyEventV2;
}

export const reply = {
  ok: (body: unknown): Reply => ({ status: 200, body }),
  created: (body: unknown, location?: string): Reply => ({
    status: 201,
    body,
    ...(location ? { headers: { location } } : {}),
  }),
  noContent: (): Reply => ({ status: 204 }),
  /** A text answer (`text/csv; charset=utf-8`, …), optionally as a download named `filename`. */
  text: (content: string, contentType: string, filename?: string): Reply => ({
    status: 200,
    text: content,
    headers: {
      'content-type': contentType,
      ...(filename
        ? { 'content-disposition': `attachment; filename="${filename.replace(/[^A-Za-z0-9._-]/g, '_')}"` }
        : {}),
    },
  }),
  file: (content: Uint8Array, contentType: string, filename: string): Reply => ({
    status: 200,
    file: content,
    headers: {
      'content-type': contentType,
      'content-disposition': `attachment; filename="${filename.replace(/[^A-Za-z0-9._-]/g, '_')}"`,
    },
  }),
};

function toResult(r: Reply): APIGatewayProxyStructuredResultV2 {
  if (r.file) {
    return {
      statusCode: r.status,
      headers: r.headers,
      body: Buffer.from(r.file).toString('base64'),
      isBase64Encoded: true,
    };
  }
  if (r.text !== undefined) return { statusCode: r.status, headers: r.headers, body: r.text };
  if (r.body === undefined) return { statusCode: r.status, headers: r.headers };
  return {
    statusCode: r.status,
    headers: { 'content-type': 'application/json', ...r.headers },
    body: JSON.stringify(r.body),
  };
}

/** Maps thrown errors to problem+json; only errors with a statusCode < 500 reach the client. */
function problemOnError(request: { error: unknown; response?: unknown }) {
  const err = request.error as { statusCode?: number; message?: string } & Partial<AppError>;
  if (err instanceof AppError) {
    request.response = problem(err.statusCode, err.type, err.message, err.errors);
  } else if (typeof err.statusCode === 'number' && err.statusCode < 500) {
    // middy's own errors: 415 wrong content type, 422 malformed JSON (we answer 400: the body is bad input)
    const status = err.statusCode === 422 ? 400 : err.statusCode;
    const detail = err.statusCode === 422 ? 'body is not valid JSON' : (err.message ?? 'bad request');
    request.response = problem(status, 'bad-request', detail, [{ path: 'body', message: detail }]);
  } else {
    logger.error('unhandled error', { error: err as Error });
    request.response = problem(500, 'internal', 'internal error, it has been logged');
  }
}

/**
 * The one middy chain for HTTP handlers: logging with request id, JSON body parsing (only when
 * the route takes a body), claims → caller, strict zod validation of path, query and body,
 * problem+json errors. The returned handler carries its contract for the OpenAPI document.
 */
export function http<
  A extends Role | 'public',
  B extends Schema | undefined = undefined,
  Q extends Schema | undefined = undefined,
  P extends Schema | undefined = undefined,
>(contract: Contract<A, B, Q, P>, fn: (input: Input<A, B, Q, P>) => Promise<Reply>) {
  const chain = middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Error, Context>()
    .use(logContext())
    .use({ onError: problemOnError });
  if (contract.body) chain.use(httpJsonBodyParser({ disableContentTypeError: false }));
  const handler = chain.handler(async (event) => {
    const caller: Caller | undefined =
      contract.auth === 'public'
        ? undefined
        : requireRole(callerFromEvent(event), contract.auth as readonly Role[]);
    const params = contract.params
      ? parseOrThrow(contract.params, event.pathParameters ?? {}, 'path')
      : undefined;
    const query = contract.query
      ? parseOrThrow(contract.query, event.queryStringParameters ?? {}, 'query')
      : undefined;
    const body = contract.body ? parseOrThrow(contract.body, event.body, 'body') : undefined;
    const result = await fn({ caller, body, query, params, event } as Input<A, B, Q, P>);
    return toResult(result);
  });
  return Object.assign(handler, { contract });
}
