import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { Context, DynamoDBBatchResponse } from 'aws-lambda';
import * as z from 'zod/mini';
import { logger } from '#shared/log';
import { MAIL_OUT_ENTITY, QueuedMail } from '#shared/mail/outbox';
import { deliverQueued } from './deliver';

/** The parts of a DynamoDB Streams event (Lambda event source mapping) the consumer reads. */
const StreamEvent = z.object({
  Records: z.array(
    z.object({
      eventName: z.optional(z.string()),
      dynamodb: z.object({
        SequenceNumber: z.string(),
        NewImage: z.optional(z.record(z.string(), z.any())),
      }),
    }),
  ),
});

/**
 * DynamoDB Streams → this Lambda (not an HTTP route): each new `mail-out` item is composed and
 * sent through the one mail module (SES in AWS, .eml files or an SMTP relay locally), then marked
 * sent. Locally the stream poller (infra/local/streams.ts) calls this same handler with the same
 * event shape. A record that fails is reported in `batchItemFailures`; the others still go out,
 * and the event source mapping retries from the failed one (then its dead-letter queue).
 */
export async function handler(event: unknown, context?: Context): Promise<DynamoDBBatchResponse> {
  if (context) logger.addContext(context);
  const { Records } = StreamEvent.parse(event);
  const batchItemFailures: DynamoDBBatchResponse['batchItemFailures'] = [];
  for (const record of Records) {
    const { SequenceNumber, NewImage } = record.dynamodb;
    try {
      const image = NewImage ? unmarshall(NewImage) : {};
      // the event filter passes only new queued mail; anything else is not this consumer's
      if (record.eventName !== 'INSERT' || image.entity !== MAIL_OUT_ENTITY || image.status !== 'queued')
        continue;
      const outcome = await deliverQueued(QueuedMail.parse(image));
      logger.info('queued mail delivered', { id: image.id, networkId: image.networkId, outcome });
    } catch (error) {
      logger.error('queued mail not sent; the stream will deliver it again', {
        sequenceNumber: SequenceNumber,
        error: error as Error,
      });
      batchItemFailures.push({ itemIdentifier: SequenceNumber });
    }
  }
  return { batchItemFailures };
}
