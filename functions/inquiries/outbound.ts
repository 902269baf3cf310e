import type * as z from 'zod/mini';
import type { Network } from '#functions/networks/index';

/** A competence with its two labels (what the acknowledgement names the recognised trades by). */
type CompetenceLabelled = { id: string; label_de: string; label_en: string };

import type { TransactItem } from '#shared/db/transact';
import { ValidationError } from '#shared/http/errors';
import { withinRate } from '#shared/http/rate-limit';
import { formats } from '#shared/i18n';
import { newId } from '#shared/ids';
import { logger } from '#shared/log';
import type { OutgoingMail } from '#shared/mail/compose';
import { mailDomain } from '#shared/mail/config';
import { newMessageId } from '#shared/mail/message-id';
import { queuedMailItem } from '#shared/mail/outbox';
import { ATTACHMENT_PREFIX, mailStorage } from '#shared/mail/storage';
import {
  acknowledgement,
  type CustomerNotice,
  customerNotice,
  customerReply,
  networkSender,
} from './inquiries-mail';
import { digest } from './keys';
import { LIMITS } from './limits';
import type { Inquiry, NewInquiry } from './schema';
import { addTimelineEntry, timelineEntryItem } from './store';
import { MAX_REPLY_ATTACHMENT_BYTES, type ReplyAttachment } from './write-schema';

/** The timeline entry of a mail that goes to the customer (its text, where it goes, its Message-ID). */
type ReplyFile = z.infer<typeof ReplyAttachment>;

function outgoingEntry(mail: OutgoingMail, messageId: string, kind: string, by?: string) {
  return {
    kind,
    text: mail.text,
    by,
    data: { messageId, to: mail.to.map((a) => a.address), subject: mail.subject } as Record<string, unknown>,
  };
}

/** How a new inquiry is created so that its automatic acknowledgement is queued with it. */
export interface PlannedAcknowledgement {
  /** The inquiry to create, its conversation extended by the acknowledgement's Message-ID. */
  input: NewInquiry;
  /** Items for `createInquiry`'s transaction: the queued mail and its timeline entry. */
  items: (inquiry: Inquiry, taxonomy?: CompetenceLabelled[]) => TransactItem[];
}

/**
 * Decides whether a new inquiry gets the automatic acknowledgement: not when the address is one
 * of ours, and not when the loop guard says this address had enough of them this hour (this
 * counts one toward the guard, also if the inquiry is then not created, which errs on the side
 * of fewer automatic mails). If it does, the acknowledgement is queued in the inquiry's own
 * transaction, so an inquiry never exists without its acknowledgement on the way.
 */
export async function planAcknowledgement(
  networkId: string,
  network: Network,
  input: NewInquiry,
  answering?: string,
  /** The customer's status page (status-link.ts), named in the mail. */
  statusUrl?: string,
): Promise<PlannedAcknowledgement | undefined> {
  const to = input.customer.email.toLowerCase();
  if (to.endsWith(`@${mailDomain().toLowerCase()}`)) return undefined;
  const { limit, windowSeconds } = LIMITS.acknowledgementsPerAddress;
  if (!(await withinRate(networkId, `ack-${digest(to, 24)}`, limit, windowSeconds))) {
    logger.warn('acknowledgement suppressed by the loop guard', { networkId });
    return undefined;
  }
  const messageId = newMessageId(mailDomain());
  return {
    input: { ...input, mailThread: [...(input.mailThread ?? []), messageId] },
    items: (inquiry, taxonomy = []) => {
      const labels = new Map(taxonomy.map((c) => [c.id, c]));
      const mail = acknowledgement(network, inquiry, networkSender(network, mailDomain()), answering, {
        labels,
        statusUrl,
      });
      return [
        queuedMailItem(networkId, mail, { id: `ack-${inquiry.id}`, messageId }),
        timelineEntryItem(networkId, inquiry.id, outgoingEntry(mail, messageId, 'acknowledgement')),
      ];
    },
  };
}

/**
 * The coordinator's reply to the customer, from the network's address: queued in the same
 * transaction as its timeline entry and its Message-ID joining the conversation (so the
 * customer's answer threads back).
 */
export async function replyToCustomer(
  networkId: string,
  network: Network,
  inquiry: Inquiry,
  body: { text: string; subject?: string; attachments?: ReplyFile[] },
  by: string,
): Promise<{ messageId: string; subject: string }> {
  const files = (body.attachments ?? []).map((a) => ({
    filename: a.filename,
    contentType: a.contentType,
    content: Buffer.from(a.contentBase64, 'base64'),
  }));
  const total = files.reduce((s, f) => s + f.content.length, 0);
  if (total > MAX_REPLY_ATTACHMENT_BYTES) {
    const message = `must be at most ${MAX_REPLY_ATTACHMENT_BYTES / 1024} KB together, got ${Math.ceil(total / 1024)} KB`;
    throw new ValidationError(`attachments: ${message}`, [{ path: 'attachments', message }]);
  }
  const mail = customerReply(network, inquiry, networkSender(network, mailDomain()), {
    text: body.text,
    ...(body.subject ? { subject: body.subject } : {}),
    ...(files.length ? { attachments: files } : {}),
  });
  const messageId = newMessageId(mailDomain());
  // kept like a received mail's attachments (mail storage, listed on the timeline entry)
  const replyId = newId();
  const stored = await Promise.all(
    files.map(async (f, i) => {
      const key = `${ATTACHMENT_PREFIX}${networkId}/${replyId}/${i + 1}`;
      await mailStorage().putAttachment(key, f.content, f.contentType);
      return {
        id: `${replyId}-${i + 1}`,
        filename: f.filename,
        contentType: f.contentType,
        size: f.content.length,
        key,
      };
    }),
  );
  const entry = outgoingEntry(mail, messageId, 'message-out', by);
  if (stored.length) entry.data = { ...entry.data, attachments: stored };
  await addTimelineEntry(networkId, inquiry.id, entry, {
    appendThread: [messageId],
    extra: [queuedMailItem(networkId, mail, { messageId })],
  });
  return { messageId, subject: mail.subject };
}

/**
 * The customer's mail when the inquiry moves on (team set, declined with the coordinator's
 * words, done): ONE Put for the transaction that makes the change, with a deterministic id, so a
 * repeated change queues it once. Undefined for changes the customer is not told of.
 */
export function customerNoticeItem(
  networkId: string,
  network: Network,
  inquiry: Inquiry,
  notice: CustomerNotice,
  /** Tells this notice from an earlier one of the same kind (the job's id for a team). */
  key: string = newId(),
): TransactItem {
  const mail = customerNotice(network, inquiry, networkSender(network, mailDomain()), notice, (lang) =>
    formats(lang, network.timezone, network.language),
  );
  return queuedMailItem(networkId, mail, { id: `notice-${inquiry.id}-${notice.kind}-${key}` });
}

/** The notice a status change tells the customer, if any: declined (with the reason) and completed. */
export function noticeForStatus(to: string, reason?: string): CustomerNotice | undefined {
  if (to === 'declined') return { kind: 'declined', ...(reason ? { reason } : {}) };
  if (to === 'completed') return { kind: 'done' };
  return undefined;
}
