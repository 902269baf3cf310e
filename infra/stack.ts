import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { ENV } from '../shared/env-names';
import { AppApi } from './constructs/api';
import { AppAuth } from './constructs/auth';
import { grantPurchasing } from './constructs/purchasing';
import { RuntimeSchedules } from './constructs/schedules';
import { AppTable } from './constructs/table';
import { routes } from './routes';

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
    grantPurchasing(this.api, schedules, mailDomain);

    new CfnOutput(this, 'UserPoolId', { value: auth.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: auth.client.userPoolClientId });
    new CfnOutput(this, 'TableName', { value: table.tableName });
  }
}
