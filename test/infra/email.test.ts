import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { HttpNoneAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2';
import { AttributeType, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { AppApi } from '#infra/constructs/api';
import type { AppFunction } from '#infra/constructs/app-function';
import { EmailIntake } from '#infra/constructs/email';
import { routes } from '#infra/routes';
import { synthStack } from '#test/support/synth';

/** The e-mail construct and the throttled API in a bare stack; bundling is skipped for speed. */
function synth() {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  const stack = new Stack(app, 'MailTest', { env: { account: '111111111111', region: 'eu-central-1' } });
  const table = new TableV2(stack, 'Table', { partitionKey: { name: 'pk', type: AttributeType.STRING } });
  const api = new AppApi(stack, 'Api', {
    routes: routes.filter((r) => r.path.startsWith('/public') || r.path.startsWith('/mail')),
    table,
    authorizer: new HttpNoneAuthorizer(),
  });
  new EmailIntake(stack, 'Email', {
    table,
    domain: 'mail.verbund.example',
    readers: [api.functions.get('api')!],
    writers: [],
    senders: [api.functions.get('public')!],
  });
  return Template.fromStack(stack);
}

describe('CDK: e-mail intake', () => {
  let t: Template;
  beforeAll(() => {
    t = synth();
  });

  it('stores raw mail in an encrypted, private, SSL-only bucket with a lifecycle', () => {
    t.hasResourceProperties('AWS::S3::Bucket', {
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      },
      PublicAccessBlockConfiguration: Match.objectLike({
        BlockPublicAcls: true,
        RestrictPublicBuckets: true,
      }),
      LifecycleConfiguration: {
        Rules: Match.arrayWith([
          Match.objectLike({ Prefix: 'raw/', ExpirationInDays: 730, Status: 'Enabled' }),
        ]),
      },
    });
    t.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          Match.objectLike({
            Effect: 'Allow',
            Principal: { Service: 'ses.amazonaws.com' },
            Action: 's3:PutObject',
          }),
        ]),
      },
    });
  });

  it('receives for the domain: spam and virus scan, S3 first, then the intake Lambda asynchronously', () => {
    t.hasResourceProperties('AWS::SES::ReceiptRule', {
      Rule: Match.objectLike({
        Recipients: ['mail.verbund.example'],
        ScanEnabled: true,
        Actions: [
          { S3Action: Match.objectLike({ ObjectKeyPrefix: 'raw/' }) },
          { LambdaAction: Match.objectLike({ InvocationType: 'Event' }) },
        ],
      }),
    });
  });

  it('sends failed intake events to an encrypted dead-letter queue', () => {
    t.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      MaximumRetryAttempts: 2,
      DestinationConfig: {
        OnFailure: { Destination: Match.objectLike({ 'Fn::GetAtt': Match.arrayWith(['Arn']) }) },
      },
    });
    t.hasResourceProperties('AWS::SQS::Queue', { SqsManagedSseEnabled: true });
  });

  it('lets only the mail-sending functions send, and only from the domain identity', () => {
    const policies = t.findResources('AWS::IAM::Policy');
    const sesStatements = Object.values(policies).flatMap((p) =>
      (p.Properties.PolicyDocument.Statement as { Action: string | string[]; Resource: unknown }[]).filter(
        (s) => [s.Action].flat().some((a) => a.startsWith('ses:')),
      ),
    );
    // only the sender given: the intake queues its acknowledgements for the outbox consumer
    expect(sesStatements).toHaveLength(1);
    for (const s of sesStatements) {
      expect(JSON.stringify(s.Resource)).toContain(':identity/mail.verbund.example');
      expect(JSON.stringify(s.Resource)).not.toContain('*');
    }
  });

  it('sweeps stale intake claims every 5 minutes with a sweeper that alone may be invoked by its schedule', () => {
    const sweeper = Object.entries(t.findResources('AWS::Lambda::Function')).find(([, f]) =>
      String(f.Properties.Description).includes('went stale'),
    );
    expect(sweeper).toBeDefined();
    t.hasResourceProperties('AWS::Scheduler::Schedule', {
      Name: 'sweep-mail-claims',
      ScheduleExpression: 'cron(0,5,10,15,20,25,30,35,40,45,50,55 * * * ? *)',
      Target: Match.objectLike({ Arn: { 'Fn::GetAtt': [sweeper![0], 'Arn'] } }),
    });
    const invokes = Object.values(t.findResources('AWS::IAM::Policy')).flatMap((p) =>
      (p.Properties.PolicyDocument.Statement as { Action: string | string[]; Resource: unknown }[]).filter(
        (s) => [s.Action].flat().includes('lambda:InvokeFunction'),
      ),
    );
    expect(invokes).toEqual([expect.objectContaining({ Resource: { 'Fn::GetAtt': [sweeper![0], 'Arn'] } })]);
  });

  it('lets the sweeper, and only it, redrive the intake dead letters (receive and delete on that queue)', () => {
    // Prepare
    const queues = Object.keys(t.findResources('AWS::SQS::Queue'));
    const sweeper = Object.entries(t.findResources('AWS::Lambda::Function')).find(([, f]) =>
      String(f.Properties.Description).includes('went stale'),
    )!;
    // Act
    const consumers = Object.values(t.findResources('AWS::IAM::Policy')).flatMap((p) =>
      (p.Properties.PolicyDocument.Statement as { Action: string | string[]; Resource: unknown }[])
        .filter((s) => [s.Action].flat().includes('sqs:ReceiveMessage'))
        .map((s) => ({ roles: p.Properties.Roles, actions: s.Action, resource: s.Resource })),
    );
    // Assess
    expect(queues).toHaveLength(1);
    expect(consumers).toEqual([
      {
        roles: [{ Ref: sweeper[1].Properties.Role['Fn::GetAtt'][0] }],
        actions: ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:ChangeMessageVisibility'],
        resource: { 'Fn::GetAtt': [queues[0], 'Arn'] },
      },
    ]);
    expect(sweeper[1].Properties.Environment.Variables.INTAKE_DLQ_URL).toEqual({ Ref: queues[0] });
  });

  it('throttles the public form route on the stage', () => {
    t.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      RouteSettings: {
        'POST /public/{slug}/inquiries': { ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 },
      },
    });
  });
});

describe('CDK: the operator hears of mail the intake could not process', () => {
  it('alarms on the processing-failed metric and runs one sweeper at a time', () => {
    // Prepare
    const { template, stack } = synthStack();
    // Act
    const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm')) as {
      Properties: Record<string, unknown>;
    }[];
    const sweeper = stack.node.findAll().find((c) => c.node.id === 'Sweeper') as AppFunction | undefined;
    // Assess
    expect(alarms).toContainEqual(
      expect.objectContaining({
        Properties: expect.objectContaining({
          Namespace: 'Verbund',
          MetricName: 'IntakeProcessingFailed',
          Dimensions: [{ Name: 'service', Value: 'verbund' }],
        }),
      }),
    );
    expect(sweeper).toBeDefined();
    const fn =
      template.findResources('AWS::Lambda::Function')[
        stack.getLogicalId(sweeper!.node.defaultChild as CfnFunction)
      ];
    expect(fn?.Properties.ReservedConcurrentExecutions).toBe(1);
  });
});
