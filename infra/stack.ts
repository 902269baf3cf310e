import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { AppApi } from './constructs/api';
import { AppAuth } from './constructs/auth';
import { EmailIntake } from './constructs/email';
import { AppTable } from './constructs/table';
import { routes } from './routes';

export interface VerbundStackProps extends StackProps {
  /** Protect the table (and keep the user pool) on stack deletion. Default true. */
  deletionProtection?: boolean;
}

/** Everything Verbund runs on in AWS: table, user pool, HTTP API with one Lambda per route. */
export class VerbundStack extends Stack {
  readonly api: AppApi;

  constructor(scope: Construct, id: string, props: VerbundStackProps = {}) {
    super(scope, id, props);
    const deletionProtection = props.deletionProtection ?? true;
    const { table } = new AppTable(this, 'Data', { deletionProtection });
    const auth = new AppAuth(this, 'Auth', { retain: deletionProtection });
    this.api = new AppApi(this, 'Api', { routes, table, authorizer: auth.authorizer });
    // ---- capability constructs below (e-mail intake, schedules, …) ----
    const route = (key: string) => {
      const fn = this.api.functions.get(key);
      if (!fn) throw new Error(`no route ${key} in infra/routes.ts`);
      return fn;
    };
    const release = route('POST /quarantine/{mailId}/release');
    const email = new EmailIntake(this, 'Email', {
      table,
      domain: this.node.tryGetContext('mailDomain') ?? 'inbound.verbund.test',
      retain: deletionProtection,
      readers: [route('GET /mail/{mailId}/raw'), route('GET /unroutable/{month}/{mailId}/raw'), release],
      writers: [release],
      senders: [
        route('POST /public/{slug}/inquiries'),
        route('POST /inquiries/{inquiryId}/replies'),
        release,
      ],
    });
    new CfnOutput(this, 'InboundRuleSet', { value: email.ruleSet.receiptRuleSetName });
    new CfnOutput(this, 'IntakeDeadLetterQueue', { value: email.deadLetters.queueUrl });

    new CfnOutput(this, 'UserPoolId', { value: auth.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: auth.client.userPoolClientId });
    new CfnOutput(this, 'TableName', { value: table.tableName });
  }
}
