import { describe, expect, it } from 'vitest';
import { createAwsScheduler, scheduleInput } from '#shared/scheduler/aws';
import { atExpression, cronerPattern, parseExpression } from '#shared/scheduler/expression';
import type { ScheduleSpec } from '#shared/scheduler/index';

const settings = {
  group: 'verbund-schedules',
  roleArn: 'arn:aws:iam::111111111111:role/invoker',
  deadLetterArn: 'arn:aws:sqs:eu-central-1:111111111111:dlq',
  targetArn: () => 'arn:aws:lambda:eu-central-1:111111111111:function:close',
};

const spec: ScheduleSpec = {
  name: 'pool-01abc',
  expression: 'at(2026-12-01T17:00:00)',
  timezone: 'Europe/Vienna',
  target: 'close-pool',
  payload: { networkId: 'demo', poolId: '01abc' },
};

describe('schedule expressions', () => {
  it('writes at() as wall-clock time in the timezone, rounded up to the second', () => {
    expect(atExpression('2026-12-01T16:00:00.000Z', 'Europe/Vienna')).toBe('at(2026-12-01T17:00:00)');
    // summer time: UTC+2
    expect(atExpression('2026-07-01T16:00:00.000Z', 'Europe/Vienna')).toBe('at(2026-07-01T18:00:00)');
    expect(atExpression('2026-07-01T23:59:59.200Z', 'UTC')).toBe('at(2026-07-02T00:00:00)');
  });

  it('parses at() and six-field cron() and refuses anything else', () => {
    expect(parseExpression('at(2026-12-01T17:00:00)')).toEqual({
      kind: 'at',
      wallTime: '2026-12-01T17:00:00',
    });
    expect(parseExpression('cron(0 7 ? * MON *)')).toEqual({
      kind: 'cron',
      fields: ['0', '7', '?', '*', 'MON', '*'],
    });
    expect(() => parseExpression('rate(5 minutes)')).toThrow(/must be at\(/);
    expect(() => parseExpression('cron(0 7 * * *)')).toThrow();
    expect(cronerPattern(['0', '7', '?', '*', 'MON', '*'])).toBe('0 0 7 ? * MON *');
  });
});

describe('EventBridge Scheduler input', () => {
  it('targets the Lambda with the payload, the invoker role, retries and the dead-letter queue', () => {
    expect(scheduleInput(spec, settings)).toEqual({
      Name: 'pool-01abc',
      GroupName: 'verbund-schedules',
      ScheduleExpression: 'at(2026-12-01T17:00:00)',
      ScheduleExpressionTimezone: 'Europe/Vienna',
      FlexibleTimeWindow: { Mode: 'OFF' },
      ActionAfterCompletion: 'DELETE',
      State: 'ENABLED',
      Target: {
        Arn: 'arn:aws:lambda:eu-central-1:111111111111:function:close',
        RoleArn: 'arn:aws:iam::111111111111:role/invoker',
        Input: '{"networkId":"demo","poolId":"01abc"}',
        RetryPolicy: { MaximumRetryAttempts: 20, MaximumEventAgeInSeconds: 86_400 },
        DeadLetterConfig: { Arn: 'arn:aws:sqs:eu-central-1:111111111111:dlq' },
      },
    });
    expect(
      scheduleInput({ ...spec, expression: 'cron(0 7 ? * MON *)' }, settings).ActionAfterCompletion,
    ).toBe('NONE');
  });

  it('updates when the schedule exists and ignores deleting one that is gone', async () => {
    // Prepare: a client that answers like the service for an existing / missing schedule
    const sent: string[] = [];
    const client = {
      send: async (command: { constructor: { name: string } }) => {
        sent.push(command.constructor.name);
        const error = (name: string) => Object.assign(new Error(name), { name });
        if (command.constructor.name === 'CreateScheduleCommand') throw error('ConflictException');
        if (command.constructor.name === 'DeleteScheduleCommand') throw error('ResourceNotFoundException');
        return {};
      },
    };
    const scheduler = createAwsScheduler(client as never, () => settings);
    // Act
    await scheduler.upsert(spec);
    await scheduler.remove('pool-gone');
    // Assess
    expect(sent).toEqual(['CreateScheduleCommand', 'UpdateScheduleCommand', 'DeleteScheduleCommand']);
  });
});
