import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  type CfnBucket,
  ObjectOwnership,
  StorageClass,
} from 'aws-cdk-lib/aws-s3';
import { CfnSchedule } from 'aws-cdk-lib/aws-scheduler';
import { ReceiptRuleSet, TlsPolicy } from 'aws-cdk-lib/aws-ses';
import { Lambda as LambdaAction, LambdaInvocationType, S3 as S3Action } from 'aws-cdk-lib/aws-ses-actions';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { schedules } from '#infra/schedules';
import { ENV } from '#shared/env-names';
import { AppFunction } from './app-function';

/** The prefixes inside the mail bucket (shared/mail/storage.ts uses the same). */
const RAW = 'raw/';
const ATTACHMENTS = 'attachments/';
const PHOTOS = 'photos/';

export interface EmailProps {
  table: ITableV2;
  /** The networks' mail domain (MAIL_DOMAIN), verified in SES with its MX record pointing to SES. */
  domain: string;
  /** Route functions that read raw mail or attachments. */
  readers: AppFunction[];
  /**
   * Functions that send mail from the domain themselves: the mail outbox consumer. Everything
   * else, the intake's acknowledgements included, queues mail for it (shared/mail/outbox.ts).
   */
  senders: AppFunction[];
  /** Route functions that also store attachments (releasing quarantined mail). */
  writers: AppFunction[];
  /** Route functions that store the public form's photos: PutObject under `photos/` only. */
  photoWriters?: AppFunction[];
  /** Keep the bucket on stack deletion. Default true. */
  retain?: boolean;
  /** The EventBridge Scheduler group of the stack's schedules (the claim sweeper's schedule). */
  scheduleGroupName?: string;
}

/** The fixed schedule of infra/schedules.ts that sweeps stale intake claims. */
const SWEEP = schedules.find((s) => s.name === 'sweep-mail-claims')!;

/**
 * Inbound and outbound mail in AWS: an SES receipt rule set for the domain stores every message
 * in S3 (`raw/<messageId>`, ≤ 40 MB, spam and virus scanned) and invokes the intake Lambda
 * asynchronously; events that still fail after Lambda's retries go to a dead-letter queue, the
 * raw message stays in the bucket. A sweeper on an EventBridge Scheduler schedule (every 5 min)
 * re-runs intake from the raw source for claims a crashed invocation left. Sending is allowed
 * only to the `senders`, only from the domain's identity.
 *
 * The rule set must be made active once per account and region (SES allows one active set):
 * `aws ses set-active-receipt-rule-set --rule-set-name <RuleSetName output>`.
 */
export class EmailIntake extends Construct {
  readonly bucket: Bucket;
  readonly intake: AppFunction;
  readonly sweeper: AppFunction;
  readonly deadLetters: Queue;
  readonly ruleSet: ReceiptRuleSet;

  constructor(scope: Construct, id: string, props: EmailProps) {
    super(scope, id);
    const retain = props.retain ?? true;
    this.bucket = new Bucket(this, 'Mail', {
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      removalPolicy: retain ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
      autoDeleteObjects: !retain,
      lifecycleRules: [
        {
          id: 'raw-mail',
          prefix: RAW,
          transitions: [{ storageClass: StorageClass.INFREQUENT_ACCESS, transitionAfter: Duration.days(30) }],
          expiration: Duration.days(2 * 365),
          abortIncompleteMultipartUploadAfter: Duration.days(1),
        },
        {
          id: 'attachments',
          prefix: ATTACHMENTS,
          transitions: [{ storageClass: StorageClass.INFREQUENT_ACCESS, transitionAfter: Duration.days(30) }],
          expiration: Duration.days(2 * 365),
        },
        {
          id: 'form-photos',
          prefix: PHOTOS,
          transitions: [{ storageClass: StorageClass.INFREQUENT_ACCESS, transitionAfter: Duration.days(30) }],
          expiration: Duration.days(2 * 365),
        },
      ],
    });

    this.deadLetters = new Queue(this, 'IntakeDeadLetters', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });

    const mailEnv = {
      [ENV.mailDomain]: props.domain,
      [ENV.mailStore]: 's3',
      [ENV.mailBucket]: this.bucket.bucketName,
      [ENV.mailTransport]: 'ses',
    };
    this.intake = new AppFunction(this, 'Intake', {
      entry: 'functions/email-intake/intake.handler.ts',
      description: 'SES inbound mail → inquiries and messages',
      memorySize: 1024,
      timeout: Duration.seconds(60),
      environment: mailEnv,
    }).bindTable(props.table, 'RW');
    this.intake.configureAsyncInvoke({
      onFailure: new SqsDestination(this.deadLetters),
      retryAttempts: 2,
      maxEventAge: Duration.hours(6),
    });

    this.sweeper = new AppFunction(this, 'Sweeper', {
      entry: SWEEP.entry,
      description:
        'finishes intake claims that went stale, from the raw mail, and redrives dead-lettered intake events',
      memorySize: 1024,
      timeout: Duration.seconds(60),
      environment: mailEnv,
    }).bindTable(props.table, 'RW');
    // intake events that died before claiming end in the dead letters; the sweeper redrives them
    // (functions/email-intake/dead-letters.ts): receive and delete on this one queue, nothing else
    this.sweeper.addEnvironment(ENV.intakeDeadLettersUrl, this.deadLetters.queueUrl);
    this.sweeper.addToRolePolicy(
      new PolicyStatement({
        actions: ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:ChangeMessageVisibility'],
        resources: [this.deadLetters.queueArn],
      }),
    );
    // the scheduler may invoke the sweeper and put undeliverable runs into the dead letters, nothing else
    const invoker = new Role(this, 'SweepInvoker', {
      description: 'Assumed by EventBridge Scheduler to invoke the intake claim sweeper',
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
    });
    invoker.addToPrincipalPolicy(
      new PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [this.sweeper.functionArn] }),
    );
    invoker.addToPrincipalPolicy(
      new PolicyStatement({ actions: ['sqs:SendMessage'], resources: [this.deadLetters.queueArn] }),
    );
    new CfnSchedule(this, 'SweepSchedule', {
      name: SWEEP.name,
      groupName: props.scheduleGroupName,
      description: 'intake claims that went stale are processed again from the raw mail',
      scheduleExpression: SWEEP.cron,
      scheduleExpressionTimezone: SWEEP.timezone,
      flexibleTimeWindow: { mode: 'OFF' },
      target: {
        arn: this.sweeper.functionArn,
        roleArn: invoker.roleArn,
        // the next run comes in 5 minutes; a run that failed is only worth a note
        retryPolicy: { maximumRetryAttempts: 0 },
        deadLetterConfig: { arn: this.deadLetters.queueArn },
      },
    });

    const rawObjects = this.bucket.arnForObjects(`${RAW}*`);
    const attachmentObjects = this.bucket.arnForObjects(`${ATTACHMENTS}*`);
    const photoObjects = this.bucket.arnForObjects(`${PHOTOS}*`);
    const photoWriters = props.photoWriters ?? [];
    const read = (fn: AppFunction) =>
      fn.addToRolePolicy(
        new PolicyStatement({
          actions: ['s3:GetObject'],
          resources: [rawObjects, attachmentObjects, photoObjects],
        }),
      );
    const writePhotos = (fn: AppFunction) =>
      fn.addToRolePolicy(new PolicyStatement({ actions: ['s3:PutObject'], resources: [photoObjects] }));
    const write = (fn: AppFunction) =>
      fn.addToRolePolicy(new PolicyStatement({ actions: ['s3:PutObject'], resources: [attachmentObjects] }));
    const send = (fn: AppFunction) => fn.allowSendingMailFrom(props.domain);
    // object keys are made at run time; each grant is limited to one prefix of this bucket
    const bucketRef = `<${Stack.of(this).getLogicalId(this.bucket.node.defaultChild as CfnBucket)}.Arn>`;
    const acknowledgePrefixes = (fn: AppFunction, prefixes = [RAW, ATTACHMENTS, PHOTOS]) => {
      for (const prefix of prefixes) {
        Validations.of(fn.role!).acknowledge({
          id: `AwsSolutions::AwsSolutions-IAM5[Resource::${bucketRef}/${prefix}*]`,
          reason: `objects under ${prefix} are named per message at run time; the grant covers that prefix only`,
        });
      }
    };

    for (const fn of [this.intake, this.sweeper]) {
      read(fn);
      write(fn);
    }
    for (const fn of new Set([...props.readers, ...props.writers, ...props.senders, ...photoWriters])) {
      for (const [k, v] of Object.entries(mailEnv)) fn.addEnvironment(k, v);
    }
    props.readers.forEach(read);
    props.writers.forEach(write);
    props.senders.forEach(send);
    photoWriters.forEach(writePhotos);
    for (const fn of new Set([this.intake, this.sweeper, ...props.readers, ...props.writers])) {
      acknowledgePrefixes(fn);
    }
    for (const fn of photoWriters.filter((f) => !props.readers.includes(f))) {
      acknowledgePrefixes(fn, [PHOTOS]);
    }
    Validations.of(this.bucket).acknowledge({
      id: 'AwsSolutions::AwsSolutions-S1',
      reason:
        'only SES writes and only this app reads raw mail; CloudTrail data events can audit access if a network needs it',
    });
    Validations.of(this.deadLetters).acknowledge({
      id: 'AwsSolutions::AwsSolutions-SQS3',
      reason: 'this queue IS the intake dead-letter queue (on-failure destination); it needs none of its own',
    });

    this.ruleSet = new ReceiptRuleSet(this, 'Inbound', {
      rules: [
        {
          recipients: [props.domain],
          scanEnabled: true,
          tlsPolicy: TlsPolicy.REQUIRE,
          actions: [
            new S3Action({ bucket: this.bucket, objectKeyPrefix: RAW }),
            new LambdaAction({ function: this.intake, invocationType: LambdaInvocationType.EVENT }),
          ],
        },
      ],
    });
  }
}
