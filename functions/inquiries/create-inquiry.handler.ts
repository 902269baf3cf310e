import { getNetwork } from '#functions/networks/store';
import { NotFoundError } from '#shared/http/errors';
import { http, reply } from '#shared/http/handler';
import { idempotent } from '#shared/http/idempotency';
import { createInquiry } from './create-store';
import { inquiryFromRequest } from './inquiry';
import { planAcknowledgement } from './outbound';
import { Inquiry } from './schema';
import { checkedCompetences } from './taxonomy';
import { CreateInquiryBody } from './write-schema';

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
      const { competences, acknowledge, ...fields } = body;
      const checked = competences ? await checkedCompetences(networkId, competences) : undefined;
      const answer = (inquiry: Inquiry) => reply.created(inquiry, `/inquiries/${inquiry.id}`);
      const input = inquiryFromRequest(fields, 'api', checked);
      const network = acknowledge ? await getNetwork(networkId) : undefined;
      if (acknowledge && !network) throw new NotFoundError('network');
      const ack = network && (await planAcknowledgement(networkId, network, input));
      const inquiry = await createInquiry(networkId, ack?.input ?? input, {
        first: {
          kind: 'created',
          text: 'inquiry recorded by the coordinator',
          by: caller.sub,
          data: { recordedBy: 'coordinator' },
        },
        extra: (_id, created, taxonomy) => [
          ...run.record(answer(created)),
          ...(ack?.items(created, taxonomy) ?? []),
        ],
      });
      return answer(inquiry);
    });
  },
);
