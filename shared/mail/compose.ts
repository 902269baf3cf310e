import MailComposer from 'nodemailer/lib/mail-composer';

export interface Address {
  name?: string;
  address: string;
}

/** Everything Verbund sends: acknowledgements, replies, supplier orders, reports. */
export interface OutgoingMail {
  from: Address;
  to: Address[];
  cc?: Address[];
  replyTo?: Address;
  subject: string;
  text: string;
  html?: string;
  /** Threading: the Message-ID this answers and the chain before it. */
  inReplyTo?: string;
  references?: string[];
  /** e.g. `Auto-Submitted: auto-replied` on acknowledgements, so other robots do not answer. */
  headers?: Record<string, string>;
  attachments?: { filename: string; contentType: string; content: Buffer | string }[];
}

/** The raw RFC 5322 message, built by nodemailer's composer (the same bytes in AWS and locally). */
export async function composeMail(mail: OutgoingMail, messageId: string): Promise<Buffer> {
  const composer = new MailComposer({
    from: mail.from,
    to: mail.to,
    cc: mail.cc,
    replyTo: mail.replyTo,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    messageId,
    inReplyTo: mail.inReplyTo,
    references: mail.references,
    headers: mail.headers,
    attachments: mail.attachments,
  });
  return new Promise((resolve, reject) => {
    composer.compile().build((err, message) => (err ? reject(err) : resolve(message)));
  });
}
