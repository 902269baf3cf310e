import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { VerbundStack } from '../../infra/stack';

/**
 * Synthesizes the stack for assertions. Bundling is skipped (the bench and `npm run synth` bundle
 * for real); everything else is the template CDK deploys.
 */
export function synthStack(opts: { deletionProtection?: boolean } = {}) {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  const stack = new VerbundStack(app, 'Test', { deletionProtection: opts.deletionProtection ?? true });
  return { app, stack, template: Template.fromStack(stack) };
}
