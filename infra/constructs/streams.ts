import { Duration, Validations } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { FilterCriteria, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { StreamConsumer } from '#infra/streams';
import { AppFunction } from './app-function';

const pascal = (name: string) => name.replace(/(^|-)(\w)/g, (_, __, c: string) => c.toUpperCase());

/**
 * The table-stream consumers of infra/streams.ts: per row one Lambda (table RW) and one DynamoDB
 * Streams event source mapping with the row's filter (only matching records invoke it, and only
 * those are billed), batch size and retry bound; bisect on error and ReportBatchItemFailures, so a
 * failing record is retried alone and does not hold back the others; records that still fail go
 * to the row's encrypted, SSL-only dead-letter queue (the item itself stays in the table).
 */
export class TableStreamConsumers extends Construct {
  readonly functions = new Map<string, AppFunction>();
  readonly deadLetters = new Map<string, Queue>();

  constructor(
    scope: Construct,
    id: string,
    props: { table: ITableV2; consumers: readonly StreamConsumer[]; environment?: Record<string, string> },
  ) {
    super(scope, id);
    for (const consumer of props.consumers) {
      const name = pascal(consumer.name);
      const deadLetters = new Queue(this, `${name}DeadLetters`, {
        encryption: QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
        retentionPeriod: Duration.days(14),
      });
      Validations.of(deadLetters).acknowledge({
        id: 'AwsSolutions::AwsSolutions-SQS3',
        reason: `this queue IS the on-failure destination of the ${consumer.name} stream consumer; it needs none of its own`,
      });
      const fn = new AppFunction(this, name, {
        entry: consumer.entry,
        description: consumer.description,
        timeout: Duration.seconds(60),
        environment: props.environment,
      }).bindTable(props.table, 'RW');
      fn.addEventSource(
        new DynamoEventSource(props.table, {
          // from the oldest record kept (24 h): nothing written before the mapping existed is skipped
          startingPosition: StartingPosition.TRIM_HORIZON,
          batchSize: consumer.batchSize,
          filters: [FilterCriteria.filter({ ...consumer.filter })],
          bisectBatchOnError: true,
          reportBatchItemFailures: true,
          retryAttempts: consumer.retryAttempts,
          onFailure: new SqsDlq(deadLetters),
        }),
      );
      this.functions.set(consumer.name, fn);
      this.deadLetters.set(consumer.name, deadLetters);
    }
  }
}
