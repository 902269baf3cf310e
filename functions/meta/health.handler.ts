import * as z from 'zod/mini';
import { http, reply } from '#shared/http/handler';

export const handler = http(
  {
    summary: 'Liveness check',
    auth: 'public',
    response: z.object({ status: z.literal('ok'), time: z.iso.datetime() }),
  },
  async () => reply.ok({ status: 'ok', time: new Date().toISOString() }),
);
