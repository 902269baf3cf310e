import { randomUUID } from 'node:crypto';

/**
 * A new Message-ID in the sender's domain: `<uuid@domain>`. Kept apart from the composer so code
 * that only queues mail (and stores the Message-ID for threading) does not bundle nodemailer.
 */
export function newMessageId(domain: string): string {
  return `<${randomUUID()}@${domain}>`;
}
