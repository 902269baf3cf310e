import type { Context } from 'aws-lambda';
import * as z from 'zod/mini';
import { logger } from '#shared/log';
import { mailStorage, RAW_PREFIX } from '#shared/mail/storage';
import { type Outcome, receiveMail } from './intake';

const Verdict = z.object({ status: z.string() });

/** The parts of an SES receipt event (Lambda action, after the S3 action) the intake reads. */
const SesEvent = z.object({
  Records: z.array(
    z.object({
      ses: z.object({
        mail: z.object({
          messageId: z.string().check(z.regex(/^[A-Za-z0-9._-]{1,200}$/)),
          source: z.optional(z.string()),
          timestamp: z.iso.datetime(),
        }),
        receipt: z.object({
          recipients: z.array(z.string()),
          spamVerdict: z.optional(Verdict),
          virusVerdict: z.optional(Verdict),
          spfVerdict: z.optional(Verdict),
          dkimVerdict: z.optional(Verdict),
          dmarcVerdict: z.optional(Verdict),
          dmarcPolicy: z.optional(z.string()),
        }),
      }),
    }),
  ),
});

/**
 * SES receipt rule → this Lambda, invoked asynchronously after SES stored the raw message in S3
 * (`raw/<messageId>`). Locally the SMTP server stores the message under DATA_DIR/mail and calls
 * this same handler with the same event shape. A thrown error makes Lambda retry; after the
 * retries the event lands in the dead-letter queue, the raw message stays in the bucket.
 */
export async function handler(event: unknown, context?: Context): Promise<{ outcomes: Outcome[] }> {
  if (context) logger.addContext(context);
  const { Records } = SesEvent.parse(event);
  const outcomes: Outcome[] = [];
  for (const { ses } of Records) {
    const rawKey = `${RAW_PREFIX}${ses.mail.messageId}`;
    const raw = await mailStorage().getRaw(rawKey);
    if (!raw) throw new Error(`raw message ${rawKey} is not in the mail store`);
    outcomes.push(
      ...(await receiveMail({
        raw,
        rawKey,
        recipients: ses.receipt.recipients,
        envelopeFrom: ses.mail.source,
        receivedAt: new Date(ses.mail.timestamp).toISOString(),
        verdicts: {
          spam: ses.receipt.spamVerdict?.status,
          virus: ses.receipt.virusVerdict?.status,
          spf: ses.receipt.spfVerdict?.status,
          dkim: ses.receipt.dkimVerdict?.status,
          dmarc: ses.receipt.dmarcVerdict?.status,
          dmarcPolicy: ses.receipt.dmarcPolicy,
        },
      })),
    );
  }
  logger.info('mail received', { outcomes });
  return { outcomes };
}
