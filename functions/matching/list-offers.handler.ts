import * as z from 'zod/mini';
import { http, reply } from '#shared/http/handler';
import { Offer } from './schema';
import { offersFor } from './service';

export const handler = http(
  {
    summary: 'Proposals offered to the calling partner across inquiries, newest first',
    auth: ['partner'],
    response: z.object({ items: z.array(Offer) }),
  },
  async ({ caller }) => reply.ok({ items: await offersFor(caller) }),
);
