import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { VerbundStack } from '#infra/stack';
import { streamConsumers } from '#infra/streams';
import { actionsOf, policyStatements, type Statement } from '#test/support/synth';

type Resource = { Properties: Record<string, unknown> };

describe('CDK: the mail outbox (table stream → consumer Lambda → SES)', () => {
  let template: Template;
  const consumer = streamConsumers.find((c) => c.name === 'send-queued-mail')!;
  const statementsOf = (logicalIdPrefix: string) => policyStatements(template, logicalIdPrefix);
  const actions = actionsOf;

  beforeAll(() => {
    const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
    template = Template.fromStack(
      new VerbundStack(app, 'Test', {
        env: { account: '111111111111', region: 'eu-central-1' },
        mailDomain: 'mail.verbund.example',
      }),
    );
  });

  it('gives the table a stream of new images', () => {
    template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      StreamSpecification: { StreamViewType: 'NEW_IMAGE' },
    });
  });

  it('maps the stream to the consumer: INSERTs of queued mail-out items only, bisect, item failures, bounded retries, DLQ', () => {
    const mappings = Object.values(template.findResources('AWS::Lambda::EventSourceMapping')) as Resource[];
    expect(mappings).toHaveLength(1);
    const [mapping] = mappings;
    expect(mapping!.Properties).toMatchObject({
      StartingPosition: 'TRIM_HORIZON',
      BatchSize: consumer.batchSize,
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: consumer.retryAttempts,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
    const pattern = JSON.parse(
      (mapping!.Properties.FilterCriteria as { Filters: { Pattern: string }[] }).Filters[0]!.Pattern,
    );
    expect(pattern).toEqual({
      eventName: ['INSERT'],
      dynamodb: { NewImage: { entity: { S: ['mail-out'] }, status: { S: ['queued'] } } },
    });
    expect(JSON.stringify(mapping!.Properties.EventSourceArn)).toContain('StreamArn');
    const destination = (mapping!.Properties.DestinationConfig as { OnFailure: { Destination: unknown } })
      .OnFailure.Destination;
    expect(destination).toEqual({
      'Fn::GetAtt': [expect.stringMatching(/^StreamsSendQueuedMailDeadLetters/), 'Arn'],
    });
    expect(JSON.stringify(mapping!.Properties.FunctionName)).toContain('StreamsSendQueuedMail');
  });

  it('keeps failed records in an encrypted, SSL-only dead-letter queue', () => {
    const queues = template.findResources('AWS::SQS::Queue');
    const [id, dlq] = Object.entries(queues).find(([k]) => k.startsWith('StreamsSendQueuedMailDeadLetters'))!;
    expect((dlq as Resource).Properties).toMatchObject({
      SqsManagedSseEnabled: true,
      MessageRetentionPeriod: 14 * 24 * 3600,
    });
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      Queues: [{ Ref: id }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });

  it('lets only the consumer (and the report sender) send mail, only from the domain identity, and tells it how', () => {
    const policies = template.findResources('AWS::IAM::Policy');
    const senders = Object.entries(policies)
      .filter(([, p]) =>
        actions(
          (p as { Properties: { PolicyDocument: { Statement: Statement[] } } }).Properties.PolicyDocument
            .Statement,
        ).some((a) => a.startsWith('ses:')),
      )
      .map(([id]) => id);
    // the consumer sends all queued mail; the scheduled report sender mails directly, because a
    // report with its CSV can outgrow a 400 KB table item (it keeps its own per-recipient records)
    expect(senders.sort()).toEqual([
      expect.stringMatching(/^SchedulesSendReportTargetRole/),
      expect.stringMatching(/^StreamsSendQueuedMailRole/),
    ]);
    const ses = statementsOf('StreamsSendQueuedMailRole').find((s) =>
      actions([s]).includes('ses:SendRawEmail'),
    )!;
    expect(JSON.stringify(ses.Resource)).toContain(':identity/mail.verbund.example');
    // it reads the stream and writes the table (mark sent, count usage), never Scan
    const granted = actions(statementsOf('StreamsSendQueuedMailRole'));
    expect(granted).toEqual(
      expect.arrayContaining(['dynamodb:GetRecords', 'dynamodb:GetShardIterator', 'dynamodb:UpdateItem']),
    );
    expect(granted).not.toContain('dynamodb:Scan');
    template.hasResourceProperties('AWS::Lambda::Function', {
      Description: consumer.description,
      Environment: {
        Variables: Match.objectLike({ MAIL_TRANSPORT: 'ses', MAIL_DOMAIN: 'mail.verbund.example' }),
      },
    });
  });
});
