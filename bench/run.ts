/**
 * `npm run bench`: every benchmark, one after the other, each in its own process so one cannot
 * warm up another. Not part of `npm test`; speed and memory targets live here, never in tests.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const BENCHMARKS = [
  'bench/bundles.ts',
  'bench/mail-outbox.ts',
  'bench/inquiries.ts',
  'bench/competences.ts',
  'bench/form-and-mail.ts',
  'bench/matching.ts',
  'bench/purchasing.ts',
  'bench/reports.ts',
  'bench/console.ts',
  'bench/funding.ts',
  'bench/exchange.ts',
  'bench/dynamodb-local.ts',
];

let failed = 0;
for (const file of BENCHMARKS.filter((f) => existsSync(f))) {
  console.log(`\n=== ${file} ===`);
  const run = spawnSync('tsx', [file, ...process.argv.slice(2)], { stdio: 'inherit' });
  if (run.status !== 0) failed++;
}
process.exit(failed > 0 ? 1 : 0);
