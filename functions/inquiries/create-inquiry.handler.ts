import { http, reply } from '#shared/http/handler';
import { idempotent } from '#shared/http/idempotency';
import { inquiryFromRequest } from './inquiry';
import { CreateInquiryBody, Inquiry } from './schema';
import { createInquiry } from './store';
import { checkedCompetences } from './taxonomy';

export const handler = http(
  {
    summary: 'Record an inquiry the coordinator took by phone or in person (Idempotency-Key supported)',
    auth: ['coordinator'],
    body: CreateInquiryBody,
    response: Inquiry,
    status: 201,
    idempotent: true,
  },
  async ({ caller, body, event }) => {
    const { networkId } = caller;
    const who = { networkId, scope: 'api-create', caller: caller.sub };
    return idempotent(who, event.headers['idempotency-key'], body, async (run) => {
      const { competences, ...fields } = body;
      const checked = competences ? await checkedCompetences(networkId, competences) : undefined;
      const answer = (inquiry: Inquiry) => reply.created(inquiry, `/inquiries/${inquiry.id}`);
      const inquiry = await createInquiry(networkId, inquiryFromRequest(fields, 'api', checked), {
        first: { kind: 'created', text: 'inquiry recorded by the coordinator', by: caller.sub },
        extra: (_id, created) => run.record(answer(created)),
      });
      return answer(inquiry);
    });
  },
);
