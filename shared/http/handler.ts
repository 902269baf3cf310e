import middy from '@middy/core';
import httpJsonBodyParser from '@middy/http-json-body-parser';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type * as z from 'zod/mini';
import { logContext, logger } from '#shared/log';
import { type Caller, type CallerOf, callerFromEvent, type Role, requireRole } from './auth';
import { type CorsPolicy, corsMiddlewares } from './cors';
import { AppError } from './errors';
import {
  type FormPost,
  formFields,
  formProblemPage,
  isFormPost,
  isMultipartPost,
  keepUploadedFiles,
  multipartForm,
} from './form';
import { problem } from './problem';
import { assertNetworkExists } from './tenant';
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
  /** What the route does beyond its summary (documentation). */
  description?: string;
  /**
   * Schema of the JSON success body (documentation; handlers build it from parsed items). The
   * integration tests check every body a handler returns against the published document.
   */
  response?: Schema;
  /** Success status for the documentation (default 200). */
  status?: number;
  /**
   * Content types of a success body that is not JSON (`text/csv`, `message/rfc822`), beside or
   * instead of `response`.
   */
  produces?: readonly string[];
  /**
   * Problem statuses the handler answers beyond those its contract implies (400 for input, 415
   * for a body, 401/403 for roles, 404 for path parameters): e.g. 404 for a missing singleton,
   * 409 for a state conflict, 413, 422, 429; 503 where a service the route needs may be down or
   * busy (the scheduler, the user directory: shared/temporary-failure.ts).
   */
  problems?: readonly ProblemStatus[];
  /** The route honours an `Idempotency-Key` header: a repeat with the same key and body gets the first answer. */
  idempotent?: boolean;
  /**
   * The route also takes a plain HTML form post (`application/x-www-form-urlencoded`, shared/http/form.ts):
   * a success answers 303 to `seeOther`, a refusal an HTML page with the problem's status.
   */
  form?: FormPost;
  /**
   * The route may be called from the browser on the websites `cors.origins` lists (shared/http/cors.ts):
   * those get `Access-Control-Allow-Origin`, other origins 403.
   */
  cors?: CorsPolicy;
}

/** Problem statuses a contract can declare (documentation; see `problems`). */
export type ProblemStatus = 403 | 404 | 409 | 413 | 422 | 429 | 503;

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
    const code =
      err.statusCode === 422 ? 'invalid_json' : err.statusCode === 415 ? 'unsupported_media_type' : 'invalid';
    request.response = problem(status, 'bad-request', detail, [{ path: 'body', message: detail, code }]);
  } else {
    logger.error('unhandled error', { error: err as Error });
    request.response = problem(500, 'internal', 'internal error, it has been logged');
  }
}

/**
 * A browser's form post: `mark` notes it (and, after the handler or a refusal, turns the answer
 * into what a browser can show); `parse`, after the CORS check, makes its fields the JSON body
 * and keeps a multipart post's files. A post that asks for JSON (`Accept: application/json`, the
 * form's own script) gets the JSON answer and the problem as they are.
 */
function formPost(form: FormPost): {
  mark: middy.MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>;
  parse: middy.MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>;
} {
  const wasForm = new WeakSet<object>();
  const toBrowser = (request: middy.Request<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>) => {
    const res = request.response;
    if (!res || !wasForm.has(request.event)) return;
    const status = res.statusCode ?? 200;
    if (status < 300) {
      const answer = res.body ? (JSON.parse(res.body) as unknown) : undefined;
      request.response = { statusCode: 303, headers: { location: form.seeOther(answer, request.event) } };
    } else if (status < 500 && /problem\+json/.test(String(res.headers?.['content-type']))) {
      const p = JSON.parse(res.body ?? '{}') as {
        detail?: string;
        errors?: { path: string; message: string }[];
      };
      request.response = formProblemPage(status, p.detail ?? '', p.errors, request.event.headers?.referer);
    }
  };
  const taken = (event: APIGatewayProxyEventV2) =>
    isFormPost(event) || (form.files !== undefined && isMultipartPost(event));
  return {
    mark: {
      before: ({ event }) => {
        if (taken(event) && !/application\/json/.test(event.headers?.accept ?? '')) wasForm.add(event);
      },
      after: toBrowser,
      onError: toBrowser,
    },
    parse: {
      before: async ({ event }) => {
        if (!taken(event)) return;
        const raw = event.isBase64Encoded
          ? Buffer.from(event.body ?? '', 'base64')
          : Buffer.from(event.body ?? '');
        let fields: Record<string, unknown>;
        if (form.files && isMultipartPost(event)) {
          const type = event.headers?.['content-type'] ?? event.headers?.['Content-Type'] ?? '';
          const parsed = await multipartForm(raw, type, form.files, form.booleans);
          keepUploadedFiles(event, parsed.files);
          fields = parsed.fields;
        } else {
          fields = formFields(raw.toString('utf8'), form.booleans);
        }
        event.body = JSON.stringify(fields);
        event.isBase64Encoded = false;
        event.headers = { ...event.headers, 'content-type': 'application/json' };
      },
    },
  };
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
  const chain = middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Error, Context>().use(
    logContext(),
  );
  const cors = contract.cors ? corsMiddlewares(contract.cors) : undefined;
  // first, so its after/onError runs last: the CORS headers go on whatever answer was made
  if (cors) chain.use(cors.headers);
  const form = contract.body && contract.form ? formPost(contract.form) : undefined;
  // before the problem mapper, so its onError (middy runs them in reverse) sees the problem
  if (form) chain.use(form.mark);
  chain.use({ onError: problemOnError });
  // after the form post was marked (a refusal becomes its HTML page), before the body is read
  if (cors) chain.use(cors.check);
  if (form) chain.use(form.parse);
  if (contract.body) chain.use(httpJsonBodyParser({ disableContentTypeError: false }));
  const handler = chain.handler(async (event) => {
    const caller: Caller | undefined =
      contract.auth === 'public'
        ? undefined
        : requireRole(callerFromEvent(event), contract.auth as readonly Role[]);
    if (caller && caller.role !== 'operator') await assertNetworkExists(caller.networkId);
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
