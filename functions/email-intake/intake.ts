import { answerFromMail, planMailAnswer, questionInSubject } from '#functions/exchange/index';
import { createInquiry, customerReplyNotice } from '#functions/inquiries/create-store';
import { planAcknowledgement, secretMatches, tokensInSubject } from '#functions/inquiries/index';
import {
  addTimelineEntry,
  getInquiry,
  inquiryIdByMessageId,
  inquiryIdByReference,
  messageIdItem,
} from '#functions/inquiries/store';
import type { Network } from '#functions/networks/index';
import { getNetwork, listCompetences, networkIdByInbox } from '#functions/networks/store';
import { notify } from '#functions/notifications/index';
import { newId } from '#shared/ids';
import { logger } from '#shared/log';
import { mailDomain } from '#shared/mail/config';
import { ATTACHMENT_PREFIX, mailStorage } from '#shared/mail/storage';
import { recordUsage } from '#shared/metering/store';
import { isTemporaryFailure } from '#shared/temporary-failure';
import { describeFailure, MailInFlightError } from './failure';
import { classifyMail, mailIdentity, type ParsedMail, parseHeaders, parseMail, senderOf } from './mime';
import { quarantineNotice } from './quarantine-notice';
import { stripQuotedReply } from './reply-text';
import { inboxLocalParts } from './routing';
import {
  abandonClaim,
  claimForRelease,
  claimMail,
  type HeldReason,
  holdMail,
  keepAutomatic,
  keepUnroutable,
  MAX_ATTEMPTS,
  type MailFacts,
  type MailRecord,
  type QuarantineReason,
  quarantineMail,
  type ReleasableState,
  settleMailAsAnswer,
  settleMailItem,
  type Verdicts,
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
  /** SES receipt verdicts (locally from the SMTP stand-in's test headers, see infra/local/ses-event.ts). */
  verdicts: Verdicts;
}

export type Outcome =
  | { outcome: 'inquiry' | 'message'; networkId: string; mailId: string; inquiryId: string }
  | { outcome: 'answer'; networkId: string; mailId: string; postId: string; answerId: string }
  | { outcome: 'quarantined'; networkId: string; mailId: string; reason: QuarantineReason }
  | { outcome: 'held'; networkId: string; mailId: string; reason: HeldReason; inquiryId?: string }
  | { outcome: 'automatic'; networkId: string; mailId: string; reason: 'auto-reply' | 'list' }
  | { outcome: 'duplicate'; networkId?: string; mailId: string }
  | { outcome: 'unroutable'; mailId: string };

/** Messages above this size are kept and quarantined unparsed (SES itself takes up to 40 MB). */
export const maxParseBytes = () => Number(process.env.INTAKE_MAX_BYTES) || 25 * 1024 * 1024;

/** Attachments stored and listed per message; the raw source keeps the rest (counted). */
export const MAX_ATTACHMENTS = 100;
/** Message-IDs kept on an inquiry (`mailThread`, for the References of replies); more are only mapped. */
export const MAX_THREAD = 100;

/**
 * Receives one message: routes it by the envelope recipients to networks, and in each network
 * dedupes, quarantines, threads or creates an inquiry. Nothing is dropped: a message that
 * reaches no network is kept as unroutable for the operator. Throws (for SES/Lambda or the SMTP
 * client to retry) only for a temporary failure, after trying every network.
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
  const facts: MailFacts = { ...base, messageId: head.messageId, verdicts: definedVerdicts(mail.verdicts) };
  const outcomes: Outcome[] = [];
  let failure: unknown;
  for (const networkId of networkIds) {
    // every network gets its claim even when one fails: the retry or the sweeper finishes the rest
    try {
      outcomes.push(await receiveInNetwork(networkId, facts, mail));
    } catch (err) {
      failure ??= err;
    }
  }
  if (failure) throw failure;
  return outcomes;
}

const definedVerdicts = (v: InboundMail['verdicts']) =>
  Object.fromEntries(Object.entries(v).filter(([, s]) => s !== undefined)) as InboundMail['verdicts'];

/**
 * Processes a message again from its kept raw source (the sweeper, for a claim that went stale).
 * A message whose raw source is gone is quarantined, never retried for ever.
 */
export async function retryClaim(networkId: string, record: MailRecord): Promise<Outcome> {
  if (record.releasedBy) return releaseQuarantined(networkId, record.mailId, record.releasedBy);
  const raw = await mailStorage().getRaw(record.rawKey);
  const {
    state: _state,
    attempts: _attempts,
    lastError: _lastError,
    inquiryId: _inquiryId,
    quarantine: _quarantine,
    held: _held,
    automatic: _automatic,
    rejectedBy: _rejectedBy,
    rejectedAt: _rejectedAt,
    ...facts
  } = record;
  return receiveInNetwork(
    networkId,
    facts,
    {
      raw: raw ?? new Uint8Array(),
      rawKey: record.rawKey,
      recipients: record.recipients,
      envelopeFrom: record.envelopeFrom,
      receivedAt: record.receivedAt,
      verdicts: record.verdicts ?? {},
    },
    raw ? undefined : `the raw source ${record.rawKey} is missing from the mail store`,
  );
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
  facts: MailFacts,
  mail: InboundMail,
  unprocessable?: string,
): Promise<Outcome> {
  const token = newId();
  const claim = await claimMail(networkId, facts, token);
  if (claim.kind === 'settled') {
    logger.info('duplicate delivery ignored', { networkId, mailId: facts.mailId });
    return { outcome: 'duplicate', networkId, mailId: facts.mailId };
  }
  if (claim.kind === 'in-flight') throw new MailInFlightError(facts.mailId);
  return processClaimed(networkId, facts, token, claim, async () => {
    // counted beside the work, not before it: a meter that failed must not hold up the mail
    const counted =
      claim.attempts === 1
        ? recordUsage(networkId, 'emailsReceived').catch((error) =>
            logger.error('emailsReceived not counted', { networkId, mailId: facts.mailId, error }),
          )
        : undefined;
    try {
      if (unprocessable) throw new Error(unprocessable);
      const quarantine = verdictReason(mail);
      if (quarantine) return await hold(networkId, facts, token, quarantine);
      const parsed = await parseMail(mail.raw);
      if (!parsed.ok)
        return await hold(networkId, facts, token, { reason: 'malformed', detail: parsed.reason });
      return await deliver(networkId, facts, token, parsed.mail, { release: false });
    } finally {
      await counted;
    }
  });
}

/**
 * Runs the work on a claimed message. A temporary failure gives the claim up and throws (the
 * retry, or the sweeper, takes it over); a failure that would repeat, or one attempt too many,
 * ends in quarantine as `processing-failed`, raw source kept, releasable, counted.
 */
async function processClaimed(
  networkId: string,
  record: Pick<MailRecord, 'mailId' | 'receivedAt'> & Partial<Pick<MailRecord, 'subject' | 'from'>>,
  token: string,
  claim: { attempts: number; lastError?: string },
  work: () => Promise<Outcome>,
): Promise<Outcome> {
  const { mailId } = record;
  if (claim.attempts > MAX_ATTEMPTS) {
    const detail = `${claim.attempts - 1} attempts did not finish; the last: ${claim.lastError ?? 'the invocation ended without an answer (timeout or crash)'}`;
    return failed(networkId, record, token, detail);
  }
  try {
    return await work();
  } catch (err) {
    if (isTemporaryFailure(err)) {
      await abandonClaim(networkId, mailId, token, describeFailure(err)).catch(() => undefined);
      throw err;
    }
    return failed(networkId, record, token, describeFailure(err));
  }
}

async function failed(
  networkId: string,
  record: Pick<MailRecord, 'mailId' | 'receivedAt'> & Partial<Pick<MailRecord, 'subject' | 'from'>>,
  token: string,
  detail: string,
): Promise<Outcome> {
  const outcome = await hold(networkId, record, token, { reason: 'processing-failed', detail });
  // one CloudWatch metric per message (embedded metric format) for the operator's alarm
  logger.error('mail processing failed', {
    networkId,
    mailId: record.mailId,
    detail,
    IntakeProcessingFailed: 1,
    _aws: {
      Timestamp: Date.now(),
      CloudWatchMetrics: [
        {
          Namespace: 'Verbund',
          // `service` is on every log line (shared/log.ts): the one dimension the alarm watches
          Dimensions: [['service']],
          Metrics: [{ Name: 'IntakeProcessingFailed', Unit: 'Count' }],
        },
      ],
    },
  });
  return outcome;
}

async function hold(
  networkId: string,
  record: Pick<MailRecord, 'mailId' | 'receivedAt'> & Partial<Pick<MailRecord, 'subject' | 'from'>>,
  token: string,
  quarantine: { reason: QuarantineReason; detail: string },
): Promise<Outcome> {
  await quarantineMail(networkId, record.mailId, token, quarantine, record.receivedAt);
  logger.info('mail quarantined', { networkId, mailId: record.mailId, reason: quarantine.reason });
  // right after the hold; the notice's id carries the mail id, so a retried hold tells nobody twice
  await notify(networkId, quarantineNotice({ ...record, reason: quarantine.reason })).catch((error) =>
    logger.error('quarantine notice not queued', { networkId, mailId: record.mailId, error }),
  );
  return { outcome: 'quarantined', networkId, mailId: record.mailId, reason: quarantine.reason };
}

/** How a message found its inquiry: what it proves about its writer having seen the conversation. */
type ThreadProof = 'message-id' | 'token' | 'reference';

/**
 * The inquiry this mail continues: by the Message-IDs it answers, else by its own Message-ID
 * (a re-sent or altered copy of a message already in a conversation), both looked up by the
 * caller beforehand (`messageIdHits`), else a subject token (with its secret, else the bare
 * reference number, which anyone can guess): those lookups in parallel.
 */
async function findThread(
  networkId: string,
  network: Network,
  mail: ParsedMail,
  messageIdHits: readonly (string | undefined)[],
): Promise<{ inquiryId: string; proof: ThreadProof; reference?: string } | undefined> {
  const byMessageId = messageIdHits.find((hit) => hit !== undefined);
  if (byMessageId) return { inquiryId: byMessageId, proof: 'message-id' };
  const tokens = tokensInSubject(mail.subject, network.referencePrefix).slice(0, 3);
  const hits = await Promise.all(tokens.map(({ reference }) => inquiryIdByReference(networkId, reference)));
  let bare: { inquiryId: string; proof: ThreadProof; reference: string } | undefined;
  for (const [i, { reference, secret }] of tokens.entries()) {
    const hit = hits[i];
    if (hit && secretMatches(hit, secret)) return { inquiryId: hit, proof: 'token', reference };
    if (hit) bare ??= { inquiryId: hit, proof: 'reference', reference };
  }
  return bare;
}

const sameAddress = (a: string | undefined, b: string | undefined) =>
  !!a && !!b && a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * Should the coordinator look at this message before anyone takes it for the customer's? When
 * DMARC fails (the From is forged, or the domain's own mail is misconfigured), and when it
 * names nothing but the inquiry's reference number, which counts up and is easy to guess, and
 * comes from someone who is not the inquiry's customer.
 */
async function doubtAbout(
  networkId: string,
  thread: Awaited<ReturnType<typeof findThread>>,
  mail: ParsedMail,
  verdicts: Verdicts | undefined,
): Promise<{ reason: HeldReason; detail: string } | undefined> {
  if (verdicts?.dmarc === 'FAIL') {
    const rest = [`SPF ${verdicts.spf ?? 'unknown'}`, `DKIM ${verdicts.dkim ?? 'unknown'}`];
    return {
      reason: 'dmarc-fail',
      detail: `DMARC FAIL for ${mail.from?.address ?? 'the From address'} (policy ${verdicts.dmarcPolicy ?? 'unknown'}; ${rest.join(', ')})`,
    };
  }
  if (thread?.proof !== 'reference') return undefined;
  const inquiry = await getInquiry(networkId, thread.inquiryId);
  const author = mail.from?.address;
  const participant =
    sameAddress(author, inquiry?.customer.email) &&
    (!mail.replyTo || sameAddress(mail.replyTo.address, inquiry?.customer.email));
  if (participant) return undefined;
  return {
    reason: 'stranger',
    detail: `${author ?? 'an unknown sender'} is not the customer of ${thread.reference}, and the message names only the reference number, not its thread token`,
  };
}

async function holdForConfirmation(
  networkId: string,
  record: Pick<MailRecord, 'mailId' | 'receivedAt'> & Partial<Pick<MailRecord, 'subject' | 'from'>>,
  token: string,
  held: NonNullable<MailRecord['held']>,
): Promise<Outcome> {
  await holdMail(networkId, record.mailId, token, held, record.receivedAt);
  logger.info('mail held for confirmation', { networkId, mailId: record.mailId, reason: held.reason });
  return {
    outcome: 'held',
    networkId,
    mailId: record.mailId,
    reason: held.reason,
    ...(held.inquiryId ? { inquiryId: held.inquiryId } : {}),
  };
}

/**
 * Attachments go to storage first (idempotent keys), so the inquiry only records what is there.
 * The first MAX_ATTACHMENTS are stored and listed (a list of thousands would not fit in one
 * item); the rest stay in the raw source.
 */
async function storeAttachments(networkId: string, mailId: string, mail: ParsedMail) {
  const storage = mailStorage();
  return Promise.all(
    mail.attachments.slice(0, MAX_ATTACHMENTS).map(async (a, i) => {
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
  record: Pick<MailRecord, 'mailId' | 'receivedAt' | 'envelopeFrom' | 'verdicts'>,
  token: string,
  mail: ParsedMail,
  opts: { release: boolean },
): Promise<Outcome> {
  const { mailId } = record;
  // The inquiry this mail continues: by the Message-IDs it answers, else by its own Message-ID
  // (a re-sent or altered copy of a message already in a conversation), else a reference token.
  // The network and every Message-ID are looked up at once; the last lookup is the mail's own.
  const ids = [...mail.referencedIds.slice(0, 10), ...(mail.messageId ? [mail.messageId] : [])];
  const [network, hits] = await Promise.all([
    getNetwork(networkId),
    Promise.all(ids.map((id) => inquiryIdByMessageId(networkId, id))),
  ]);
  if (!network) throw new Error(`network ${networkId} has an inbox but no network item`);
  const classification = classifyMail(mail, record.envelopeFrom);
  // a reply to an exchange mail ([Q-…] in the subject) answers its question, or is refused;
  // a released one is the coordinator's call and goes the inquiry way below
  const question = opts.release ? undefined : questionInSubject(mail.subject);
  if (question && classification.kind === 'personal') {
    return answerByMail(networkId, record, token, mail, question);
  }
  const sender = senderOf(mail, record.envelopeFrom);
  const found = await findThread(networkId, network, mail, hits);
  const threadId = found?.inquiryId;
  const doubt = opts.release ? undefined : await doubtAbout(networkId, found, mail, record.verdicts);
  if (doubt) {
    return holdForConfirmation(networkId, record, token, {
      ...doubt,
      ...(found ? { inquiryId: found.inquiryId } : {}),
      ...(found?.reference ? { reference: found.reference } : {}),
    });
  }
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
    if ((classification.kind === 'auto-reply' || classification.kind === 'list') && !opts.release) {
      // a robot's mail is no inquiry: kept apart (listed, releasable), no reference number, no answer
      const automatic = { kind: classification.kind, reason: classification.reason };
      await keepAutomatic(networkId, mailId, token, automatic, record.receivedAt);
      logger.info('automatic mail kept', { networkId, mailId, kind: classification.kind });
      return { outcome: 'automatic', networkId, mailId, reason: classification.kind };
    }
  }
  // a new inquiry's taxonomy is read while attachments are stored
  const prefetch = threadId ? undefined : listCompetences(networkId);
  prefetch?.catch(() => undefined);
  const [attachments, kept] = await Promise.all([
    storeAttachments(networkId, mailId, mail),
    threadId ? getInquiry(networkId, threadId).then((i) => i?.mailThread?.length ?? 0) : 0,
  ]);
  const unlisted = mail.attachments.length - attachments.length;
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
      // written by a robot (auto-reply, list, bounce): shown as such, changes nothing on the inquiry
      ...(classification.kind !== 'personal' ? { automatic: true } : {}),
      attachments,
      ...(unlisted > 0
        ? { attachmentCount: mail.attachments.length, attachmentsInRawSourceOnly: unlisted }
        : {}),
    },
  };
  // a Message-ID is never re-pointed: one that belongs to another inquiry stays there
  const owner = mail.messageId ? hits[hits.length - 1] : undefined;
  const thread = mail.messageId && (!owner || owner === threadId) ? [mail.messageId] : [];
  if (threadId) {
    const full = kept >= MAX_THREAD;
    await addTimelineEntry(networkId, threadId, entry, {
      appendThread: full ? [] : thread,
      extra: [
        ...(full ? thread.map((m) => messageIdItem(networkId, threadId, m)) : []),
        settleMailItem(networkId, mailId, token, { state: 'message', inquiryId: threadId }),
        ...(await customerReplyNotice(networkId, threadId, entry)),
      ],
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
  const [ack, taxonomy] = await Promise.all([
    classification.kind === 'personal'
      ? planAcknowledgement(networkId, network, input, mail.messageId)
      : undefined,
    prefetch!,
  ]);
  const inquiry = await createInquiry(networkId, ack?.input ?? input, {
    prefetched: { network, taxonomy },
    first: entry,
    extra: (inquiryId, created, taxonomy) => [
      settleMailItem(networkId, mailId, token, { state: 'inquiry', inquiryId }),
      ...(ack?.items(created, taxonomy) ?? []),
    ],
  });
  logger.info('inquiry created from mail', { networkId, mailId, inquiryId: inquiry.id });
  return { outcome: 'inquiry', networkId, mailId, inquiryId: inquiry.id };
}

/**
 * A partner's reply to an exchange mail becomes its answer (quoted text stripped), settled with
 * the mail in one transaction; anyone else's reply, or one to a closed thread, or one with no
 * text of its own, is quarantined with the reason.
 */
async function answerByMail(
  networkId: string,
  record: Pick<MailRecord, 'mailId' | 'receivedAt' | 'verdicts'>,
  token: string,
  mail: ParsedMail,
  postId: string,
): Promise<Outcome> {
  const plan = await planMailAnswer(networkId, postId, {
    from: mail.from?.address,
    replyTo: mail.replyTo?.address,
    dmarc: record.verdicts?.dmarc,
  });
  if (!plan.ok) return hold(networkId, record, token, { reason: plan.reason, detail: plan.detail });
  const text = stripQuotedReply(mail.text).slice(0, 20_000);
  if (!text.trim()) {
    return hold(networkId, record, token, {
      reason: 'empty-answer',
      detail: `the reply to Q-${postId.toUpperCase()} holds nothing but the quoted mail`,
    });
  }
  const answerId = await answerFromMail(networkId, plan, text, record.receivedAt, (answerId) => [
    settleMailAsAnswer(networkId, record.mailId, token, { postId, answerId }),
  ]);
  logger.info('mail became an exchange answer', { networkId, mailId: record.mailId, postId, answerId });
  return { outcome: 'answer', networkId, mailId: record.mailId, postId, answerId };
}

/**
 * The coordinator releases a quarantined message, or confirms a held one (`from: 'held'`): it is
 * claimed again and delivered like fresh mail (virus, spam, size and sender doubts no longer
 * apply; a confirmed message threads onto the inquiry it named). A message the parser cannot read
 * becomes an inquiry with its headers and a pointer to the raw source. A release that fails
 * for good puts the message back into quarantine as `processing-failed`.
 */
export async function releaseQuarantined(
  networkId: string,
  mailId: string,
  by: string,
  from: ReleasableState = 'quarantined',
): Promise<Outcome> {
  const token = newId();
  const record = await claimForRelease(networkId, mailId, token, by, from);
  const claim = { attempts: record.attempts ?? 1, lastError: record.lastError };
  return processClaimed(networkId, record, token, claim, async () => {
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
  });
}
