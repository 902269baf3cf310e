/**
 * Joins per second under contention on ONE pool, against DynamoDB Local:
 * `npx tsx bench/purchasing.ts [--rounds 3] [--sizes 50,200]`.
 * Each round opens a fresh pool and lets N partners join at the same moment through the real
 * join handler (route table, middy chain, TransactWriteItems on the pool item). Reports joins/s,
 * latency, the transaction conflicts (counted on the client from outside), and checks the pool total equals the
 * sum of the accepted quantities. Prints a table and JSON (also written to bench/out/).
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { freePort } from '#test/global-setup';
import { dbMeter } from './db-meter';

const { values } = parseArgs({
  options: { rounds: { type: 'string', default: '3' }, sizes: { type: 'string', default: '50,200' } },
});
const rounds = Number(values.rounds);
const sizes = values.sizes.split(',').map(Number);

const { startDynamoDbLocal, ensureTable, localDynamoClient } = await import('#infra/local/dynamodb');
const port = await freePort();
const dynamo = await startDynamoDbLocal({ port });
const work = mkdtempSync(join(tmpdir(), 'verbund-bench-'));
// the handlers read their configuration at import, as in Lambda
process.env.TABLE_NAME = 'bench';
process.env.DYNAMODB_ENDPOINT = dynamo.endpoint;
process.env.AWS_REGION = 'eu-central-1';
process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
process.env.MAIL_TRANSPORT = 'file';
process.env.OUTBOX_DIR = join(work, 'outbox');

interface Row {
  partners: number;
  round: number;
  accepted: number;
  rejected: number;
  seconds: number;
  joinsPerSecond: number;
  p50Ms: number;
  p95Ms: number;
  transactionConflicts: number;
  totalMatches: boolean;
}

try {
  const admin = localDynamoClient(port);
  await ensureTable(admin, 'bench');
  admin.destroy();
  const { givenNetwork } = await import('#test/support/networks');
  const { call, claims } = await import('#test/support/api');
  const { handler: openPool } = await import('#functions/purchasing/open-pool.handler');
  const { handler: joinPool } = await import('#functions/purchasing/join-pool.handler');
  const { getPool } = await import('#functions/purchasing/store');
  const { db: client } = await import('#shared/db/client');
  const meter = dbMeter(client);
  const { startLocalScheduler } = await import('#infra/local/scheduler');
  const { useScheduler } = await import('#shared/scheduler/index');
  const scheduler = await startLocalScheduler({ dataDir: work, root: process.cwd() });
  useScheduler(scheduler);

  const rows: Row[] = [];
  for (const n of sizes) {
    const net = `bench-${n}`;
    const partners = Array.from({ length: n }, (_, i) => `${net}-p${i + 1}`);
    await givenNetwork(net, partners);
    for (let round = 1; round <= rounds; round++) {
      const opened = await call(openPool, {
        method: 'POST',
        path: '/pools',
        claims: claims.coordinator(net),
        body: {
          supplier: { name: 'Holz Großhandel GmbH', email: 'orders@holz.example' },
          article: { name: 'OSB-Platte 18 mm', number: 'OSB-18', unit: 'Stk' },
          listPriceCents: 1500,
          tiers: [
            { minQuantity: 100, unitPriceCents: 1300 },
            { minQuantity: 1000, unitPriceCents: 1140 },
            { minQuantity: 5000, unitPriceCents: 1000 },
          ],
          deadline: new Date(Date.now() + 3_600_000).toISOString(),
        },
      });
      const poolId = opened.body.id as string;
      const started = performance.now();
      const { result: results, reads } = await meter.measure(() =>
        Promise.all(
          partners.map(async (p, i) => {
            const t0 = performance.now();
            const res = await call(joinPool, {
              method: 'POST',
              path: `/pools/${poolId}/lines`,
              claims: claims.partner(net, p),
              body: { quantity: (i % 40) + 1 },
            });
            return { status: res.status, ms: performance.now() - t0, quantity: (i % 40) + 1 };
          }),
        ),
      );
      const seconds = (performance.now() - started) / 1000;
      const accepted = results.filter((r) => r.status === 201);
      const pool = await getPool(net, poolId);
      const lat = results.map((r) => r.ms).sort((a, b) => a - b);
      const q = (p: number) => lat[Math.min(lat.length - 1, Math.floor(p * lat.length))]!;
      rows.push({
        partners: n,
        round,
        accepted: accepted.length,
        rejected: results.length - accepted.length,
        seconds: Number(seconds.toFixed(3)),
        joinsPerSecond: Number((accepted.length / seconds).toFixed(1)),
        p50Ms: Math.round(q(0.5)),
        p95Ms: Math.round(q(0.95)),
        // each conflict is retried, or answered 429 when the attempts are used up
        transactionConflicts: reads.transactionConflicts,
        totalMatches: pool?.totalQuantity === accepted.reduce((s, r) => s + r.quantity, 0),
      });
    }
  }
  await scheduler.stop();

  // baseline: the same number of bare two-item transactions on one item, no handler around them
  const { db, tableName } = await import('#shared/db/client');
  const { TransactWriteCommand } = await import('@aws-sdk/lib-dynamodb');
  const baseline: { partners: number; transactionsPerSecond: number }[] = [];
  for (const n of sizes) {
    const started = performance.now();
    await Promise.all(
      Array.from({ length: n }, (_, i) =>
        db.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Update: {
                  TableName: tableName,
                  Key: { pk: 'NET#baseline', sk: `POOL#${n}` },
                  UpdateExpression: 'ADD totalQuantity :q',
                  ExpressionAttributeValues: { ':q': 1 },
                },
              },
              {
                Put: {
                  TableName: tableName,
                  Item: { pk: 'NET#baseline', sk: `POOL#${n}#LINE#${i}`, quantity: 1 },
                },
              },
            ],
          }),
        ),
      ),
    );
    baseline.push({
      partners: n,
      transactionsPerSecond: Number((n / ((performance.now() - started) / 1000)).toFixed(1)),
    });
  }

  const summary = sizes.map((n) => {
    const mine = rows.filter((r) => r.partners === n);
    const jps = mine.map((r) => r.joinsPerSecond).sort((a, b) => a - b);
    return {
      partners: n,
      rounds: mine.length,
      medianJoinsPerSecond: jps[Math.floor(jps.length / 2)]!,
      transactionConflicts: mine.reduce((s, r) => s + r.transactionConflicts, 0),
      rejected: mine.reduce((s, r) => s + r.rejected, 0),
      allTotalsMatch: mine.every((r) => r.totalMatches),
    };
  });
  console.log('\nJoins under contention on one pool (DynamoDB Local, in-process handlers)\n');
  console.log(
    'partners round accepted rejected  seconds  joins/s  p50 ms  p95 ms      tx conflicts  total ok',
  );
  for (const r of rows) {
    console.log(
      `${String(r.partners).padStart(8)} ${String(r.round).padStart(5)} ${String(r.accepted).padStart(8)} ${String(r.rejected).padStart(8)} ${r.seconds.toFixed(3).padStart(8)} ${r.joinsPerSecond.toFixed(1).padStart(8)} ${String(r.p50Ms).padStart(7)} ${String(r.p95Ms).padStart(7)} ${String(r.transactionConflicts).padStart(18)}  ${r.totalMatches ? 'yes' : 'NO'}`,
    );
  }
  console.log(
    '\nbaseline, bare TransactWriteItems on one item:',
    baseline.map((b) => `${b.partners}: ${b.transactionsPerSecond}/s`).join(', '),
  );
  const result = { benchmark: 'purchasing-joins', node: process.version, rows, summary, baseline };
  mkdirSync('bench/out', { recursive: true });
  writeFileSync('bench/out/purchasing.json', `${JSON.stringify(result, null, 2)}\n`);
  console.log(`\n${JSON.stringify(summary)}`);
} finally {
  await dynamo.stop();
}
