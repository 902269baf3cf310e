/**
 * Builds the OpenAPI 3.1 document from infra/routes.ts and each handler's contract (the zod
 * schemas it actually validates with). `npm run openapi` writes docs/api/openapi.json, which the
 * GET /openapi.json route serves; test/infra/stack.test.ts fails when the file is stale.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as z from 'zod/mini';
import { type Route, routes } from './routes';

interface ContractLike {
  summary: string;
  auth: 'public' | readonly string[];
  body?: z.ZodMiniType;
  query?: z.ZodMiniType;
  params?: z.ZodMiniType;
  response?: z.ZodMiniType;
  status?: number;
}

const schema = (s: z.ZodMiniType, io: 'input' | 'output') => {
  const { $schema: _, ...rest } = z.toJSONSchema(s, {
    io,
    unrepresentable: 'any',
    target: 'draft-2020-12',
  }) as Record<string, unknown>;
  return rest;
};

const Problem = {
  type: 'object',
  required: ['type', 'title', 'status', 'detail'],
  properties: {
    type: {
      type: 'string',
      description: 'relative URI naming the kind of problem, e.g. /problems/validation-error',
    },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string', description: 'what was wrong and what is allowed' },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        required: ['path', 'message'],
        properties: {
          path: { type: 'string', description: 'dotted field path' },
          message: { type: 'string' },
        },
      },
    },
  },
};

const problemResponse = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
});

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
    const js = schema(s, 'input') as { properties?: Record<string, unknown>; required?: string[] };
    for (const [name, p] of Object.entries(js.properties ?? {})) {
      out.push({
        name,
        in: where,
        required: where === 'path' || (js.required ?? []).includes(name),
        schema: p,
      });
    }
  }
  return out;
}

/** The OpenAPI document for the given routes (handler modules are imported to read contracts). */
export async function buildOpenApi(root = process.cwd()) {
  process.env.TABLE_NAME ??= 'openapi';
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes as readonly Route[]) {
    const c = await contractOf(route, root);
    const status = String(c.status ?? 200);
    const op: Record<string, unknown> = {
      operationId: route.entry.split('/').pop()!.replace('.handler.ts', ''),
      summary: c.summary,
      ...(c.auth === 'public' ? { security: [] } : { 'x-roles': c.auth }),
      parameters: parameters(c),
      ...(c.body
        ? {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: schema(c.body, 'input') } },
            },
          }
        : {}),
      responses: {
        [status]:
          status === '204'
            ? { description: 'done' }
            : {
                description: 'success',
                ...(c.response
                  ? { content: { 'application/json': { schema: schema(c.response, 'output') } } }
                  : {}),
              },
        ...(c.body || c.params || c.query
          ? { '400': problemResponse('bad input: every failing field is named') }
          : {}),
        ...(c.auth === 'public'
          ? {}
          : { '401': problemResponse('no or invalid token'), '403': problemResponse('role not allowed') }),
        ...(c.params ? { '404': problemResponse('not found in the caller’s network') } : {}),
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
      description: 'Back office of a cooperation network of small and medium enterprises.',
    },
    security: [{ bearer: [] }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: { Problem },
    },
    paths,
  };
}

export const OPENAPI_FILE = 'docs/api/openapi.json';

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const doc = await buildOpenApi();
  writeFileSync(OPENAPI_FILE, `${JSON.stringify(doc, null, 2)}\n`);
  console.log(`wrote ${OPENAPI_FILE}: ${Object.keys(doc.paths).length} paths`);
}
