import { http, reply } from '#shared/http/handler';
import { embedCors } from './embed';
import { SlugPath } from './schema';

export const handler = http(
  {
    summary: "The browser's CORS preflight for the public form post from a network's own website",
    description:
      'An `Origin` the network lists (`embedOrigins`) gets `Access-Control-Allow-Origin` with POST, `content-type` and `idempotency-key`; another origin 403 without CORS headers.',
    auth: 'public',
    params: SlugPath,
    status: 204,
    problems: [403],
    cors: embedCors,
  },
  async () => reply.noContent(),
);
