import * as z from 'zod/mini';
import { listUnroutable, UnroutableMail } from '#functions/email-intake/store';
import { http, reply } from '#shared/http/handler';
import { page, UnroutableQuery } from './schema';

export const handler = http(
  {
    summary: "Inbound mail that reached no network's address, by month (operator)",
    auth: ['operator'],
    query: UnroutableQuery,
    response: z.object({ month: z.string(), ...page(UnroutableMail).def.shape }),
  },
  async ({ query }) => {
    const month = query.month ?? new Date().toISOString().slice(0, 7);
    return reply.ok({ month, ...(await listUnroutable(month, query)) });
  },
);
