import { createHash } from 'node:crypto';
import PostalMime, { type Address, type Email, type Mailbox } from 'postal-mime';
import { email as emailSchema } from '#shared/schema';
import { type Classification, classify, type HeaderField } from './classify';
import { readableText } from './html-text';

/** Longest body text kept on an inquiry or message; the raw source keeps the rest. */
export const MAX_TEXT = 50_000;

export interface ParsedAttachment {
  filename: string;
  contentType: string;
  size: number;
  content: Uint8Array;
}

/** What the intake needs from a message, decoded and normalised. */
export interface ParsedMail {
  messageId?: string;
  /** Message-IDs this mail answers or reports on: In-Reply-To, References, a bounce's original. */
  referencedIds: string[];
  references: string[];
  from?: Mailbox;
  replyTo?: Mailbox;
  subject: string;
  text: string;
  attachments: ParsedAttachment[];
  headers: HeaderField[];
}

export type ParseOutcome = { ok: true; mail: ParsedMail } | { ok: false; reason: string };

/** All `<…>` ids in a Message-ID, In-Reply-To or References value, in order. */
export function messageIds(value: string | undefined): string[] {
  if (!value) return [];
  return [...value.matchAll(/<([^<>\s]{1,500})>/g)].map((m) => `<${m[1]}>`);
}

function mailbox(a: Address | Address[] | undefined): Mailbox | undefined {
  const first = Array.isArray(a) ? a[0] : a;
  if (!first) return undefined;
  const box = first.address !== undefined ? first : first.group?.[0];
  return box?.address ? { name: box.name.trim(), address: box.address.trim() } : undefined;
}

const EXT: Record<string, string> = {
  'application/pdf': 'pdf',
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/gif': 'gif',
  'text/plain': 'txt',
  'text/html': 'html',
  'message/rfc822': 'eml',
};

const decoder = new TextDecoder('utf-8', { fatal: false });

function bytes(content: ArrayBuffer | Uint8Array | string): Uint8Array {
  if (typeof content === 'string') return new TextEncoder().encode(content);
  return content instanceof Uint8Array ? content : new Uint8Array(content);
}

/** A bounce carries the original message (or its headers): its Message-ID threads the bounce. */
function reportedIds(email: Email): string[] {
  return email.attachments
    .filter((a) => /^(message\/rfc822|text\/rfc822-headers|message\/rfc822-headers)$/.test(a.mimeType))
    .flatMap((a) => {
      const head = decoder.decode(bytes(a.content).subarray(0, 64 * 1024));
      const m = /^message-id:[ \t]*(.*(?:\r?\n[ \t].*)*)/im.exec(head);
      return messageIds(m?.[1]);
    });
}

/** Control characters other than tab and newline: they break terminals and JSON consumers. */
const isControl = (c: number) => (c < 0x20 && c !== 0x09 && c !== 0x0a) || c === 0x7f;

const cleanText = (s: string) =>
  Array.from(s.replace(/\r\n?/g, '\n'))
    .filter((ch) => !isControl(ch.codePointAt(0)!))
    .join('')
    .trim();

/** A mail with none of these headers is not a mail we can make sense of. */
const ESSENTIAL = ['from', 'to', 'subject', 'date', 'message-id', 'sender', 'reply-to'];

/**
 * Parses a raw message with postal-mime. Never throws: a message it cannot make sense of comes
 * back as `{ ok: false, reason }` so the intake quarantines it with its raw source.
 */
export async function parseMail(raw: Uint8Array): Promise<ParseOutcome> {
  let email: Email;
  try {
    email = await PostalMime.parse(raw, { attachmentEncoding: 'arraybuffer' });
  } catch (err) {
    return { ok: false, reason: `MIME parser failed: ${(err as Error).message}`.slice(0, 300) };
  }
  const headers = email.headers.map((h) => ({ key: h.key, value: h.value }));
  if (!headers.some((h) => ESSENTIAL.includes(h.key))) {
    return { ok: false, reason: 'no message headers (From, To, Subject, Date or Message-ID) found' };
  }
  const messageId = messageIds(email.messageId)[0];
  const inReplyTo = messageIds(email.inReplyTo);
  const references = messageIds(email.references);
  const text = await readableText(email.text, email.html);
  return {
    ok: true,
    mail: {
      messageId,
      referencedIds: [...new Set([...inReplyTo, ...references.toReversed(), ...reportedIds(email)])],
      references,
      from: mailbox(email.from) ?? mailbox(email.sender),
      replyTo: mailbox(email.replyTo),
      subject: cleanText(email.subject ?? '')
        .replace(/\s+/g, ' ')
        .slice(0, 500),
      text: cleanText(text).slice(0, MAX_TEXT),
      attachments: email.attachments.map((a, i) => {
        const content = bytes(a.content);
        const ext = EXT[a.mimeType] ?? 'bin';
        return {
          filename: cleanText(a.filename ?? '').slice(0, 200) || `attachment-${i + 1}.${ext}`,
          contentType: a.mimeType,
          size: content.byteLength,
          content,
        };
      }),
      headers,
    },
  };
}

/** The header block of a raw message (for mail too large or too broken to parse whole). */
export function headerBlock(raw: Uint8Array, max = 256 * 1024): Uint8Array {
  const head = raw.subarray(0, max);
  for (let i = 0; i + 1 < head.length; i++) {
    if (head[i] === 0x0a && (head[i + 1] === 0x0a || (head[i + 1] === 0x0d && head[i + 2] === 0x0a))) {
      return head.subarray(0, i + 1);
    }
  }
  return head;
}

/** Sender, subject and Message-ID from the headers alone: what a quarantine list shows. */
export async function parseHeaders(
  raw: Uint8Array,
): Promise<{ from?: Mailbox; subject: string; messageId?: string }> {
  try {
    const email = await PostalMime.parse(headerBlock(raw));
    return {
      from: mailbox(email.from),
      subject: cleanText(email.subject ?? '').slice(0, 500),
      messageId: messageIds(email.messageId)[0],
    };
  } catch {
    return { subject: '' };
  }
}

/** Header fields that relays add or rewrite in transit (RFC 5321 trace fields and their kin). */
const TRACE =
  /^(received|return-path|delivered-to|x-original-to|received-spf|authentication-results|arc-[a-z-]+|x-received|x-spam-[a-z-]+|x-virus-[a-z-]+|x-ses-[a-z-]+|x-forwarded-[a-z-]+)$/i;

/**
 * The identity of a message for dedupe: every byte except the trace fields relays add on the
 * way. A redelivery (an SES retry, a second copy through another relay) has the same identity;
 * two messages that share a Message-ID but differ in any header or body byte do not, so a
 * careless client's reused Message-ID cannot make a message vanish.
 */
export function mailIdentity(raw: Uint8Array): string {
  const head = headerBlock(raw);
  const fields = decoder
    .decode(head)
    .replace(/\r?\n[ \t]+/g, ' ')
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '' && !TRACE.test(line.split(':')[0]!.trim()))
    .map((line) => line.trimEnd());
  return createHash('sha256')
    .update(fields.join('\n'))
    .update('\n\n')
    .update(raw.subarray(head.length))
    .digest('hex')
    .slice(0, 32);
}

export interface Sender {
  name: string;
  email: string;
}

const validEmail = (a: string | undefined) => (a && emailSchema.safeParse(a).success ? a : undefined);

/**
 * Who to answer: Reply-To, else From, else the envelope sender; the first valid address wins.
 * The name comes from From (decoded), else the address's local part.
 */
export function senderOf(
  mail: Pick<ParsedMail, 'from' | 'replyTo'>,
  envelopeFrom?: string,
): Sender | undefined {
  const address =
    validEmail(mail.replyTo?.address) ?? validEmail(mail.from?.address) ?? validEmail(envelopeFrom?.trim());
  if (!address) return undefined;
  const name = (mail.from?.name || mail.replyTo?.name || address.split('@')[0] || address).slice(0, 100);
  return { name, email: address };
}

/** Classification with the parsed From (see classify.ts). */
export function classifyMail(mail: ParsedMail, envelopeFrom?: string): Classification {
  return classify(mail.headers, { from: mail.from?.address, envelopeFrom }, mail.subject);
}
