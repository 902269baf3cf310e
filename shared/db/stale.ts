import { ENV } from '#shared/env-names';

/**
 * The claim time (epoch seconds) before which a claim counts as abandoned: one older than
 * `staleSeconds` belongs to an invocation that died (Lambda timeout, OOM, a killed process), and
 * on the local runtime every claim taken before the runtime started (RUNTIME_STARTED_AT) belongs
 * to a run that was killed, since the runtime is the only writer of its table. Taking over a
 * claim is always safe for the effect (the effect's write is conditional on the claim's token);
 * the stale time only bounds how long a retry waits for a claim that nobody holds any more.
 */
export function staleBefore(staleSeconds: number, now = Math.floor(Date.now() / 1000)): number {
  const started = Number(process.env[ENV.runtimeStartedAt]);
  const bound = now - staleSeconds;
  return Number.isInteger(started) && started > bound && started <= now ? started : bound;
}
