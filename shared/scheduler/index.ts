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

let current: Scheduler | undefined;

/** Installs the implementation handlers use (the local runtime and tests call this). */
export function useScheduler(impl: Scheduler): void {
  current = impl;
}

/** The installed scheduler; EventBridge Scheduler unless another was installed. */
export function scheduler(): Scheduler {
  if (!current) {
    // loaded on first use so handlers that never schedule do not pay for the client at cold start
    current = {
      upsert: async (spec) => (await import('./aws')).awsScheduler().upsert(spec),
      remove: async (name) => (await import('./aws')).awsScheduler().remove(name),
    };
  }
  return current;
}
