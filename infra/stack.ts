import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { ENV } from '#shared/env-names';
import { AppApi } from './constructs/api';
import { AppAuth } from './constructs/auth';
import { EmailIntake } from './constructs/email';
import { grantPurchasing } from './constructs/purchasing';
import { grantReports } from './constructs/reports';
import { RuntimeSchedules } from './constructs/schedules';
import { TableStreamConsumers } from './constructs/streams';
import { AppTable } from './constructs/table';
import { routes } from './routes';
import { streamConsumers } from './streams';

export interface VerbundStackProps extends StackProps {
  /** Protect the table (and keep the user pool) on stack deletion. Default true. */
  deletionProtection?: boolean;
  /** The domain of the networks' addresses (`<inboundLocalPart>@<mailDomain>`), an SES identity. */
  mailDomain?: string;
}

/** Everything Verbund runs on in AWS: table, user pool, HTTP API with one Lambda per route. */
export class VerbundStack extends Stack {
  readonly api: AppApi;

  constructor(scope: Construct, id: string, props: VerbundStackProps = {}) {
    super(scope, id, props);
    const deletionProtection = props.deletionProtection ?? true;
    const { table } = new AppTable(this, 'Data', { deletionProtection });
    const auth = new AppAuth(this, 'Auth', { retain: deletionProtection });
    const mailDomain = props.mailDomain ?? 'verbund.example';
    const environment = { [ENV.mailDomain]: mailDomain };
    this.api = new AppApi(this, 'Api', { routes, table, authorizer: auth.authorizer, environment });
    // ---- capability constructs below (e-mail intake, schedules, …) ----
    const schedules = new RuntimeSchedules(this, 'Schedules', { table, environment });
    grantPurchasing(this.api, schedules);
    grantReports(this.api, schedules, mailDomain);
    const route = (key: string) => {
      const fn = this.api.functions.get(key);
      if (!fn) throw new Error(`no route ${key} in infra/routes.ts`);
      return fn;
    };
    const release = route('POST /quarantine/{mailId}/release');
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
      readers: [route('GET /mail/{mailId}/raw'), route('GET /unroutable/{month}/{mailId}/raw'), release],
      writers: [release],
      // routes and the intake only queue mail (shared/mail/outbox.ts): no SES grant for them
      senders: [outbox],
    });
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
