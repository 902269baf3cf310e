import { Inquiry } from '#functions/inquiries/index';
import { assertPartnerMayWrite } from '#functions/networks/index';
import { http, reply } from '#shared/http/handler';
import { ReferralBody } from './schema';
import { referCustomer } from './service';

export const handler = http(
  {
    summary: "A partner refers its own customer into the network: a new inquiry with source 'referral'",
    auth: ['partner'],
    body: ReferralBody,
    response: Inquiry,
    status: 201,
  },
  async ({ caller, body }) => {
    await assertPartnerMayWrite(caller);
    const inquiry = await referCustomer(caller, body);
    return reply.created(inquiry, `/inquiries/${inquiry.id}`);
  },
);
