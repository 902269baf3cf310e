/**
 * Reports benchmark (`npx tsx bench/reports.ts`): a network of 50 partners × 3 resources
 * (people, room, machine) with bookings in every week of the 12-week report period, a year of
 * referral ledger entries, 60 open inquiries and 8 closed pools, in DynamoDB Local (started on a
 * free port). Measures building the coordinator's report the way GET /reports/utilisation and the
 * scheduled delivery do (all Queries, one GetItem): median time, read capacity consumed
 * (ReturnConsumedCapacity TOTAL on every request), which commands ran (no Scan), and the size
 * of the CSV and of the e-mail HTML. Prints a table and JSON (also bench/out/reports.json).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { performance } from 'node:perf_hooks';
import { dbMeter } from './db-meter';

const PARTNERS = 50;
const RUNS = 20;
const TABLE = 'bench-reports';
const NET = 'bench';

/** A small deterministic PRNG (mulberry32), so every run benchmarks the same network. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
    });
  });
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};
const round = (n: number, digits = 1) => Number(n.toFixed(digits));

const { startDynamoDbLocal, ensureTable, localDynamoClient } = await import('#infra/local/dynamodb');
const port = await freePort();
const dynamo = await startDynamoDbLocal({ port });
let result: Record<string, unknown>;
let emailHtml = '';
try {
  process.env.TABLE_NAME = TABLE;
  process.env.DYNAMODB_ENDPOINT = dynamo.endpoint;
  process.env.AWS_REGION = 'eu-central-1';
  process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
  const admin = localDynamoClient(port);
  await ensureTable(admin, TABLE);
  admin.destroy();
  // handler-side modules read the environment at import, as in Lambda
  const { newNetwork } = await import('#functions/networks/network');
  const networks = await import('#functions/networks/store');
  const { batchWriteAll, putRequests } = await import('#shared/db/batch');
  const { db } = await import('#shared/db/client');
  const { bookingYearItems, matchKeys } = await import('#functions/matching/store');
  const { inquiryIndex, inquiryKeys } = await import('#functions/inquiries/keys');
  const { closedPoolItem } = await import('#test/support/reports');
  const { loadReport } = await import('#functions/reports/service');
  const { buildReport, reportPeriod, OPEN_STATUSES } = await import('#functions/reports/report');
  const { reportCsv } = await import('#functions/reports/csv');
  const { reportHtml } = await import('#functions/reports/reports-mail');

  const now = new Date();
  const iso = now.toISOString();
  const network = newNetwork(
    { name: 'Bench Netzwerk', slug: 'bench', contact: { name: 'B', email: 'b@bench.example' } },
    NET,
    iso,
  );
  await networks.createNetwork(network);
  const found = reportPeriod(now, network.timezone);
  if (!('period' in found)) throw new Error('no period');
  const { period } = found;

  const rnd = prng(42);
  const items: Record<string, unknown>[] = [];
  const partnerIds = Array.from({ length: PARTNERS }, (_, i) => `p${String(i + 1).padStart(2, '0')}`);
  for (const id of partnerIds) {
    await networks.createPartner(NET, {
      id,
      name: `Firma ${id} Müller & Söhne`,
      contact: { name: `Chef ${id}`, email: `${id}@bench.example` },
      competences: [],
      active: true,
      createdAt: iso,
      updatedAt: iso,
    });
    const resources = [
      { id: 'team', kind: 'people' as const, hoursPerWeek: 38.5 * (1 + Math.floor(rnd() * 4)) },
      { id: 'hall', kind: 'room' as const, hoursPerWeek: 45 },
      { id: 'cnc', kind: 'machine' as const, hoursPerWeek: 40 },
    ];
    for (const r of resources) {
      await networks.createResource(NET, { ...r, partnerId: id, name: `${r.kind} ${id}`, exceptions: [] });
      // a booking in every week of the period: 0–110 % of the capacity
      const lines = period.weeks.map((week) => ({
        partnerId: id,
        resourceId: r.id,
        week,
        booked: Math.round(r.hoursPerWeek * rnd() * 1.1),
      }));
      items.push(...bookingYearItems(NET, lines));
    }
  }
  const bookingItems = items.length;
  // a year of referral ledger entries (the report reads those of its 12 weeks)
  for (let j = 0; j < 300; j++) {
    const at = new Date(now.getTime() - Math.floor(rnd() * 360) * 86_400_000).toISOString();
    const receiver = partnerIds[Math.floor(rnd() * PARTNERS)]!;
    const giver = rnd() < 0.5 ? 'network' : partnerIds[Math.floor(rnd() * PARTNERS)]!;
    items.push({
      ...matchKeys.ledger(NET, at, `job${j}`, receiver),
      entity: 'ledger-entry',
      v: 1,
      at,
      jobId: `job${j}`,
      inquiryId: `inq${j}`,
      giver,
      receiver,
      hours: 10 + Math.floor(rnd() * 200),
    });
  }
  // 60 open inquiries in the by-status index, as the inquiries store keeps them
  for (let i = 0; i < 60; i++) {
    const id = `inq${String(i).padStart(3, '0')}`;
    const status = OPEN_STATUSES[i % OPEN_STATUSES.length]!;
    const createdAt = new Date(now.getTime() - Math.floor(rnd() * 90) * 86_400_000).toISOString();
    items.push({
      ...inquiryKeys.inquiry(NET, id),
      entity: 'inquiry',
      v: 1,
      id,
      status,
      createdAt,
      subject: 'Anfrage',
      text: 'x'.repeat(600),
      gsi2pk: inquiryIndex.status(NET, status),
      gsi2sk: inquiryIndex.byDate(createdAt, id),
    });
  }
  // 8 closed pools, 5 of them in the period
  for (let i = 0; i < 8; i++) {
    const closedAt = new Date(now.getTime() - (i < 5 ? 3 + i * 4 : 60 + i * 10) * 86_400_000).toISOString();
    const lines = partnerIds.slice(0, 12).map((partnerId) => ({
      partnerId,
      savingsVsListCents: 1000 + Math.floor(rnd() * 5000),
      savingsVsAloneCents: Math.floor(rnd() * 2000),
    }));
    items.push(closedPoolItem(NET, `pool${i}`, closedAt, lines));
  }
  await batchWriteAll(putRequests(items));

  // every request of a report build asks for its consumed capacity and is counted by name
  const meter = dbMeter(db);
  const build = async () => {
    const t0 = performance.now();
    const net = await networks.getNetwork(NET);
    const report = await loadReport(net!, period, new Date());
    return { ms: performance.now() - t0, report };
  };
  // one metered build, then timed ones
  const { result: first, reads } = await meter.measure(build);
  const perBuild = {
    capacityUnits: round(reads.capacityUnits),
    commands: reads.commands,
    itemsRead: reads.itemsRead,
  };
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) times.push((await build()).ms);
  // the pure part alone: the same data, assembled in memory
  const report = first.report;
  const { partners, resources } = await networks.listPartnersWithResources(NET);
  const { listBookings } = await import('#functions/matching/store');
  const bookings = await listBookings(NET, period.from, period.to);
  const pure: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    buildReport({
      network: { id: NET, name: network.name },
      period,
      generatedAt: iso,
      partners,
      resources,
      bookings,
      ledger: [],
      openInquiries: [],
      closedPools: [],
      exchange: { posts: [], meetings: [] },
    });
    pure.push(performance.now() - t0);
  }
  const csv = reportCsv(report);
  const html = reportHtml(report);
  emailHtml = html;
  result = {
    node: process.version,
    network: {
      partners: PARTNERS,
      resources: PARTNERS * 3,
      weeks: period.weeks.length,
      bookingItems,
      ledgerEntries: 300,
      openInquiries: 60,
      closedPools: 8,
    },
    perBuild: { ...perBuild, scans: perBuild.commands.ScanCommand ?? 0 },
    buildMsLocal: {
      median: round(median(times)),
      min: round(Math.min(...times)),
      max: round(Math.max(...times)),
    },
    assembleMsInProcess: { median: round(median(pure), 2) },
    output: {
      partnerRows: report.partners.length,
      csvBytes: Buffer.byteLength(csv),
      csvRows: csv.split('\r\n').length - 2,
      htmlBytes: Buffer.byteLength(html),
    },
  };
} finally {
  await dynamo.stop();
}

const r = result as {
  network: Record<string, number>;
  perBuild: { capacityUnits: number; commands: Record<string, number>; itemsRead: number; scans: number };
  buildMsLocal: { median: number; min: number; max: number };
  assembleMsInProcess: { median: number };
  output: { csvBytes: number; csvRows: number; htmlBytes: number };
};
console.log(
  `\nUtilisation report of ${r.network.partners} partners × 3 resources × ${r.network.weeks} weeks (${r.network.bookingItems} booking items), DynamoDB Local\n`,
);
console.log('what | value');
console.log('---- | ----:');
console.log(
  `requests per build | ${Object.entries(r.perBuild.commands)
    .map(([k, v]) => `${v} × ${k}`)
    .join(', ')}`,
);
console.log(`Scan requests | ${r.perBuild.scans}`);
console.log(`items read | ${r.perBuild.itemsRead}`);
console.log(`read capacity consumed (RCU, TOTAL) | ${r.perBuild.capacityUnits}`);
console.log(
  `build time median / min / max (ms, local) | ${r.buildMsLocal.median} / ${r.buildMsLocal.min} / ${r.buildMsLocal.max}`,
);
console.log(`assembly alone, in process (ms, median) | ${r.assembleMsInProcess.median}`);
console.log(`CSV | ${r.output.csvRows} rows, ${r.output.csvBytes} bytes`);
console.log(`e-mail HTML (coordinator) | ${r.output.htmlBytes} bytes`);
console.log(`\n${JSON.stringify(result, null, 2)}`);
mkdirSync('bench/out', { recursive: true });
writeFileSync('bench/out/reports.json', `${JSON.stringify(result, null, 2)}\n`);
writeFileSync('bench/out/reports-email.html', emailHtml);
if (r.perBuild.scans > 0) process.exit(1);
