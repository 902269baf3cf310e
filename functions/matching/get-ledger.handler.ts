import { http, reply } from '#shared/http/handler';
import { LedgerAnswer, LedgerQuery } from './schema';
import { referralLedger } from './service';

export const handler = http(
  {
    summary: 'Referral ledger over a period',
    description:
      'Given and received hours and jobs per pair and per partner; balance = received − given. A partner sees its own totals and the pairs it is part of.',
    auth: ['coordinator', 'partner'],
    query: LedgerQuery,
    response: LedgerAnswer,
  },
  async ({ caller, query }) => reply.ok(await referralLedger(caller, query)),
);
