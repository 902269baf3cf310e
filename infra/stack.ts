import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import type { Construct } from 'constructs';
import { ENV } from '#shared/env-names';
import { OperatorAlarms } from './constructs/alarms';
import { AppApi } from './constructs/api';
import { AppAuth } from './constructs/auth';
import { EmailIntake } from './constructs/email';
import { grantPartnerDirectory } from './constructs/partners';
import { RuntimeSchedules } from './constructs/schedules';
import { TableStreamConsumers } from './constructs/streams';
import { AppTable } from './constructs/table';
import { type HttpFunctionName, httpFunctions } from './functions';
import { routes } from './routes';
import { streamConsumers } from './streams';

export interface VerbundStackProps extends StackProps {
  /** Protect the table (and keep the user pool) on stack deletion. Default true. */
  deletionProtection?: boolean;
  /** The domain of the networks' addresses (`<inboundLocalPart>@<mailDomain>`), an SES identity. */
  mailDomain?: string;
  /** Where operator alarms go (dead letters, failing intake); none subscribed when unset. */
  alarmEmail?: string;
  /**
   * Reserve concurrency for the public and event-driven functions, so a flood on the public form
   * or a mail storm cannot starve the account (default true). Accounts with a low concurrency
   * quota (new accounts start at 10) must turn it off.
   */
  reserveConcurrency?: boolean;
  /**
   * The web console's origin (`https://console.example`, the ConsoleStack's distribution or a
   * domain on it): Cognito's callback URLs and the status links in customer mails.
   */
  consoleUrl?: string;
  /** A Cognito domain prefix for the console's managed login (authorization code + PKCE). */
  cognitoDomainPrefix?: string;
}

/** Everything Verbund runs on in AWS: table, user pool, the HTTP API with its few functions, mail, schedules. */
export class VerbundStack extends Stack {
  readonly api: AppApi;
  readonly auth: AppAuth;

  constructor(scope: Construct, id: string, props: VerbundStackProps = {}) {
    super(scope, id, props);
    const deletionProtection = props.deletionProtection ?? true;
    const { table } = new AppTable(this, 'Data', { deletionProtection });
    const auth = new AppAuth(this, 'Auth', {
      retain: deletionProtection,
      consoleUrl: props.consoleUrl,
      domainPrefix: props.cognitoDomainPrefix,
    });
    this.auth = auth;
    const mailDomain = props.mailDomain ?? 'verbund.example';
    const environment: Record<string, string> = {
      [ENV.mailDomain]: mailDomain,
      ...(props.consoleUrl ? { [ENV.consoleUrl]: props.consoleUrl } : {}),
    };
    this.api = new AppApi(this, 'Api', { routes, table, authorizer: auth.authorizer, environment });
    const schedules = new RuntimeSchedules(this, 'Schedules', { table, environment });
    // what each HTTP function may do beyond the table comes from infra/functions.ts
    const needing = (need: (f: (typeof httpFunctions)[HttpFunctionName]) => boolean) =>
      [...this.api.functions].filter(([name]) => need(httpFunctions[name])).map(([, fn]) => fn);
    for (const fn of needing((f) => f.scheduler)) schedules.allowScheduling(fn);
    for (const fn of needing((f) => f.userDirectory)) grantPartnerDirectory(fn, auth.userPool);
    // the report target mails reports itself (a report can outgrow a table item, see README)
    schedules.targets.get('send-report')!.allowSendingMailFrom(mailDomain);
    // the mail outbox: handlers queue mail-out items, this stream consumer alone sends them
    const streams = new TableStreamConsumers(this, 'Streams', {
      table,
      consumers: streamConsumers,
      environment,
    });
    const outbox = streams.functions.get('send-queued-mail')!;
    const email = new EmailIntake(this, 'Email', {
      table,
      domain: mailDomain,
      retain: deletionProtection,
      scheduleGroupName: schedules.group.scheduleGroupName,
      readers: needing((f) => f.rawMail !== 'none'),
      writers: needing((f) => f.rawMail === 'RW'),
      photoWriters: needing((f) => f.formPhotos),
      // routes and the intake only queue mail (shared/mail/outbox.ts): no SES grant for them
      senders: [outbox],
    });
    const alarms = new OperatorAlarms(this, 'Alarms', { email: props.alarmEmail });
    alarms.onDeadLetters('MailIntake', email.deadLetters);
    alarms.onErrors('MailIntake', email.intake);
    alarms.onErrors('MailSweeper', email.sweeper);
    alarms.onProcessingFailed();
    alarms.onDeadLetters('Schedules', schedules.deadLetters);
    for (const [name, queue] of streams.deadLetters) alarms.onDeadLetters(`Stream-${name}`, queue);
    if (props.reserveConcurrency ?? true) {
      const limits = [
        [this.api.functions.get('public')!, 10],
        [email.intake, 5],
        // one sweep at a time: a second would only race the first for the same stale claims
        [email.sweeper, 1],
        ...[...schedules.targets.values()].map((fn) => [fn, 5] as const),
      ] as const;
      for (const [fn, n] of limits) (fn.node.defaultChild as CfnFunction).reservedConcurrentExecutions = n;
    }

    new CfnOutput(this, 'AlarmTopic', { value: alarms.topic.topicArn });
    new CfnOutput(this, 'InboundRuleSet', { value: email.ruleSet.receiptRuleSetName });
    new CfnOutput(this, 'IntakeDeadLetterQueue', { value: email.deadLetters.queueUrl });
    new CfnOutput(this, 'MailOutboxDeadLetterQueue', {
      value: streams.deadLetters.get('send-queued-mail')!.queueUrl,
    });

    new CfnOutput(this, 'UserPoolId', { value: auth.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: auth.client.userPoolClientId });
    new CfnOutput(this, 'TableName', { value: table.tableName });
  }
}
