/**
 * THE table-stream consumer table, plain data. CDK creates one Lambda with one DynamoDB Streams
 * event source mapping per row (infra/constructs/streams.ts); the local runtime's stream poller
 * (infra/local/streams.ts) reads DynamoDB Local's stream and invokes the same entry with the same
 * filter, batch size and retry bound.
 */

/**
 * A Lambda event filter pattern (https://docs.aws.amazon.com/lambda/latest/dg/invocation-eventfiltering.html):
 * nested objects whose leaves list the allowed exact values. Only that subset is used here, so the
 * local poller can apply the very same pattern (infra/local/stream-filter.ts).
 */
export interface FilterPattern {
  [field: string]: readonly (string | number | boolean)[] | FilterPattern;
}

export interface StreamConsumer {
  name: string;
  /** The `*.handler.ts` the records go to. */
  entry: string;
  description: string;
  /** Only records matching this pattern reach the function (and are billed). */
  filter: FilterPattern;
  /** Records per invocation. */
  batchSize: number;
  /** Retries of a failing record before it goes to the dead-letter queue (locally: directory). */
  retryAttempts: number;
}

export const streamConsumers: readonly StreamConsumer[] = [
  {
    name: 'send-queued-mail',
    entry: 'functions/mail/send-queued.handler.ts',
    description: 'mail outbox: sends each newly queued mail-out item (shared/mail/outbox.ts)',
    // the entity and status written by queuedMailItem in shared/mail/outbox.ts
    filter: {
      eventName: ['INSERT'],
      dynamodb: { NewImage: { entity: { S: ['mail-out'] }, status: { S: ['queued'] } } },
    },
    batchSize: 10,
    retryAttempts: 5,
  },
];
