import { defineConfig } from 'vitest/config';

/**
 * Five tiers (docs/architecture.md): unit (pure, no sockets), integration (handlers and stores
 * against DynamoDB Local, one table per file), infra (CDK template assertions), e2e (the local
 * runtime over real HTTP/SMTP), chaos (the local runtime killed mid-burst and restarted). One DynamoDB Local serves the whole run (test/global-setup.ts).
 * With API_URL set, the e2e project runs only the journeys, against that deployed stack
 * (test/support/target.ts).
 */
const e2e = process.env.API_URL ? ['test/e2e/journey.test.ts'] : ['test/e2e/**/*.test.ts'];
export default defineConfig({
  test: {
    globalSetup: ['test/global-setup.ts'],
    // vitest's default is one worker less than the cores: on the 2-core CI machine one file at a
    // time. The files wait on DynamoDB Local, a runtime or Chromium more than they compute: two at
    // a time took the integration tier from 211 s to 150 s there
    maxWorkers: 2,
    // bounds, not speed targets (those are in bench/): on a busy 2-core machine "200 concurrent
    // submissions" alone took 28 s
    testTimeout: 60_000,
    hookTimeout: 60_000,
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts'] } },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          setupFiles: ['test/support/table.ts'],
        },
      },
      { extends: true, test: { name: 'infra', include: ['test/infra/**/*.test.ts'] } },
      {
        extends: true,
        // two runtime files at a time (the run's maxWorkers); within a file at most two runtimes at
        // once (each is a JVM); a runtime's start takes ~3 s, but a minute on a busy 2-core machine.
        // One file at a time the e2e tier alone took 532 s here, two at a time 414 s
        test: {
          name: 'e2e',
          include: e2e,
          maxConcurrency: 2,
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        // the crash tier: the runtime SIGKILLed mid-burst and restarted (test/chaos/harness.ts);
        // one runtime at a time, after nothing else of its own
        test: {
          name: 'chaos',
          include: process.env.API_URL ? [] : ['test/chaos/**/*.test.ts'],
          fileParallelism: false,
          testTimeout: 400_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
