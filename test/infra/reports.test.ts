import { Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { httpFunctions } from '#infra/functions';
import { actionsOf, policyStatements, synthStack } from '#test/support/synth';

describe('reports in CDK: the send-report target, its invoker and the schedule routes', () => {
  let template: Template;
  const policiesOf = (logicalIdPrefix: string) => policyStatements(template, logicalIdPrefix);
  const actions = actionsOf;

  beforeAll(() => {
    ({ template } = synthStack());
  });

  it('creates the send-report Lambda (Node 22, arm64) that EventBridge Scheduler may invoke', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Description: 'schedule target send-report',
      Runtime: 'nodejs22.x',
      Architectures: ['arm64'],
      Timeout: 60,
    });
    const invoke = policiesOf('SchedulesInvoker').find((s) =>
      actions([s]).includes('lambda:InvokeFunction'),
    )!;
    expect(JSON.stringify(invoke.Resource)).toContain('SchedulesSendReportTarget');
  });

  it('lets the target send mail and write the table, but never Scan', () => {
    const statements = policiesOf('SchedulesSendReportTargetRole');
    expect(actions(statements)).toEqual(
      expect.arrayContaining(['ses:SendRawEmail', 'dynamodb:Query', 'dynamodb:UpdateItem']),
    );
    expect(actions(statements)).not.toContain('dynamodb:Scan');
  });

  it('gives the API function (which serves PUT and DELETE /reports/schedule) the right to manage schedules, with the target ARN', () => {
    for (const fn of ['ApiApiFunction']) {
      const statements = policiesOf(`${fn}Role`);
      expect(actions(statements)).toEqual(
        expect.arrayContaining([
          'scheduler:CreateSchedule',
          'scheduler:UpdateSchedule',
          'scheduler:DeleteSchedule',
          'iam:PassRole',
        ]),
      );
    }
    template.hasResourceProperties('AWS::Lambda::Function', {
      Description: httpFunctions.api.description,
      Environment: { Variables: Match.objectLike({ SEND_REPORT_FUNCTION_ARN: Match.anyValue() }) },
    });
    for (const fn of ['ApiPublicFunction']) {
      expect(
        actions(policiesOf(`${fn}Role`)).some((a) => a.startsWith('scheduler:') || a === 'iam:PassRole'),
      ).toBe(false);
    }
  });
});
