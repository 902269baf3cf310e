import {
  CreateScheduleCommand,
  type CreateScheduleCommandInput,
  DeleteScheduleCommand,
  SchedulerClient,
  UpdateScheduleCommand,
} from '@aws-sdk/client-scheduler';
import * as z from 'zod/mini';
import { parseEnv } from '#shared/env';
import { ENV } from '#shared/env-names';
import type { Scheduler, ScheduleSpec } from './index';
import { SCHEDULE_TARGETS } from './targets';

export interface AwsSchedulerSettings {
  group: string;
  roleArn: string;
  deadLetterArn: string;
  /** Lambda ARN per target name. */
  targetArn: (target: ScheduleSpec['target']) => string;
}

const required = z.string().check(z.minLength(1));
const SchedulerEnv = z.object({
  [ENV.schedulerGroup]: required,
  [ENV.schedulerRoleArn]: required,
  [ENV.schedulerDeadLetterArn]: required,
});

/** Reads the scheduler settings CDK gives the functions that create schedules. */
export function awsSchedulerSettings(env: NodeJS.ProcessEnv = process.env): AwsSchedulerSettings {
  const e = parseEnv(SchedulerEnv, env, 'scheduler');
  return {
    group: e[ENV.schedulerGroup],
    roleArn: e[ENV.schedulerRoleArn],
    deadLetterArn: e[ENV.schedulerDeadLetterArn],
    // read when a schedule for the target is made: a function has only its own targets' ARNs
    targetArn: (target) => {
      const name = SCHEDULE_TARGETS[target].arnEnv;
      return parseEnv(z.object({ [name]: required }), env, 'scheduler')[name]!;
    },
  };
}

/**
 * The CreateSchedule/UpdateSchedule input for a spec: in the group, no flexible window, the
 * target Lambda invoked by the scheduler role with the payload as its event, retries for a day
 * and then the dead-letter queue. One-time `at()` schedules delete themselves after running.
 */
export function scheduleInput(spec: ScheduleSpec, s: AwsSchedulerSettings): CreateScheduleCommandInput {
  return {
    Name: spec.name,
    GroupName: s.group,
    ScheduleExpression: spec.expression,
    ScheduleExpressionTimezone: spec.timezone,
    FlexibleTimeWindow: { Mode: 'OFF' },
    ActionAfterCompletion: spec.expression.startsWith('at(') ? 'DELETE' : 'NONE',
    State: 'ENABLED',
    Target: {
      Arn: s.targetArn(spec.target),
      RoleArn: s.roleArn,
      Input: JSON.stringify(spec.payload),
      RetryPolicy: { MaximumRetryAttempts: 20, MaximumEventAgeInSeconds: 24 * 3600 },
      DeadLetterConfig: { Arn: s.deadLetterArn },
    },
  };
}

/** EventBridge Scheduler: create, or update when the name exists; delete ignores missing ones. */
export function createAwsScheduler(
  client: Pick<SchedulerClient, 'send'>,
  settings: () => AwsSchedulerSettings,
): Scheduler {
  return {
    async upsert(spec) {
      const input = scheduleInput(spec, settings());
      try {
        await client.send(new CreateScheduleCommand(input));
      } catch (err) {
        if ((err as { name?: string }).name !== 'ConflictException') throw err;
        await client.send(new UpdateScheduleCommand(input));
      }
    },
    async remove(name) {
      try {
        await client.send(new DeleteScheduleCommand({ Name: name, GroupName: settings().group }));
      } catch (err) {
        if ((err as { name?: string }).name !== 'ResourceNotFoundException') throw err;
      }
    },
  };
}

let cached: Scheduler | undefined;

/** The process's EventBridge Scheduler client, created on first use, settings from the environment. */
export function awsScheduler(): Scheduler {
  cached ??= createAwsScheduler(new SchedulerClient({}), () => awsSchedulerSettings());
  return cached;
}
