import { planAcknowledgement, referencesInSubject } from '#functions/inquiries/index';
import {
  addTimelineEntry,
  createInquiry,
  inquiryIdByMessageId,
  inquiryIdByReference,
} from '#functions/inquiries/store';
import type { Network } from '#functions/networks/index';
import { getNetwork, networkIdByInbox } from '#functions/networks/store';
import { newId } from '#shared/ids';
import { logger } from '#shared/log';
import { mailDomain } from '#shared/mail/config';
import { ATTACHMENT_PREFIX, mailStorage } from '#shared/mail/storage';
import { recordUsage } from '#shared/metering/store';
import { classifyMail, mailIdentity, type ParsedMail, parseHeaders, parseMail, senderOf } from './mime';
import { inboxLocalParts } from './routing';
import {
  abandonClaim,
  claimForRelease,
  claimMail,
  keepUnroutable,
  type MailRecord,
  type QuarantineReason,
  quarantineMail,
  settleMailItem,
} from './store';

/** What SES (or the local SMTP server) hands over about one received message. */
export interface InboundMail {
  raw: Uint8Array;
  /** Where the raw source is kept (`raw/<SES messageId>`). */
  rawKey: string;
  /** Envelope recipients: SES `receipt.recipients`, SMTP `RCPT TO`. */
  recipients: string[];
  /** Envelope sender (MAIL FROM); empty for bounces. */
  envelopeFrom?: string;
  receivedAt: string;
  verdicts: { spam?: string; virus?: string };
}

export type Outcome =
  | { outcome: 'inquiry' | 'message'; networkId: string; mailId: string; inquiryId: string }
  | { outcome: 'quarantined'; networkId: string; mailId: string; reason: QuarantineReason }
  | { outcome: 'duplicate'; networkId?: string; mailId: string }
  | { outcome: 'unroutable'; mailId: string };

/** Messages above this size are kept and quarantined unparsed (SES itself takes up to 40 MB). */
export const maxParseBytes = () => Number(process.env.INTAKE_MAX_BYTES) || 25 * 1024 * 1024;

/**
 * Receives one message: routes it by the envelope recipients to networks, and in each network
 * dedupes, quarantines, threads or creates an inquiry. Nothing is dropped: a message that
 * reaches no network is kept as unroutable for the operator.
 */
export async function receiveMail(mail: InboundMail): Promise<Outcome[]> {
  const mailId = mailIdentity(mail.raw);
  const head = await parseHeaders(mail.raw);
  const { localParts } = inboxLocalParts(mail.recipients, mailDomain());
  const found = await Promise.all(localParts.map((l) => networkIdByInbox(l)));
  const networkIds = [...new Set(found.filter((n): n is string => n !== undefined))];
  const base = {
    mailId,
    rawKey: mail.rawKey,
    size: mail.raw.byteLength,
    receivedAt: mail.receivedAt,
    envelopeFrom: mail.envelopeFrom,
    recipients: mail.recipients,
    from: head.from,
    subject: head.subject,
  };
  if (networkIds.length === 0) {
    const kept = await keepUnroutable(mail.receivedAt.slice(0, 7), base);
    logger.info('unroutable mail kept', { mailId, recipients: mail.recipients });
    return [kept ? { outcome: 'unroutable', mailId } : { outcome: 'duplicate', mailId }];
  }
  const outcomes: Outcome[] = [];
  for (const networkId of networkIds) {
    outcomes.push(await receiveInNetwork(networkId, { ...base, messageId: head.messageId }, mail));
  }
  return outcomes;
}

function verdictReason(mail: InboundMail): { reason: QuarantineReason; detail: string } | undefined {
  if (mail.verdicts.virus === 'FAIL') return { reason: 'virus', detail: 'SES virus scan: FAIL' };
  if (mail.verdicts.spam === 'FAIL') return { reason: 'spam', detail: 'SES spam scan: FAIL' };
  if (mail.raw.byteLength > maxParseBytes()) {
    const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
    return {
      reason: 'oversize',
      detail: `${mb(mail.raw.byteLength)} is more than the ${mb(maxParseBytes())} the intake parses`,
    };
  }
  return undefined;
}

async function receiveInNetwork(
  networkId: string,
  record: Omit<MailRecord, 'state'>,
  mail: InboundMail,
): Promise<Outcome> {
  const token = newId();
  if (!(await claimMail(networkId, record, token))) {
    logger.info('duplicate delivery ignored', { networkId, mailId: record.mailId });
    return { outcome: 'duplicate', networkId, mailId: record.mailId };
  }
  await recordUsage(networkId, 'emailsReceived');
  try {
    const quarantine = verdictReason(mail);
    if (quarantine) return await hold(networkId, record, token, quarantine);
    const parsed = await parseMail(mail.raw);
    if (!parsed.ok)
      return await hold(networkId, record, token, { reason: 'malformed', detail: parsed.reason });
    return await deliver(networkId, record, token, parsed.mail, { release: false });
  } catch (err) {
    // let the retry (Lambda's, or SES's redelivery) process it instead of seeing a duplicate
    await abandonClaim(networkId, record.mailId, token).catch(() => undefined);
    throw err;
  }
}

async function hold(
  networkId: string,
  record: Pick<MailRecord, 'mailId' | 'receivedAt'>,
  token: string,
  quarantine: { reason: QuarantineReason; detail: string },
): Promise<Outcome> {
  await quarantineMail(networkId, record.mailId, token, quarantine, record.receivedAt);
  logger.info('mail quarantined', { networkId, mailId: record.mailId, reason: quarantine.reason });
  return { outcome: 'quarantined', networkId, mailId: record.mailId, reason: quarantine.reason };
}

/**
 * The inquiry this mail continues: by the Message-IDs it answers, else by its own Message-ID
 * (a re-sent or altered copy of a message already in a conversation), else a reference token.
 */
async function findThread(
  networkId: string,
  network: Network,
  mail: ParsedMail,
): Promise<string | undefined> {
  const ids = [...mail.referencedIds.slice(0, 10), ...(mail.messageId ? [mail.messageId] : [])];
  for (const id of ids) {
    const hit = await inquiryIdByMessageId(networkId, id);
    if (hit) return hit;
  }
  for (const ref of referencesInSubject(mail.subject, network.referencePrefix).slice(0, 3)) {
    const hit = await inquiryIdByReference(networkId, ref);
    if (hit) return hit;
  }
  return undefined;
}

/** Attachments go to storage first (idempotent keys), so the inquiry only records what is there. */
async function storeAttachments(networkId: string, mailId: string, mail: ParsedMail) {
  const storage = mailStorage();
  return Promise.all(
    mail.attachments.map(async (a, i) => {
      const key = `${ATTACHMENT_PREFIX}${networkId}/${mailId}/${i + 1}`;
      await storage.putAttachment(key, a.content, a.contentType);
      return {
        id: `${mailId}-${i + 1}`,
        filename: a.filename,
        contentType: a.contentType,
        size: a.size,
        key,
      };
    }),
  );
}

/**
 * Turns a claimed, parsed message into a message on an existing inquiry or a new inquiry, and
 * acknowledges a new inquiry unless the mail came from a robot. Also used to release a message
 * from quarantine (`release`: the coordinator decided it is wanted, bounces included).
 */
export async function deliver(
  networkId: string,
  record: Pick<MailRecord, 'mailId' | 'receivedAt' | 'envelopeFrom'>,
  token: string,
  mail: ParsedMail,
  opts: { release: boolean },
): Promise<Outcome> {
  const { mailId } = record;
  const network = await getNetwork(networkId);
  if (!network) throw new Error(`network ${networkId} has an inbox but no network item`);
  const classification = classifyMail(mail, record.envelopeFrom);
  const sender = senderOf(mail, record.envelopeFrom);
  const threadId = await findThread(networkId, network, mail);
  if (!threadId) {
    if (!sender) {
      return hold(networkId, record, token, {
        reason: 'no-sender',
        detail: 'no valid address in Reply-To, From or the envelope sender',
      });
    }
    if (classification.kind === 'bounce' && !opts.release) {
      return hold(networkId, record, token, {
        reason: 'bounce',
        detail: `${classification.reason}; it answers no message of this network`,
      });
    }
  }
  const attachments = await storeAttachments(networkId, mailId, mail);
  const entry = {
    kind: 'message-in',
    text: mail.text,
    by: sender?.email ?? mail.from?.address ?? 'unknown sender',
    data: {
      mailId,
      messageId: mail.messageId,
      from: mail.from,
      subject: mail.subject,
      classification: classification.kind,
      attachments,
    },
  };
  const thread = mail.messageId ? [mail.messageId] : [];
  if (threadId) {
    await addTimelineEntry(networkId, threadId, entry, {
      appendThread: thread,
      extra: [settleMailItem(networkId, mailId, token, { state: 'message', inquiryId: threadId })],
    });
    logger.info('mail threaded onto inquiry', { networkId, mailId, inquiryId: threadId });
    return { outcome: 'message', networkId, mailId, inquiryId: threadId };
  }
  // checked above: a new inquiry needs someone to answer
  const customer = sender!;
  const input = {
    source: 'email' as const,
    customer,
    subject: mail.subject || '(no subject)',
    text: mail.text,
    mailThread: thread,
  };
  // personal mail is acknowledged; the acknowledgement is queued in the inquiry's transaction
  const ack =
    classification.kind === 'personal'
      ? await planAcknowledgement(networkId, network, input, mail.messageId)
      : undefined;
  const inquiry = await createInquiry(networkId, ack?.input ?? input, {
    first: entry,
    extra: (inquiryId, created) => [
      settleMailItem(networkId, mailId, token, { state: 'inquiry', inquiryId }),
      ...(ack?.items(created) ?? []),
    ],
  });
  logger.info('inquiry created from mail', { networkId, mailId, inquiryId: inquiry.id });
  return { outcome: 'inquiry', networkId, mailId, inquiryId: inquiry.id };
}

/**
 * The coordinator releases a quarantined message: it is claimed again and delivered like fresh
 * mail (virus, spam and size verdicts no longer apply). A message the parser cannot read
 * becomes an inquiry with its headers and a pointer to the raw source.
 */
export async function releaseQuarantined(networkId: string, mailId: string, by: string): Promise<Outcome> {
  const token = newId();
  const record = await claimForRelease(networkId, mailId, token, by);
  const raw = await mailStorage().getRaw(record.rawKey);
  if (!raw) throw new Error(`raw message ${record.rawKey} is missing from the mail store`);
  const parsed = raw.byteLength <= maxParseBytes() ? await parseMail(raw) : undefined;
  const mail: ParsedMail = parsed?.ok
    ? parsed.mail
    : {
        ...(await parseHeaders(raw)),
        referencedIds: [],
        references: [],
        text: '(this message could not be read as a whole; download its raw source)',
        attachments: [],
        headers: [],
      };
  return deliver(networkId, record, token, mail, { release: true });
}
