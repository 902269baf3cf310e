/**
 * Builds the OpenAPI 3.1 document from infra/routes.ts and each handler's contract (the zod
 * schemas it actually validates with and answers with). `npm run openapi` writes
 * docs/api/openapi.json, which GET /openapi.json serves, and docs/api/openapi.d.ts, the
 * openapi-typescript types an openapi-fetch client uses. test/infra/openapi.test.ts fails when
 * either file is stale, when the linter finds an error, or when a route's types become `never`;
 * the integration tests check every body a handler returns against the document.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as z from 'zod/mini';
import { type Route, routes } from './routes';

interface ContractLike {
  summary: string;
  description?: string;
  auth: 'public' | readonly string[];
  body?: z.ZodMiniType;
  query?: z.ZodMiniType;
  params?: z.ZodMiniType;
  response?: z.ZodMiniType;
  status?: number;
  produces?: readonly string[];
  problems?: readonly number[];
  idempotent?: boolean;
  form?: { files?: { field: string; maxFiles: number } };
}

type Json = Record<string, unknown>;

/**
 * Schemas registered with an id (`X.register(z.globalRegistry, { id })` in a schema.ts) go to
 * components/schemas once and are referenced wherever they appear.
 */
const named: Record<string, Json> = {};

const toComponents = (v: unknown): unknown => {
  if (Array.isArray(v)) return v.map(toComponents);
  if (v === null || typeof v !== 'object') return v;
  return Object.fromEntries(
    Object.entries(v).map(([k, x]) => [
      k,
      k === '$ref' && typeof x === 'string'
        ? x.replace('#/$defs/', '#/components/schemas/')
        : toComponents(x),
    ]),
  );
};

const schema = (s: z.ZodMiniType, io: 'input' | 'output'): Json => {
  const {
    $schema: _,
    $defs,
    ...rest
  } = z.toJSONSchema(s, {
    io,
    unrepresentable: 'any',
    target: 'draft-2020-12',
  }) as Json;
  for (const [name, def] of Object.entries(($defs ?? {}) as Record<string, Json>)) {
    const json = toComponents(def) as Json;
    if (named[name] && JSON.stringify(named[name]) !== JSON.stringify(json)) {
      throw new Error(`two different schemas are named ${name} (one read as ${io})`);
    }
    named[name] = json;
  }
  return toComponents(rest) as Json;
};

/** One tag per capability folder (`functions/<capability>/…`), described as in the design. */
const CAPABILITIES: Record<string, string> = {
  meta: 'Liveness and this document.',
  networks:
    'A network (tenant), its public face, its competence taxonomy, its partners and their resources with weekly capacity.',
  inquiries:
    'Customer requests from the public form, the API and e-mail: lifecycle, reference numbers, message timeline, replies.',
  'email-intake':
    'Inbound mail that became nothing else: quarantine, unroutable mail, raw sources of received messages.',
  matching:
    'Team proposals for an inquiry by competence, free capacity, utilisation and referral fairness; jobs, bookings, the referral ledger.',
  purchasing: 'Purchase pools with price tiers, deadlines and minimums; joining, closing, purchase history.',
  reports:
    'Utilisation per partner, resource and week; referral balance; pool savings; scheduled e-mail delivery.',
  usage: 'Metered usage per network and month with its estimated AWS cost.',
};

const capabilityOf = (route: Route) => route.entry.split('/')[1] ?? 'meta';

const FieldError = {
  type: 'object',
  required: ['path', 'message', 'code'],
  properties: {
    path: {
      type: 'string',
      description:
        'dotted field path: `contact.email`, `query.limit`, `path.partnerId`, `headers.idempotency-key`',
    },
    message: { type: 'string', description: 'what was wrong and what is allowed (English)' },
    code: {
      type: 'string',
      description:
        'machine-readable and stable, to translate by: zod issue codes for schema checks (`required`, `invalid_type`, `too_small`, `too_big`, `invalid_format`, `invalid_value`, `not_multiple_of`, `unrecognized_keys`, `custom`, …), domain codes for rules the handlers check (`taken`, `exists`, `changed_meanwhile`, `invalid_transition`, `unknown_competence`, `unknown_partner`, `duplicate`, `not_in_future`, `too_far_ahead`, `before_from`, `span_too_long`, `invalid_cursor`, `in_progress`, `idempotency_key_reused`, `invalid_json`, `unsupported_media_type`, …); docs/api/README.md lists them',
    },
    params: {
      type: 'object',
      description:
        'the numbers and names the message is made of: `minimum`, `maximum`, `inclusive`, `origin`, `expected`, `format`, `values`, `divisor`',
      additionalProperties: {
        anyOf: [
          { type: 'string' },
          { type: 'number' },
          { type: 'boolean' },
          { type: 'array', items: { type: ['string', 'number', 'boolean', 'null'] } },
        ],
      },
    },
  },
  additionalProperties: false,
};

const Problem = {
  type: 'object',
  description: 'RFC 9457 problem details',
  required: ['type', 'title', 'status', 'detail'],
  properties: {
    type: {
      type: 'string',
      description: 'relative URI naming the kind of problem, e.g. /problems/validation-error',
    },
    title: { type: 'string', description: 'the HTTP status text' },
    status: { type: 'integer', minimum: 400, maximum: 599 },
    detail: { type: 'string', description: 'what was wrong and what is allowed' },
    errors: { type: 'array', items: { $ref: '#/components/schemas/FieldError' }, minItems: 1 },
  },
  additionalProperties: false,
};

/** What API Gateway itself answers when it refuses a request before any Lambda runs. */
const GatewayMessage = {
  type: 'object',
  required: ['message'],
  properties: { message: { type: 'string' } },
};

/** The problem answers, shared by reference (`#/components/responses/<name>`). */
const PROBLEMS: Record<number, { name: string; description: string; gateway?: boolean }> = {
  400: {
    name: 'BadRequest',
    description: 'Bad input: every failing field is named with a code; nothing was written.',
  },
  401: {
    name: 'Unauthorized',
    description:
      'No valid bearer token (API Gateway’s JWT authorizer answers `{"message":"Unauthorized"}`), or one that lacks the claims the API needs.',
    gateway: true,
  },
  403: {
    name: 'Forbidden',
    description:
      'The token’s role (or partner) may not do this; on a public route a browser’s Origin the network does not list.',
  },
  404: {
    name: 'NotFound',
    description:
      'Not found in the caller’s network, or not visible to the caller (which looks the same); on any authenticated route, the token’s network does not exist.',
  },
  409: {
    name: 'Conflict',
    description: 'The current state does not allow it (or it changed meanwhile); reload and retry.',
  },
  413: { name: 'ContentTooLarge', description: 'The answer or the request is too large for the API.' },
  415: { name: 'UnsupportedMediaType', description: 'The body must be sent as `application/json`.' },
  422: {
    name: 'UnprocessableContent',
    description: 'The `Idempotency-Key` was used before with a different request body.',
  },
  429: {
    name: 'TooManyRequests',
    description:
      'Too many requests: the caller, the route or the account is rate-limited (API Gateway’s own throttle answers `{"message":"Too Many Requests"}`); retry later.',
    gateway: true,
  },
  503: {
    name: 'ServiceUnavailable',
    description:
      'A service the route needs (the scheduler, the sign-in directory) is down or busy; nothing was held. Send the request again in a minute.',
  },
};

const problemRef = (status: number) => ({ $ref: `#/components/responses/${PROBLEMS[status]!.name}` });

const IdempotencyKey = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  description:
    'Makes a retry safe: the first request with this key (per network and route, for a day) is carried out, a repeat with the same body gets its answer again (`Idempotent-Replayed: true`), a repeat while the first still runs gets 409, the same key with another body 422.',
  schema: { type: 'string', minLength: 1, maxLength: 255, pattern: '^[\\x21-\\x7e]+$' },
};

async function contractOf(route: Route, root: string): Promise<ContractLike> {
  const mod = (await import(pathToFileURL(resolve(root, route.entry)).href)) as {
    handler?: { contract?: ContractLike };
  };
  if (!mod.handler?.contract) throw new Error(`${route.entry} does not export a handler built with http()`);
  return mod.handler.contract;
}

function parameters(c: ContractLike) {
  const out: unknown[] = [];
  for (const [where, s] of [
    ['path', c.params],
    ['query', c.query],
  ] as const) {
    if (!s) continue;
    const js = schema(s, 'input') as { properties?: Record<string, Json>; required?: string[] };
    for (const [name, p] of Object.entries(js.properties ?? {})) {
      const { description, ...rest } = p;
      out.push({
        name,
        in: where,
        required: where === 'path' || (js.required ?? []).includes(name),
        ...(typeof description === 'string' ? { description } : {}),
        schema: rest,
      });
    }
  }
  if (c.idempotent) out.push({ $ref: '#/components/parameters/IdempotencyKey' });
  return out;
}

function success(c: ContractLike, status: number) {
  if (status === 204) return { description: 'Done; no body.' };
  const content: Record<string, unknown> = {};
  if (c.response) content['application/json'] = { schema: schema(c.response, 'output') };
  for (const type of c.produces ?? []) {
    content[type] = {
      schema: type.startsWith('text/') ? { type: 'string' } : { type: 'string', contentMediaType: type },
    };
  }
  if (Object.keys(content).length === 0) {
    throw new Error(`a ${status} answer needs \`response\` or \`produces\` in its contract`);
  }
  return {
    description: status === 201 ? 'Created.' : 'OK.',
    ...(c.idempotent
      ? {
          headers: {
            'Idempotent-Replayed': {
              description: '`true` when this is the stored answer of an earlier request with the same key',
              schema: { type: 'string', enum: ['true'] },
            },
          },
        }
      : {}),
    content,
  };
}

/** The problem statuses a route can answer: what its contract implies plus what it declares. */
function problemStatuses(c: ContractLike): number[] {
  const out = new Set<number>();
  if (c.body || c.params || c.query || c.idempotent) out.add(400);
  if (c.body) out.add(415);
  if (c.auth !== 'public') {
    out.add(401);
    out.add(403);
    // a token for a network that does not exist (shared/http/tenant.ts)
    out.add(404);
  }
  if (c.params) out.add(404);
  // API Gateway throttles every route (per account and region, and per route where the table says)
  out.add(429);
  for (const s of c.problems ?? []) out.add(s);
  if (c.idempotent) {
    out.add(409);
    out.add(422);
  }
  return [...out].sort();
}

/** The OpenAPI document for the given routes (handler modules are imported to read contracts). */
export async function buildOpenApi(root = process.cwd()) {
  process.env.TABLE_NAME ??= 'openapi';
  for (const name of Object.keys(named)) delete named[name];
  const paths: Record<string, Record<string, unknown>> = {};
  const used = new Set<number>();
  const tags = new Set<string>();
  let idempotency = false;
  for (const route of routes as readonly Route[]) {
    const c = await contractOf(route, root);
    const status = c.status ?? 200;
    const tag = capabilityOf(route);
    tags.add(tag);
    const problems = problemStatuses(c);
    for (const s of problems) used.add(s);
    idempotency ||= c.idempotent === true;
    const roles = c.auth === 'public' ? 'public, no token' : c.auth.join(', ');
    const op: Record<string, unknown> = {
      operationId: route.entry.split('/').pop()!.replace('.handler.ts', ''),
      tags: [tag],
      summary: c.summary,
      description: `${c.description ? `${c.description}\n\n` : ''}Roles: ${roles}.`,
      ...(c.auth === 'public' ? { security: [] } : { 'x-roles': c.auth }),
      parameters: parameters(c),
      ...(c.body
        ? {
            requestBody: {
              required: true,
              content: {
                'application/json': { schema: schema(c.body, 'input') },
                // a plain HTML form post (shared/http/form.ts): the same fields, `a.b` for nested ones
                ...(c.form
                  ? {
                      'application/x-www-form-urlencoded': {
                        schema: {
                          type: 'object',
                          description:
                            "The JSON body's fields as a browser posts them: nested fields as `customer.name`, ticked checkboxes as any value.",
                        },
                      },
                    }
                  : {}),
                ...(c.form?.files
                  ? {
                      'multipart/form-data': {
                        schema: {
                          type: 'object',
                          description: `The same fields as the urlencoded form, and up to ${c.form.files.maxFiles} files in \`${c.form.files.field}\`.`,
                          properties: {
                            [c.form.files.field]: {
                              type: 'array',
                              maxItems: c.form.files.maxFiles,
                              items: { type: 'string', format: 'binary' },
                            },
                          },
                        },
                      },
                    }
                  : {}),
              },
            },
          }
        : {}),
      responses: {
        [String(status)]: success(c, status),
        ...(c.form
          ? {
              '303': {
                description: 'A form post (urlencoded) succeeded: the browser goes to `Location`.',
                headers: { Location: { schema: { type: 'string' } } },
              },
            }
          : {}),
        ...Object.fromEntries(
          problems.map((s) => [
            String(s),
            // a refused form post (urlencoded) gets a page a browser can show beside the problem
            c.form && s >= 400 && s < 500
              ? {
                  description: `${PROBLEMS[s]!.description} A form post (urlencoded) gets an HTML page naming the fields instead.`,
                  content: {
                    'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } },
                    'text/html': { schema: { type: 'string' } },
                  },
                }
              : problemRef(s),
          ]),
        ),
      },
    };
    paths[route.path] ??= {};
    paths[route.path]![route.method.toLowerCase()] = op;
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Verbund API',
      version: '0.1.0',
      description:
        'Back office of a cooperation network of small and medium enterprises. Every error is RFC 9457 `application/problem+json`; field errors carry a machine-readable `code`. Money is integer cents, times are UTC ISO-8601.',
      license: { name: 'Proprietary' },
    },
    servers: [
      {
        url: '/',
        description:
          'where this document is served (GET /openapi.json): the local runtime (`npm start`, http://localhost:3000 by default) or a deployed stack',
      },
      {
        url: 'https://{apiId}.execute-api.{region}.amazonaws.com',
        description: 'a deployed stack (the `Url` output of `npm run synth`/deploy)',
        variables: {
          apiId: { default: 'api-id', description: 'the HTTP API id' },
          region: { default: 'eu-central-1' },
        },
      },
    ],
    security: [{ bearer: [] }],
    tags: [...tags].sort().map((name) => ({ name, description: CAPABILITIES[name] ?? name })),
    components: {
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description:
            'Cognito in AWS, `npm run token` locally. Claims: `sub`, `custom:role` (operator, coordinator, partner), `custom:networkId`, `custom:partnerId` (partners).',
        },
      },
      schemas: {
        Problem,
        FieldError,
        GatewayMessage,
        ...Object.fromEntries(Object.entries(named).sort(([a], [b]) => a.localeCompare(b))),
      },
      responses: Object.fromEntries(
        [...used].sort().map((s) => [
          PROBLEMS[s]!.name,
          {
            description: PROBLEMS[s]!.description,
            content: {
              'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } },
              ...(PROBLEMS[s]!.gateway
                ? { 'application/json': { schema: { $ref: '#/components/schemas/GatewayMessage' } } }
                : {}),
            },
          },
        ]),
      ),
      ...(idempotency ? { parameters: { IdempotencyKey } } : {}),
    },
    paths,
  };
}

export const OPENAPI_FILE = 'docs/api/openapi.json';
export const OPENAPI_TYPES_FILE = 'docs/api/openapi.d.ts';

/** The openapi-typescript types of a document, as `npm run openapi` writes them. */
export async function buildOpenApiTypes(doc: object): Promise<string> {
  const { astToString, openapiTS } = await import('openapi-typegen');
  const ast = await openapiTS(JSON.parse(JSON.stringify(doc)), { alphabetize: true });
  return `/** Generated by \`npm run openapi\` (openapi-typescript) from openapi.json; do not edit. */\n\n${astToString(ast)}`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const doc = await buildOpenApi();
  writeFileSync(OPENAPI_FILE, `${JSON.stringify(doc, null, 2)}\n`);
  writeFileSync(OPENAPI_TYPES_FILE, await buildOpenApiTypes(doc));
  console.log(`wrote ${OPENAPI_FILE} and ${OPENAPI_TYPES_FILE}: ${Object.keys(doc.paths).length} paths`);
}
