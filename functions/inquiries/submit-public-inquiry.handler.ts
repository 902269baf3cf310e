import { getNetwork, networkIdBySlug } from '#functions/networks/store';
import { NotFoundError } from '#shared/http/errors';
import { http, reply } from '#shared/http/handler';
import { idempotent } from '#shared/http/idempotency';
import { clientBucket, enforceRate } from '#shared/http/rate-limit';
import { inquiryFromRequest } from './inquiry';
import { LIMITS } from './limits';
import { planAcknowledgement } from './outbound';
import { PublicInquiryAnswer, PublicInquiryBody, SlugPath } from './schema';
import { createInquiry } from './store';

export const handler = http(
  {
    summary: "A customer's inquiry from the network's public form (no account; rate-limited)",
    auth: 'public',
    params: SlugPath,
    body: PublicInquiryBody,
    response: PublicInquiryAnswer,
    status: 201,
  },
  async ({ params, body, event }) => {
    const networkId = await networkIdBySlug(params.slug);
    if (!networkId) throw new NotFoundError('network');
    return idempotent(networkId, 'public-form', event.headers['idempotency-key'], body, async () => {
      const { formPerClient: client, formPerNetwork: all } = LIMITS;
      await enforceRate(
        networkId,
        clientBucket(event.requestContext.http.sourceIp),
        client.limit,
        client.windowSeconds,
      );
      await enforceRate(networkId, 'form', all.limit, all.windowSeconds);
      const { consent: _, website: __, ...fields } = body;
      const input = inquiryFromRequest(fields, 'form');
      const network = await getNetwork(networkId);
      const ack = network && (await planAcknowledgement(networkId, network, input));
      const inquiry = await createInquiry(networkId, ack?.input ?? input, {
        extra: (_id, created) => ack?.items(created) ?? [],
      });
      return reply.created({
        reference: inquiry.reference,
        message: `Thank you. Your inquiry ${inquiry.reference} has been received; we will get back to you shortly.`,
      });
    });
  },
);
