/**
 * Liveness check. It reads nothing and takes no input, so like the OpenAPI document it skips the
 * middy chain: the chain's tenant check needs the table, which this function is not given.
 */
export const handler = Object.assign(
  async () => ({
    statusCode: 200,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ status: 'ok', time: new Date().toISOString() }),
  }),
  { contract: { summary: 'Liveness check', auth: 'public' as const } },
);
