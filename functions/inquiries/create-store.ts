/**
 * A new inquiry and the customer's messages on it: the write paths that suggest competences
 * (stemmers), detect the language (franc's trigram tables) and tell the contact person (the mail
 * catalogue). Kept out of store.ts so the routes that only read or change an inquiry do not load
 * them at a cold start (bench/bundles.ts).
 */

import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Competence, Network } from '#functions/networks/index';
import { getNetwork, listCompetences } from '#functions/networks/store';
import { db, tableName } from '#shared/db/client';
import type { TransactItem } from '#shared/db/transact';
import { detectLanguage } from '#shared/detect-language';
import { NotFoundError } from '#shared/http/errors';
import { newId } from '#shared/ids';
import { mailDomain } from '#shared/mail/config';
import { queuedMailItem } from '#shared/mail/outbox';
import { recordUsage } from '#shared/metering/store';
import { nowIso } from '#shared/time';
import { getCompetenceModel } from './competence-model';
import { type CompetenceModel, suggestCompetences } from './competences';
import { contactNotice, networkSender } from './inquiries-mail';
import { inquiryIndex, inquiryKeys } from './keys';
import { formatReference } from './reference';
import { Inquiry, type InquiryCompetence, type NewInquiry } from './schema';
import { getInquiry, messageIdItem, type TimelineInput, timelineEntryItem, transact, VERSION } from './store';

/**
 * Allocates the next reference number of the network's year: one atomic ADD, so concurrent
 * creates get distinct, consecutive numbers without reading first.
 */
async function nextReference(networkId: string, prefix: string, year: number): Promise<string> {
  const out = await db.send(
    new UpdateCommand({
      TableName: tableName,
      Key: inquiryKeys.sequence(networkId, year),
      UpdateExpression: 'ADD seq :one SET entity = :entity, v = :v',
      ExpressionAttributeValues: { ':one': 1, ':entity': 'inquiry-sequence', ':v': VERSION },
      ReturnValues: 'UPDATED_NEW',
    }),
  );
  return formatReference(prefix, year, Number(out.Attributes?.seq));
}

/** What a caller of `createInquiry` read already (in parallel with its own checks). */
export interface Prefetched {
  network?: Network;
  /** The network's taxonomy, for suggesting competences from the text. */
  taxonomy?: Competence[];
  /** What the network's coordinators taught the suggestion (competence-model.ts). */
  model?: CompetenceModel;
}

/**
 * Creates an inquiry: allocates its reference number, suggests competences from the text when
 * none are given, and writes the inquiry, its reference entry, its first timeline entry, the
 * Message-IDs of its conversation and the `extra` items (given the new id and inquiry: e.g. its
 * queued acknowledgement, shared/mail/outbox.ts) in ONE transaction. Counts
 * `inquiriesCreated` once the transaction has landed. Reads the network and its taxonomy in
 * parallel unless `prefetched` has them.
 */
export async function createInquiry(
  networkId: string,
  input: NewInquiry,
  opts: {
    first?: TimelineInput;
    /** Items for the transaction; `taxonomy` is the network's competences, read once here. */
    extra?: (inquiryId: string, inquiry: Inquiry, taxonomy: Competence[]) => TransactItem[];
    prefetched?: Prefetched;
  } = {},
): Promise<Inquiry> {
  const known = opts.prefetched ?? {};
  const [network, taxonomy, model] = await Promise.all([
    known.network ?? getNetwork(networkId),
    known.taxonomy ?? listCompetences(networkId),
    input.competences ? undefined : (known.model ?? getCompetenceModel(networkId)),
  ]);
  if (!network) throw new NotFoundError('network');
  const competences: InquiryCompetence[] =
    input.competences ?? suggestCompetences(`${input.subject}\n${input.text}`, taxonomy, model);
  const now = nowIso();
  const reference = await nextReference(networkId, network.referencePrefix, Number(now.slice(0, 4)));
  const language = input.language ?? (await detectLanguage(`${input.subject}\n${input.text}`));
  const inquiry: Inquiry = Inquiry.parse({
    ...input,
    ...(language ? { language } : {}),
    competences,
    id: newId(),
    reference,
    status: 'new',
    createdAt: now,
    updatedAt: now,
  });
  const items: TransactItem[] = [
    {
      Put: {
        TableName: tableName,
        Item: {
          ...inquiryKeys.inquiry(networkId, inquiry.id),
          entity: 'inquiry',
          v: VERSION,
          gsi1pk: inquiryIndex.all(networkId),
          gsi1sk: inquiryIndex.byDate(now, inquiry.id),
          gsi2pk: inquiryIndex.status(networkId, 'new'),
          gsi2sk: inquiryIndex.byDate(now, inquiry.id),
          ...inquiry,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
    {
      Put: {
        TableName: tableName,
        Item: {
          ...inquiryKeys.reference(networkId, reference),
          entity: 'inquiry-reference',
          v: VERSION,
          inquiryId: inquiry.id,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
    timelineEntryItem(
      networkId,
      inquiry.id,
      opts.first ?? {
        kind: 'created',
        text: `inquiry received (${input.source})`,
        data: { source: input.source },
      },
    ),
    ...(input.mailThread ?? []).map((m) => messageIdItem(networkId, inquiry.id, m)),
    ...(opts.extra?.(inquiry.id, inquiry, taxonomy) ?? []),
    // the contact person hears of every inquiry the coordinator did not record themselves
    ...(inquiry.source === 'api'
      ? []
      : [
          queuedMailItem(
            networkId,
            contactNotice(network, inquiry, networkSender(network, mailDomain()), 'new-inquiry'),
            { id: `notify-new-${inquiry.id}` },
          ),
        ]),
  ];
  await transact(items);
  await recordUsage(networkId, 'inquiriesCreated');
  return inquiry;
}

/**
 * A customer's message on an inquiry: the contact person's notice, for the transaction that adds
 * the message (`addTimelineEntry`'s `extra`). One notice per received mail: its id carries the
 * intake's mail id, so a replay queues nothing.
 */
export async function customerReplyNotice(
  networkId: string,
  inquiryId: string,
  entry: TimelineInput,
): Promise<TransactItem[]> {
  const [network, inquiry] = await Promise.all([getNetwork(networkId), getInquiry(networkId, inquiryId)]);
  if (!network || !inquiry) return [];
  const mailId =
    typeof entry.data?.mailId === 'string'
      ? entry.data.mailId.replace(/[^A-Za-z0-9_-]/g, '').slice(0, 100)
      : newId();
  const mail = contactNotice(
    network,
    inquiry,
    networkSender(network, mailDomain()),
    'customer-reply',
    entry.text,
  );
  return [queuedMailItem(networkId, mail, { id: `notify-reply-${mailId}` })];
}
