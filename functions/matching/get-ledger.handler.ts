import { http, reply } from '#shared/http/handler';
import { LedgerAnswer, LedgerQuery } from './schema';
import { referralLedger } from './service';

export const handler = http(
  {
    summary:
      'Referral ledger over a period: given/received hours and jobs per pair and per partner, balance = received − given (a partner: its own)',
    auth: ['coordinator', 'partner'],
    query: LedgerQuery,
    response: LedgerAnswer,
  },
  async ({ caller, query }) => reply.ok(await referralLedger(caller, query)),
);
