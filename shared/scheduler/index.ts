import { AppError } from '#shared/http/errors';
import { logger } from '#shared/log';
import { isTemporaryFailure } from '#shared/temporary-failure';
import type { ScheduleExpression } from './expression';
import type { ScheduleTarget } from './targets';

export type { ScheduleExpression } from './expression';
export type { ScheduleTarget } from './targets';

/** A run-time schedule: `name` is unique per account (per group in AWS). */
export interface ScheduleSpec {
  name: string;
  expression: ScheduleExpression;
  /** IANA timezone the expression's wall-clock times are read in. */
  timezone: string;
  target: ScheduleTarget;
  /** The event the target handler receives. */
  payload: Record<string, unknown>;
}

/**
 * Run-time schedules (pool deadlines, per-network report schedules). EventBridge Scheduler in
 * AWS (the default); the local runtime installs its croner-based implementation with
 * `useScheduler` at start. One-time `at()` schedules delete themselves after they ran.
 */
export interface Scheduler {
  /** Creates the schedule or replaces the one with the same name. */
  upsert(spec: ScheduleSpec): Promise<void>;
  /** Deletes the schedule; a schedule that does not exist (any more) is fine. */
  remove(name: string): Promise<void>;
}

/**
 * The scheduler did not answer, or answered busy (throttled, unavailable): a route answers 503
 * problem+json and the caller sends the request again, instead of a bare 500. What repeats on a
 * retry (a malformed schedule: a bug) stays a 500.
 */
export class SchedulerUnavailableError extends AppError {
  override name = 'SchedulerUnavailableError';
  constructor(cause: unknown) {
    super(
      503,
      'scheduler-unavailable',
      'the scheduler is not reachable at the moment: send the request again in a minute',
      [],
      {
        cause,
      },
    );
  }
}

/** `impl` with its temporary failures as SchedulerUnavailableError (shared/temporary-failure.ts). */
function guarded(impl: Scheduler): Scheduler {
  const guard =
    <A>(op: string, call: (arg: A) => Promise<void>) =>
    async (arg: A) => {
      try {
        await call(arg);
      } catch (err) {
        if (!isTemporaryFailure(err)) throw err;
        logger.warn(`scheduler ${op} failed`, { error: err as Error });
        throw new SchedulerUnavailableError(err);
      }
    };
  return {
    upsert: guard('upsert', (spec: ScheduleSpec) => impl.upsert(spec)),
    remove: guard('remove', (name: string) => impl.remove(name)),
  };
}

let current: Scheduler | undefined;

/** Installs the implementation handlers use (the local runtime and tests call this). */
export function useScheduler(impl: Scheduler): void {
  current = guarded(impl);
}

/** The installed scheduler; EventBridge Scheduler unless another was installed. */
export function scheduler(): Scheduler {
  if (!current) {
    // loaded on first use so handlers that never schedule do not pay for the client at cold start
    current = guarded({
      upsert: async (spec) => (await import('./aws')).awsScheduler().upsert(spec),
      remove: async (name) => (await import('./aws')).awsScheduler().remove(name),
    });
  }
  return current;
}
