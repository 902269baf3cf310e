import { afterEach, describe, expect, it } from 'vitest';
import { staleBefore } from '#shared/db/stale';
import { ENV } from '#shared/env-names';

describe('when a claim counts as abandoned', () => {
  afterEach(() => {
    delete process.env[ENV.runtimeStartedAt];
  });

  it('is after the stale time in AWS, where other invocations may still hold their claims', () => {
    expect(staleBefore(90, 1_000_000)).toBe(1_000_000 - 90);
  });

  it('is at once for every claim from before a local runtime restarted, the only writer of its table', () => {
    // Prepare: the runtime started 5 s ago, after a killed run
    process.env[ENV.runtimeStartedAt] = String(1_000_000 - 5);
    // Act / Assess: a claim of the killed run (before the start) is taken over; one of this run is not
    expect(staleBefore(90, 1_000_000)).toBe(1_000_000 - 5);
    // long after the start, the stale time rules again
    expect(staleBefore(90, 1_000_000 + 600)).toBe(1_000_000 + 600 - 90);
  });

  it('ignores a start time that is not one', () => {
    process.env[ENV.runtimeStartedAt] = 'soon';
    expect(staleBefore(60, 1_000_000)).toBe(1_000_000 - 60);
  });
});
