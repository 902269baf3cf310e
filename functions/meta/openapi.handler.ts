import * as z from 'zod/mini';
import document from '#docs/api/openapi.json';

const body = JSON.stringify(document);

/**
 * Serves the generated OpenAPI document. A static answer needs no validation, auth or database,
 * so this one handler skips the middy chain and stays a few kilobytes.
 */
export const handler = Object.assign(
  async () => ({ statusCode: 200, headers: { 'content-type': 'application/json' }, body }),
  {
    contract: {
      summary: 'This OpenAPI 3.1 document',
      auth: 'public' as const,
      response: z.looseObject({
        openapi: z.string(),
        info: z.looseObject({ title: z.string(), version: z.string() }),
        paths: z.record(z.string(), z.unknown()),
      }),
    },
  },
);
