import * as z from 'zod/mini';

/**
 * Liveness check. It reads nothing and takes no input, so like the OpenAPI document it skips the
 * middy chain: it answers without touching the table or the chain's tenant check.
 */
export const handler = Object.assign(
  async () => ({
    statusCode: 200,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ status: 'ok', time: new Date().toISOString() }),
  }),
  {
    contract: {
      summary: 'Liveness check',
      auth: 'public' as const,
      response: z.object({ status: z.literal('ok'), time: z.iso.datetime() }),
    },
  },
);
