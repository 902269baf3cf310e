/**
 * Mail outbox benchmark: `npx tsx bench/mail-outbox.ts`. Starts its own in-memory DynamoDB Local
 * and the local stream poller at the runtime's poll interval, then measures what a customer of
 * the public form notices: (1) the answer to the form (which now only queues the acknowledgement)
 * and the time from the form until the acknowledgement is in the outbox, one form at a time;
 * (2) a burst of forms, 50 at a time, until every acknowledgement is out (mails per second
 * through the poller and the consumer). Prints one JSON line; local stand-ins on this machine,
 * a trend line rather than AWS latency. The target: the acknowledgement within a second.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureTable, localDynamoClient, startDynamoDbLocal } from '#infra/local/dynamodb';
import { startStreamPoller } from '#infra/local/streams';
import { streamConsumers } from '#infra/streams';
import { freePort } from '#test/global-setup';

const SEQUENTIAL = Number(process.env.BENCH_FORMS_SEQUENTIAL ?? 30);
const BURST = Number(process.env.BENCH_FORMS ?? 200);

const port = await freePort();
const dynamo = await startDynamoDbLocal({ port });
const dir = mkdtempSync(join(tmpdir(), 'verbund-bench-outbox-'));
const outboxDir = join(dir, 'outbox');
Object.assign(process.env, {
  TABLE_NAME: 'bench',
  DYNAMODB_ENDPOINT: dynamo.endpoint,
  AWS_REGION: 'eu-central-1',
  POWERTOOLS_LOG_LEVEL: 'SILENT',
  MAIL_TRANSPORT: 'file',
  OUTBOX_DIR: outboxDir,
});
const admin = localDynamoClient(port);
await ensureTable(admin, 'bench');
admin.destroy();

const { givenNetwork } = await import('#test/support/networks');
const { call } = await import('#test/support/api');
const { handler: submit } = await import('#functions/inquiries/submit-public-inquiry.handler');

const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;
const round = (n: number) => Math.round(n * 10) / 10;
const sent = () => {
  try {
    return readdirSync(outboxDir).length;
  } catch {
    return 0;
  }
};
const until = async (done: () => boolean) => {
  while (!done()) await new Promise((r) => setTimeout(r, 2));
};

const poller = startStreamPoller({
  dataDir: dir,
  root: process.cwd(),
  endpoint: dynamo.endpoint,
  tableName: 'bench',
  consumers: streamConsumers,
});
try {
  await givenNetwork('bench');
  const form = (i: number) => ({
    method: 'POST',
    path: '/public/bench-slug/inquiries',
    body: {
      customer: { name: `Kunde ${i}`, email: `k${i}@example.com` },
      text: 'Wir brauchen einen Tischler und einen Elektriker.',
      consent: true,
    },
    sourceIp: `10.3.${Math.floor(i / 250)}.${i % 250}`,
  });

  const answerMs: number[] = [];
  const ackMs: number[] = [];
  for (let i = 0; i < SEQUENTIAL; i++) {
    const before = sent();
    const t = performance.now();
    const res = await call(submit, form(i));
    if (res.status !== 201) throw new Error(`form answered ${res.status}: ${res.text}`);
    answerMs.push(performance.now() - t);
    await until(() => sent() > before);
    ackMs.push(performance.now() - t);
  }

  const before = sent();
  const t0 = performance.now();
  for (let i = 0; i < BURST; i += 50) {
    await Promise.all(
      Array.from({ length: Math.min(50, BURST - i) }, (_, j) => call(submit, form(SEQUENTIAL + i + j))),
    );
  }
  await until(() => sent() >= before + BURST);
  const burstSeconds = (performance.now() - t0) / 1000;

  console.log(
    JSON.stringify({
      bench: 'mail-outbox',
      pollIntervalMs: 200,
      form: { answerP50Ms: round(pct(answerMs, 0.5)), answerP95Ms: round(pct(answerMs, 0.95)) },
      acknowledgementInOutbox: {
        p50Ms: round(pct(ackMs, 0.5)),
        p95Ms: round(pct(ackMs, 0.95)),
        maxMs: round(Math.max(...ackMs)),
        targetMs: 1000,
      },
      burst: {
        forms: BURST,
        allAcknowledgedSeconds: round(burstSeconds),
        mailsPerSecond: round(BURST / burstSeconds),
      },
      heapUsedMb: round(process.memoryUsage().heapUsed / 1024 / 1024),
    }),
  );
} finally {
  await poller.stop();
  await dynamo.stop();
  rmSync(dir, { recursive: true, force: true });
}
