import { defineConfig } from 'vitest/config';

/**
 * Four tiers (docs/architecture.md): unit (pure, no sockets), integration (handlers and stores
 * against DynamoDB Local, one table per file), infra (CDK template assertions), e2e (the local
 * runtime over real HTTP/SMTP). One DynamoDB Local serves the whole run (test/global-setup.ts).
 * With API_URL set, the e2e project runs only the journeys, against that deployed stack
 * (test/support/target.ts).
 */
const e2e = process.env.API_URL ? ['test/e2e/journey.test.ts'] : ['test/e2e/**/*.test.ts'];
export default defineConfig({
  test: {
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 30_000,
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
      { extends: true, test: { name: 'e2e', include: e2e, fileParallelism: false } },
    ],
  },
});
