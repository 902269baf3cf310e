import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { VerbundStack } from '#infra/stack';

/**
 * Synthesizes the stack for assertions. Bundling is skipped (the bench and `npm run synth` bundle
 * for real); everything else is the template CDK deploys.
 */
export function synthStack(opts: { deletionProtection?: boolean } = {}) {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  const stack = new VerbundStack(app, 'Test', { deletionProtection: opts.deletionProtection ?? true });
  return { app, stack, template: Template.fromStack(stack) };
}

/** One IAM policy statement as it stands in the template. */
export type Statement = {
  Action: string | string[];
  Resource: unknown;
  Effect?: string;
  Condition?: unknown;
};

/** The statements of every IAM policy whose logical id starts with `logicalIdPrefix`. */
export function policyStatements(template: Template, logicalIdPrefix: string): Statement[] {
  return Object.entries(template.findResources('AWS::IAM::Policy'))
    .filter(([id]) => id.startsWith(logicalIdPrefix))
    .flatMap(
      ([, r]) =>
        (r as { Properties: { PolicyDocument: { Statement: Statement[] } } }).Properties.PolicyDocument
          .Statement,
    );
}

/** The actions the statements allow, flattened. */
export const actionsOf = (statements: Statement[]) => statements.flatMap((s) => [s.Action].flat());
