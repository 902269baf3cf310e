import { App } from 'aws-cdk-lib';
import { VerbundStack } from './stack';

const app = new App();
const deletionProtection = app.node.tryGetContext('deletionProtection') !== 'false';
new VerbundStack(app, app.node.tryGetContext('stackName') ?? 'Verbund', {
  deletionProtection,
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION ?? 'eu-central-1' },
});
