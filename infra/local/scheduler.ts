import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Context } from 'aws-lambda';
import { Cron } from 'croner';
import type { Schedule } from '#infra/schedules';
import { cronerPattern, parseExpression } from '#shared/scheduler/expression';
import type { Scheduler, ScheduleSpec } from '#shared/scheduler/index';
import { SCHEDULE_TARGETS } from '#shared/scheduler/targets';
import { instantOfWallTime } from '#shared/time';
import { lambdaContext } from './api-event';

type TargetHandler = (event: unknown, context: Context) => Promise<unknown>;

export interface LocalSchedulerOptions {
  /** Schedules persist in `<dataDir>/scheduler/schedules.json`; failed runs land in `dead-letter/`. */
  dataDir: string;
  /** Repository root the target entries are resolved against. */
  root: string;
  /** The fixed schedules of infra/schedules.ts. */
  fixed?: readonly Schedule[];
  log?: (line: string) => void;
  /** Like the AWS retry policy: attempts per run and the first backoff (doubling). */
  retry?: { attempts: number; backoffMs: number };
}

export interface LocalScheduler extends Scheduler {
  /** The run-time schedules that exist now. */
  list(): ScheduleSpec[];
  /** Resolves when no target is running and no run that is already due is waiting to start. */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

interface Armed {
  spec: ScheduleSpec;
  job?: Cron;
  generation: string;
}

/**
 * The local stand-in for EventBridge Scheduler: croner fires each schedule in its timezone and
 * calls the target's handler module with the schedule's payload, as Lambda would be invoked.
 * Run-time schedules are persisted under DATA_DIR, so a restart keeps them; a one-time `at()`
 * schedule whose time passed while the runtime was stopped runs at start. One-time schedules
 * delete themselves after running (ActionAfterCompletion DELETE). A run that still fails after
 * the retries is written to `dead-letter/` (the dead-letter queue).
 */
export async function startLocalScheduler(opts: LocalSchedulerOptions): Promise<LocalScheduler> {
  const dir = join(opts.dataDir, 'scheduler');
  const file = join(dir, 'schedules.json');
  mkdirSync(join(dir, 'dead-letter'), { recursive: true });
  const retry = opts.retry ?? { attempts: 3, backoffMs: 1000 };
  const armed = new Map<string, Armed>();
  const fixedJobs: Cron[] = [];
  const running = new Set<Promise<void>>();
  let saving = Promise.resolve();
  let stopped = false;

  const persist = () => {
    const snapshot = JSON.stringify(
      [...armed.values()].map((a) => a.spec),
      null,
      2,
    );
    saving = saving.then(() => {
      const tmp = `${file}.${process.pid}.tmp`;
      writeFileSync(tmp, snapshot);
      renameSync(tmp, file);
    });
    return saving;
  };

  const modules = new Map<string, Promise<TargetHandler>>();
  const load = (entry: string) => {
    let m = modules.get(entry);
    if (!m) {
      m = import(pathToFileURL(resolve(opts.root, entry)).href).then(
        (mod: { handler: TargetHandler }) => mod.handler,
      );
      modules.set(entry, m);
    }
    return m;
  };

  async function invoke(name: string, entry: string, payload: unknown, scheduledTime: Date): Promise<void> {
    let lastError: unknown;
    for (let attempt = 1; attempt <= retry.attempts && !stopped; attempt++) {
      try {
        const handler = await load(entry);
        const event = withContextAttributes(payload, { name, scheduledTime, attempt });
        // the scheduled functions' timeout in AWS (infra/constructs/schedules.ts)
        await handler(event, lambdaContext(`schedule-${name}`, randomUUID(), 60_000));
        opts.log?.(`schedule ${name} → ${entry} done`);
        return;
      } catch (err) {
        lastError = err;
        opts.log?.(`schedule ${name} attempt ${attempt} failed: ${(err as Error).message}`);
        if (attempt < retry.attempts) await sleep(retry.backoffMs * 2 ** (attempt - 1));
      }
    }
    if (stopped) return;
    const letter = {
      schedule: name,
      entry,
      payload,
      error: String((lastError as Error)?.stack ?? lastError),
    };
    writeFileSync(
      join(dir, 'dead-letter', `${new Date().toISOString().replace(/[:.]/g, '-')}-${name}.json`),
      JSON.stringify(letter, null, 2),
    );
  }

  const track = (p: Promise<void>) => {
    running.add(p);
    void p.finally(() => running.delete(p));
  };

  function fire(a: Armed) {
    const target = SCHEDULE_TARGETS[a.spec.target];
    const parsed = parseExpression(a.spec.expression);
    // the time the schedule was due: the at() time, or the minute the cron matched
    const scheduledTime =
      parsed.kind === 'at'
        ? new Date(instantOfWallTime(parsed.wallTime, a.spec.timezone))
        : new Date(Math.floor(Date.now() / 60_000) * 60_000);
    track(
      (async () => {
        await invoke(a.spec.name, target.entry, a.spec.payload, scheduledTime);
        const current = armed.get(a.spec.name);
        // a one-time schedule deletes itself, unless it was replaced while it ran
        if (parseExpression(a.spec.expression).kind === 'at' && current?.generation === a.generation) {
          armed.delete(a.spec.name);
          if (!stopped) await persist();
        }
      })(),
    );
  }

  function arm(spec: ScheduleSpec): Armed {
    const parsed = parseExpression(spec.expression);
    const a: Armed = { spec, generation: randomUUID() };
    if (parsed.kind === 'at') {
      const job = new Cron(parsed.wallTime, { timezone: spec.timezone, maxRuns: 1 }, () => fire(a));
      if (job.nextRun() === null) {
        // the time passed (while the runtime was stopped, or it is due now): run it at once
        job.stop();
        // tracked from now on, so idle() also waits for a run that is due but not started yet
        track(
          new Promise<void>((resolve) =>
            setImmediate(() => {
              if (!stopped && armed.get(spec.name) === a) fire(a);
              resolve();
            }),
          ),
        );
      } else a.job = job;
    } else {
      a.job = new Cron(
        cronerPattern(parsed.fields),
        { timezone: spec.timezone, alternativeWeekdays: true, protect: true },
        () => fire(a),
      );
    }
    return a;
  }

  // restore the run-time schedules, then arm the fixed ones
  let saved: ScheduleSpec[] = [];
  try {
    saved = JSON.parse(readFileSync(file, 'utf8')) as ScheduleSpec[];
  } catch {
    saved = [];
  }
  for (const spec of saved) armed.set(spec.name, arm(spec));
  for (const f of opts.fixed ?? []) {
    const fields = parseExpression(f.cron);
    if (fields.kind !== 'cron') throw new Error(`fixed schedule ${f.name} needs a cron(...) expression`);
    fixedJobs.push(
      new Cron(
        cronerPattern(fields.fields),
        { timezone: f.timezone, alternativeWeekdays: true, protect: true },
        () => track(invoke(f.name, f.entry, {}, new Date(Math.floor(Date.now() / 60_000) * 60_000))),
      ),
    );
  }

  return {
    async upsert(spec) {
      parseExpression(spec.expression);
      if (!SCHEDULE_TARGETS[spec.target]) throw new Error(`unknown schedule target ${spec.target}`);
      armed.get(spec.name)?.job?.stop();
      armed.set(spec.name, arm(structuredClone(spec)));
      await persist();
    },
    async remove(name) {
      const a = armed.get(name);
      if (!a) return;
      a.job?.stop();
      armed.delete(name);
      await persist();
    },
    list: () => [...armed.values()].map((a) => structuredClone(a.spec)),
    async idle() {
      while (running.size > 0) await Promise.allSettled([...running]);
    },
    async stop() {
      stopped = true;
      for (const a of armed.values()) a.job?.stop();
      for (const j of fixedJobs) j.stop();
      await Promise.allSettled([...running]);
      await saving;
    },
  };
}

/**
 * The payload with EventBridge Scheduler's context attributes filled in, as AWS does it: each
 * keyword in the target input text is replaced (`<aws.scheduler.scheduled-time>` by
 * `2026-03-30T05:00:00Z`, and the schedule ARN, execution id and attempt number).
 */
export function withContextAttributes(
  payload: unknown,
  ctx: { name: string; scheduledTime: Date; attempt: number },
): unknown {
  const values: Record<string, string> = {
    '<aws.scheduler.scheduled-time>': ctx.scheduledTime.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    '<aws.scheduler.schedule-arn>': `arn:aws:scheduler:local:000000000000:schedule/local/${ctx.name}`,
    '<aws.scheduler.execution-id>': randomUUID().replace(/-/g, '').slice(0, 16),
    '<aws.scheduler.attempt-number>': String(ctx.attempt),
  };
  const text = JSON.stringify(payload ?? {}).replace(/<aws\.scheduler\.[a-z-]+>/g, (k) => values[k] ?? k);
  return JSON.parse(text);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
