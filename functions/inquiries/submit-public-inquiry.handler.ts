import { createHash } from 'node:crypto';
import { getNetwork, listCompetences, networkIdBySlug } from '#functions/networks/store';
import { NotFoundError } from '#shared/http/errors';
import { uploadedFiles } from '#shared/http/form';
import { http, reply } from '#shared/http/handler';
import { idempotent } from '#shared/http/idempotency';
import { clientBucket, enforceRate } from '#shared/http/rate-limit';
import { recordUsage } from '#shared/metering/store';
import { getCompetenceModel } from './competence-model';
import { createInquiry } from './create-store';
import { embedCors } from './embed';
import { inquiryFromRequest } from './inquiry';
import { LIMITS } from './limits';
import { planAcknowledgement } from './outbound';
import { checkPhotos, storePhotos } from './photo-store';
import { MAX_FORM_BYTES, MAX_PHOTO_BYTES, MAX_PHOTOS, PHOTO_FIELD } from './photos';
import { decoyReference } from './reference';
import { type Inquiry, SlugPath } from './schema';
import { newStatusToken, statusUrl } from './status-link';
import { statusTokenItem } from './store';
import { PublicInquiryAnswer, PublicInquiryBody } from './write-schema';

export const handler = http(
  {
    summary: "A customer's inquiry from the network's public form (no account; rate-limited)",
    description: `Photos: as \`multipart/form-data\` (the same fields, files in \`${PHOTO_FIELD}\`), at most ${MAX_PHOTOS}, the whole post at most ${MAX_FORM_BYTES / 1024 / 1024} MB (413 naming \`${PHOTO_FIELD}\`); each must be a JPEG, PNG, WebP or HEIC photo by its content (400 naming \`${PHOTO_FIELD}.<n>\`). \`Accept: application/json\` on a form post answers JSON instead of the 303.`,
    auth: 'public',
    params: SlugPath,
    body: PublicInquiryBody,
    response: PublicInquiryAnswer,
    status: 201,
    idempotent: true,
    problems: [403, 413, 429],
    // embedded on the network's own website: its listed origins may post (and read the answer)
    cors: embedCors,
    // the hosted form without JavaScript (GET /public/{slug}/form): back to it, with the reference
    form: {
      booleans: ['consent'],
      files: {
        field: PHOTO_FIELD,
        maxFiles: MAX_PHOTOS,
        maxFileBytes: MAX_PHOTO_BYTES,
        maxBodyBytes: MAX_FORM_BYTES,
      },
      seeOther: (answer, event) => {
        const q = new URLSearchParams({ gesendet: (answer as { reference: string }).reference });
        if (event.queryStringParameters?.lang === 'en') q.set('lang', 'en');
        return `/${encodeURIComponent(event.pathParameters?.slug ?? '')}/anfrage?${q}`;
      },
    },
  },
  async ({ params, body, event }) => {
    const networkId = await networkIdBySlug(params.slug);
    if (!networkId) throw new NotFoundError('network');
    // the photos' types from their bytes, before anything is written
    const photos = checkPhotos(uploadedFiles(event));
    if (body.website) {
      // a bot filled the honeypot: answer as if it worked (telling it so would teach it), write nothing
      const network = await getNetwork(networkId);
      return reply.created(
        received(decoyReference(network?.referencePrefix ?? 'REF', new Date().getUTCFullYear())),
      );
    }
    const clientId = clientBucket(event.requestContext.http.sourceIp);
    const who = { networkId, scope: 'public-form', caller: clientId };
    // the reads do not depend on the key's claim: made while it is taken (unused by a replay)
    const reads = Promise.all([
      getNetwork(networkId),
      listCompetences(networkId),
      getCompetenceModel(networkId),
    ]);
    reads.catch(() => undefined);
    // a repeat must carry the same photos to get the first answer
    const fingerprint = photos.length > 0 ? { ...body, photos: photos.map((p) => sha256(p.bytes)) } : body;
    return idempotent(who, event.headers['idempotency-key'], fingerprint, async (run) => {
      const { formPerClient: client, formPerNetwork: all } = LIMITS;
      // the client's limit first: a client it refuses counts toward nothing else
      await enforceRate(networkId, clientId, client.limit, client.windowSeconds);
      const [network, taxonomy, model] = await reads;
      if (!network) throw new NotFoundError('network');
      const { consent: _, website: __, ...fields } = body;
      const input = inquiryFromRequest(fields, 'form');
      const token = newStatusToken();
      const link = statusUrl(params.slug, token);
      // independent of each other: the network's limit and the acknowledgement's loop guard; the
      // reference number only after both (a refused post never takes one: numbers stay gap-free)
      const [, ack] = await Promise.all([
        enforceRate(networkId, 'form', all.limit, all.windowSeconds),
        planAcknowledgement(networkId, network, input, undefined, link),
      ]);
      const answer = ({ reference }: Inquiry) => reply.created(received(reference));
      // stored only now: a refused post (limits) keeps nothing
      const stored = await storePhotos(networkId, photos);
      const withPhotos = { ...(ack?.input ?? input), ...(stored.length > 0 ? { photos: stored } : {}) };
      const inquiry = await createInquiry(networkId, withPhotos, {
        prefetched: { network, taxonomy, model },
        extra: (id, created, taxonomy) => [
          statusTokenItem(networkId, id, token),
          ...(ack?.items(created, taxonomy) ?? []),
          ...run.record(answer(created)),
        ],
      });
      if (stored.length > 0) await recordUsage(networkId, 'photosStored', stored.length);
      return answer(inquiry);
    });
  },
);

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('base64url');

const received = (reference: string) => ({
  reference,
  message: `Thank you. Your inquiry ${reference} has been received; we will get back to you shortly.`,
});
