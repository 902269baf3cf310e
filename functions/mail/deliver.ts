import { logger } from '#shared/log';
import { getMailOut, markMailSent, outgoingMailOf, type QueuedMail } from '#shared/mail/outbox';
import { sendMail } from '#shared/mail/send';
import { recordUsage } from '#shared/metering/store';

export type Delivery = 'sent' | 'already-sent' | 'gone';

/**
 * Sends one queued mail and marks it sent. The item is read again first (strongly consistent):
 * a redelivered stream record of a mail that went out already is skipped, not sent twice. A send
 * that fails throws, the item stays `queued`, and the stream delivers it again. Delivery is at
 * least once: if the send worked but the mark did not, the retry sends again (never "at most
 * once", which would lose mail). `emailsSent` is counted here, once per mail marked sent.
 */
export async function deliverQueued(queued: QueuedMail): Promise<Delivery> {
  const { networkId, id } = queued;
  const current = await getMailOut(networkId, id);
  if (!current) {
    logger.warn('queued mail is gone (expired or removed); nothing to send', { networkId, id });
    return 'gone';
  }
  if (current.status !== 'queued') return 'already-sent';
  const sent = await sendMail(outgoingMailOf(current), {
    messageId: current.messageId,
    queuedAt: current.createdAt,
  });
  if (!(await markMailSent(networkId, id, sent.receipt))) {
    // another delivery of the same record sent and marked it meanwhile; it counted it too
    logger.warn('mail was marked sent by another delivery; it may have gone out twice', { networkId, id });
    return 'already-sent';
  }
  try {
    await recordUsage(networkId, 'emailsSent');
  } catch (error) {
    // a meter that failed must not make the mail go out again on a retry
    logger.error('emailsSent not counted', { networkId, id, error: error as Error });
  }
  return 'sent';
}
