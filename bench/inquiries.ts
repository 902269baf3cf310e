/**
 * Inquiries benchmark: `npx tsx bench/inquiries.ts`. Starts its own in-memory DynamoDB Local,
 * then measures (1) the e-mail intake per message over the fixture corpus, delivered as SES
 * events, and (2) public form submissions, sequential and 50 at a time. Prints one JSON line.
 * Numbers are for the local stand-ins on this machine, a trend line rather than AWS latency.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureTable, localDynamoClient, startDynamoDbLocal } from '#infra/local/dynamodb';
import { freePort } from '#test/global-setup';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const FORMS = Number(process.env.BENCH_FORMS ?? 200);

const port = await freePort();
const dynamo = await startDynamoDbLocal({ port });
const dir = mkdtempSync(join(tmpdir(), 'verbund-bench-'));
Object.assign(process.env, {
  TABLE_NAME: 'bench',
  DYNAMODB_ENDPOINT: dynamo.endpoint,
  AWS_REGION: 'eu-central-1',
  POWERTOOLS_LOG_LEVEL: 'SILENT',
  MAIL_TRANSPORT: 'file',
  OUTBOX_DIR: join(dir, 'outbox'),
  MAIL_STORE: 'fs',
  MAIL_DIR: join(dir, 'mail'),
  ATTACHMENTS_DIR: join(dir, 'attachments'),
});
const admin = localDynamoClient(port);
await ensureTable(admin, 'bench');
admin.destroy();

const { givenNetwork } = await import('#test/support/networks');
const { deliver } = await import('#test/support/mail');
const { call } = await import('#test/support/api');
const { handler: submit } = await import('#functions/inquiries/submit-public-inquiry.handler');

const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;
const round = (n: number) => Math.round(n * 10) / 10;

try {
  const fixtures = join(import.meta.dirname, '..', 'test', 'fixtures', 'mail');
  const corpus = readdirSync(fixtures)
    .filter((f) => f.endsWith('.eml'))
    .map((f) => readFileSync(join(fixtures, f)));
  const intakeMs: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    await givenNetwork(`mail${r}`);
    for (const raw of corpus) {
      const t = performance.now();
      await deliver(raw, { to: `mail${r}-slug@inbound.verbund.test` });
      intakeMs.push(performance.now() - t);
    }
  }

  await givenNetwork('form');
  const body = (i: number) => ({
    customer: { name: `Kunde ${i}`, email: `k${i}@example.com` },
    text: 'Wir brauchen einen Tischler und einen Elektriker.',
    consent: true,
  });
  const formMs: number[] = [];
  for (let i = 0; i < 50; i++) {
    const t = performance.now();
    await call(submit, {
      method: 'POST',
      path: '/public/form-slug/inquiries',
      body: body(i),
      sourceIp: `10.1.0.${i}`,
    });
    formMs.push(performance.now() - t);
  }
  await givenNetwork('crowd');
  const t0 = performance.now();
  for (let i = 0; i < FORMS; i += 50) {
    await Promise.all(
      Array.from({ length: 50 }, (_, j) =>
        call(submit, {
          method: 'POST',
          path: '/public/crowd-slug/inquiries',
          body: body(i + j),
          sourceIp: `10.2.${Math.floor((i + j) / 250)}.${(i + j) % 250}`,
        }),
      ),
    );
  }
  const concurrentSeconds = (performance.now() - t0) / 1000;

  console.log(
    JSON.stringify({
      bench: 'inquiries',
      intake: {
        messages: intakeMs.length,
        p50Ms: round(pct(intakeMs, 0.5)),
        p95Ms: round(pct(intakeMs, 0.95)),
      },
      publicForm: {
        sequentialP50Ms: round(pct(formMs, 0.5)),
        sequentialP95Ms: round(pct(formMs, 0.95)),
        concurrent50PerSecond: round(FORMS / concurrentSeconds),
      },
      heapUsedMb: round(process.memoryUsage().heapUsed / 1024 / 1024),
    }),
  );
} finally {
  await dynamo.stop();
  rmSync(dir, { recursive: true, force: true });
}
