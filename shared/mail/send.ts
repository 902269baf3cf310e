import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { composeMail, type OutgoingMail } from './compose';
import { loadMailConfig, type MailConfig } from './config';
import { newMessageId } from './message-id';

let cached: MailConfig | undefined;
const mailConfig = () => {
  cached ??= loadMailConfig();
  return cached;
};

export interface SentMail {
  messageId: string;
  /** Where it went: the SES message id, the .eml path, or the relay's answer. */
  receipt: string;
}

/**
 * Sends through the one composer: SES v2 in AWS, an .eml file in OUTBOX_DIR locally, or an SMTP
 * relay when MAIL_TRANSPORT=smtp. The transports load on first use, so code that never sends
 * mail never pays for them at cold start.
 */
export async function sendMail(
  mail: OutgoingMail,
  opts: {
    messageId?: string;
    /**
     * When a queued mail was queued (its outbox item's `createdAt`): with the Message-ID it names
     * the .eml of the file transport, so sending the same queued mail again replaces its file.
     */
    queuedAt?: string;
  } = {},
): Promise<SentMail> {
  const config = mailConfig();
  const domain = mail.from.address.split('@')[1] ?? config.domain;
  const messageId = opts.messageId ?? newMessageId(domain);
  const raw = await composeMail(mail, messageId);
  const recipients = [...mail.to, ...(mail.cc ?? [])].map((a) => a.address);
  switch (config.transport) {
    case 'file': {
      await mkdir(config.outboxDir, { recursive: true });
      // a queued mail sent again (its delivery died between the send and the mark) lands on the
      // same name and replaces its copy: the recipient's mailbox gets it once; written aside and
      // renamed, so a process killed mid-write leaves no half mail
      const at = opts.queuedAt ? new Date(opts.queuedAt) : new Date();
      const name = `${at.toISOString().replace(/[:.]/g, '-')}-${messageId.slice(1, 9)}.eml`;
      const file = join(config.outboxDir, name);
      const aside = join(config.outboxDir, `.${name}.${process.pid}.tmp`);
      await writeFile(aside, raw);
      await rename(aside, file);
      return { messageId, receipt: file };
    }
    case 'smtp': {
      const { createTransport } = await import('nodemailer');
      const info = await createTransport(config.smtpUrl).sendMail({
        envelope: { from: mail.from.address, to: recipients },
        raw,
      });
      return { messageId, receipt: String(info.response) };
    }
    case 'ses': {
      const { SESv2Client, SendEmailCommand } = await import('@aws-sdk/client-sesv2');
      const out = await new SESv2Client({}).send(
        new SendEmailCommand({
          FromEmailAddress: mail.from.address,
          Destination: { ToAddresses: recipients },
          Content: { Raw: { Data: raw } },
        }),
      );
      return { messageId, receipt: out.MessageId ?? '' };
    }
  }
}
