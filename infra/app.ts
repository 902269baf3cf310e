import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { ConsoleStack } from './console-stack';
import { ensureConsoleBuilt } from './local/build-console';
import { VerbundStack } from './stack';

const app = new App();
// cdk-nag's AWS Solutions rules run on every synth; a finding fails it unless acknowledged with a reason
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
const deletionProtection = app.node.tryGetContext('deletionProtection') !== 'false';
const stackName = app.node.tryGetContext('stackName') ?? 'Verbund';
const env = {
  account: process.env.CDK_DEFAULT_ACCOUNT,
  region: process.env.CDK_DEFAULT_REGION ?? 'eu-central-1',
};
const main = new VerbundStack(app, stackName, {
  deletionProtection,
  mailDomain: app.node.tryGetContext('mailDomain'),
  alarmEmail: app.node.tryGetContext('alarmEmail'),
  reserveConcurrency: app.node.tryGetContext('reserveConcurrency') !== 'false',
  // the web console: `-c consoleUrl=https://… -c cognitoDomainPrefix=…` (README, "Web console")
  consoleUrl: app.node.tryGetContext('consoleUrl'),
  cognitoDomainPrefix: app.node.tryGetContext('cognitoDomainPrefix'),
  env,
});
// the console's own stack: S3 + CloudFront, `/api/*` to the HTTP API above
new ConsoleStack(app, `${stackName}Console`, {
  apiDomain: `${main.api.api.apiId}.execute-api.${main.region}.amazonaws.com`,
  assetDir: await ensureConsoleBuilt(process.cwd()),
  cognito: main.auth.loginDomain
    ? { domain: main.auth.loginDomain, clientId: main.auth.client.userPoolClientId }
    : undefined,
  env,
});
