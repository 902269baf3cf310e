import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PostalMime, { type Email } from 'postal-mime';
import { handler as intake } from '#functions/email-intake/intake.handler';
import { updateNetwork } from '#functions/networks/store';
import { type LocalVerdicts, localVerdicts, sesReceiptEvent } from '#infra/local/ses-event';
import { newId } from '#shared/ids';
import { mailStorage, RAW_PREFIX } from '#shared/mail/storage';
import { givenNetwork } from './networks';

export const MAIL_DOMAIN = 'inbound.verbund.test';
export const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'mail');

export const fixture = (name: string) => readFileSync(join(FIXTURES, name));

/**
 * Points outbound mail (.eml files) and the mail store (raw mail, attachments) at a fresh
 * temporary folder, as the local runtime does with DATA_DIR. Call at the top of a test file:
 * mail settings are read on first use.
 */
export function useMailSandbox() {
  const dir = mkdtempSync(join(tmpdir(), 'verbund-mail-'));
  process.env.MAIL_TRANSPORT = 'file';
  process.env.OUTBOX_DIR = join(dir, 'outbox');
  process.env.MAIL_STORE = 'fs';
  process.env.MAIL_DIR = join(dir, 'mail');
  process.env.ATTACHMENTS_DIR = join(dir, 'attachments');
  process.env.MAIL_DOMAIN = MAIL_DOMAIN;
  return { dir, outbox: () => readOutbox(join(dir, 'outbox')) };
}

export interface SentMessage {
  file: string;
  raw: string;
  mail: Email;
}

/** Every .eml in the outbox, parsed, oldest first. */
export async function readOutbox(dir: string): Promise<SentMessage[]> {
  let files: string[] = [];
  try {
    files = readdirSync(dir)
      .filter((f) => f.endsWith('.eml'))
      .sort();
  } catch {
    return [];
  }
  return Promise.all(
    files.map(async (f) => {
      const raw = readFileSync(join(dir, f), 'utf8');
      return { file: f, raw, mail: await PostalMime.parse(raw) };
    }),
  );
}

/**
 * Delivers a raw message the way SES does (verdicts as the local SMTP stand-in gives them): stores it under `raw/<messageId>` and invokes the
 * intake handler with a receipt event whose recipients are the envelope recipients.
 */
export async function deliver(
  raw: Uint8Array | string,
  opts: {
    to: string | string[];
    from?: string;
    verdicts?: LocalVerdicts;
    messageId?: string;
  },
) {
  const bytes = typeof raw === 'string' ? Buffer.from(raw) : raw;
  const event = sesEventFor(bytes, opts);
  await mailStorage().putRaw(`${RAW_PREFIX}${event.Records[0]!.ses.mail.messageId}`, bytes);
  return (await intake(event)).outcomes;
}

export function sesEventFor(
  raw: Uint8Array,
  opts: {
    to: string | string[];
    from?: string;
    verdicts?: LocalVerdicts;
    messageId?: string;
  },
) {
  return sesReceiptEvent({
    messageId: opts.messageId ?? newId(),
    raw,
    envelopeFrom: opts.from ?? 'bounces@sender.example',
    recipients: Array.isArray(opts.to) ? opts.to : [opts.to],
    // judged as the local SMTP stand-in judges it (test headers, EICAR), unless the test says
    verdicts: { ...localVerdicts(raw), ...opts.verdicts },
  });
}

/** A network whose reference numbers start with `prefix` (the fixtures speak of HHN-…). */
export async function givenMailNetwork(id: string, prefix = 'HHN') {
  const network = await givenNetwork(id);
  return updateNetwork(network, { referencePrefix: prefix });
}

export const inboxOf = (id: string) => `${id}-slug@${MAIL_DOMAIN}`;
