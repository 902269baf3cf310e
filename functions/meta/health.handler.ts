import { http, reply } from '#shared/http/handler';

export const handler = http({ summary: 'Liveness check', auth: 'public' }, async () =>
  reply.ok({ status: 'ok', time: new Date().toISOString() }),
);
