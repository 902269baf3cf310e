import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { VerbundStack } from './stack';

const app = new App();
// cdk-nag's AWS Solutions rules run on every synth; a finding fails it unless acknowledged with a reason
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
const deletionProtection = app.node.tryGetContext('deletionProtection') !== 'false';
new VerbundStack(app, app.node.tryGetContext('stackName') ?? 'Verbund', {
  deletionProtection,
  mailDomain: app.node.tryGetContext('mailDomain'),
  alarmEmail: app.node.tryGetContext('alarmEmail'),
  reserveConcurrency: app.node.tryGetContext('reserveConcurrency') !== 'false',
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION ?? 'eu-central-1' },
});
