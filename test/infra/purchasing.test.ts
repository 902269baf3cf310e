import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { httpFunctions } from '#infra/functions';
import { VerbundStack } from '#infra/stack';
import { actionsOf, policyStatements } from '#test/support/synth';

describe('purchasing in CDK: schedule group, invoker role, dead-letter queue, grants', () => {
  let template: Template;
  const policiesOf = (logicalIdPrefix: string) => policyStatements(template, logicalIdPrefix);
  const actions = actionsOf;

  beforeAll(() => {
    const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
    template = Template.fromStack(
      new VerbundStack(app, 'Test', { env: { account: '111111111111', region: 'eu-central-1' } }),
    );
  });

  it('has one schedule group and an encrypted dead-letter queue', () => {
    template.resourceCountIs('AWS::Scheduler::ScheduleGroup', 1);
    template.hasResourceProperties('AWS::SQS::Queue', {
      SqsManagedSseEnabled: true,
      MessageRetentionPeriod: 14 * 24 * 3600,
    });
  });

  it('lets EventBridge Scheduler assume a role that may only invoke the close function and dead-letter', () => {
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [
          Match.objectLike({
            Principal: { Service: 'scheduler.amazonaws.com' },
            Condition: { StringEquals: { 'aws:SourceAccount': '111111111111' } },
          }),
        ],
      },
    });
    const statements = policiesOf('SchedulesInvoker');
    expect(actions(statements).sort()).toEqual(['lambda:InvokeFunction', 'sqs:SendMessage']);
    const invoke = statements.find((s) => s.Action === 'lambda:InvokeFunction')!;
    expect(JSON.stringify(invoke.Resource)).toContain('SchedulesClosePoolTarget');
    expect(JSON.stringify(invoke.Resource)).not.toContain('Api');
  });

  it('gives the API function (which serves the pool routes) schedule rights in the group and PassRole on the invoker only', () => {
    for (const fn of ['ApiApiFunction']) {
      const statements = policiesOf(`${fn}Role`);
      const scheduling = statements.find((s) => actions([s]).includes('scheduler:CreateSchedule'))!;
      expect(actions([scheduling]).sort()).toEqual([
        'scheduler:CreateSchedule',
        'scheduler:DeleteSchedule',
        'scheduler:UpdateSchedule',
      ]);
      expect(JSON.stringify(scheduling.Resource)).toContain(':schedule/Test-schedules/*');
      const pass = statements.find((s) => s.Action === 'iam:PassRole')!;
      expect(pass.Resource).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^SchedulesInvoker/), 'Arn'] });
    }
    // the public function (form, health) may not touch schedules
    expect(actions(policiesOf('ApiPublicFunctionRole')).some((a) => a.startsWith('scheduler:'))).toBe(false);
    expect(actions(policiesOf('ApiPublicFunctionRole'))).not.toContain('iam:PassRole');
  });

  it('names the group, role, queue and close function to the functions that create schedules', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Description: httpFunctions.api.description,
      Environment: {
        Variables: Match.objectLike({
          SCHEDULER_GROUP: Match.anyValue(),
          SCHEDULER_ROLE_ARN: Match.anyValue(),
          SCHEDULER_DLQ_ARN: Match.anyValue(),
          CLOSE_POOL_FUNCTION_ARN: Match.anyValue(),
        }),
      },
    });
  });
});
