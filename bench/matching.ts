/**
 * Matching benchmark (`npx tsx bench/matching.ts`):
 *  1. in-process: one inquiry with 5 required competences against 100, 1,000 and 10,000
 *     generated partners with bookings for 52 weeks; median time per match (the bookings index
 *     built from the raw booking list is part of each match) and how it grows;
 *  2. DynamoDB Local: the read capacity (ReturnConsumedCapacity: TOTAL) of loading one match's
 *     data for 100 partners: one Query per entity family.
 * Prints a table and JSON (also written to bench/out/matching.json). Target: ≤ 50 ms at 1,000.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { performance } from 'node:perf_hooks';
import type { MatchPartner, MatchResource, Requirement } from '#functions/matching/match-types';
import { match } from '#functions/matching/matcher';
import { weeksBetween } from '#shared/weeks';
import { dbMeter } from './db-meter';

const COMPETENCES = [
  'carpentry',
  'timber-construction',
  'electrical',
  'plumbing',
  'heating',
  'ventilation',
  'solar',
  'planning',
  'building-physics',
  'painting',
];
const WEEKS = weeksBetween('2030-01-07', '2031-01-05'); // 52 ISO weeks
const REQUIREMENTS: Requirement[] = [
  { competenceId: 'carpentry', hours: 400, minLevel: 3 },
  { competenceId: 'electrical', hours: 240 },
  { competenceId: 'plumbing', hours: 200, minLevel: 2 },
  { competenceId: 'heating', hours: 160 },
  { competenceId: 'planning', hours: 80, minLevel: 4 },
];
const TARGET_MS = 50;

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

interface Generated {
  partners: MatchPartner[];
  resources: (MatchResource & { name: string })[];
  bookings: { partnerId: string; resourceId: string; week: string; booked: number }[];
  balances: Map<string, number>;
}

/** `n` partners with 1–3 competences, 1–2 people resources and a machine, booked 0–90 % a week. */
function generate(n: number, seed = 42): Generated {
  const rnd = prng(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rnd() * list.length)]!;
  const out: Generated = { partners: [], resources: [], bookings: [], balances: new Map() };
  for (let i = 0; i < n; i++) {
    const id = `p${String(i).padStart(5, '0')}`;
    const competences = new Map<string, number>();
    const k = 1 + Math.floor(rnd() * 3);
    while (competences.size < k) competences.set(pick(COMPETENCES), 1 + Math.floor(rnd() * 5));
    out.partners.push({
      id,
      name: `Firma ${id}`,
      active: rnd() > 0.05,
      competences: [...competences].map(([competenceId, level]) => ({ competenceId, level })),
      postcode: String(1000 + Math.floor(rnd() * 8000)),
    });
    const people = 1 + Math.floor(rnd() * 2);
    for (let r = 0; r < people + 1; r++) {
      const kind = r < people ? 'people' : 'machine';
      const hoursPerWeek = kind === 'people' ? 38 * (1 + Math.floor(rnd() * 5)) : 40;
      const resource = {
        id: `${id}-r${r + 1}`,
        partnerId: id,
        kind,
        name: `${kind} ${r + 1}`,
        hoursPerWeek,
        exceptions: rnd() < 0.5 ? [{ from: '2030-12-24', to: '2031-01-06', hours: 0 }] : [],
      };
      out.resources.push(resource);
      const load = rnd() * 0.9;
      for (const week of WEEKS) {
        const booked = Math.round(hoursPerWeek * load * rnd() * 2);
        if (booked > 0)
          out.bookings.push({
            partnerId: id,
            resourceId: resource.id,
            week,
            booked: Math.min(booked, hoursPerWeek),
          });
      }
    }
    if (rnd() < 0.3) out.balances.set(id, Math.round((rnd() - 0.5) * 400));
  }
  return out;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

function timeMatches(data: Generated, runs: number) {
  const input = () => ({
    requirements: REQUIREMENTS,
    weeks: WEEKS,
    partners: data.partners,
    resources: data.resources,
    bookings: data.bookings,
    balances: data.balances,
    customer: { postcode: '1010' },
    count: 3,
  });
  for (let i = 0; i < 3; i++) match(input()); // warm-up: JIT
  const times: number[] = [];
  let result = match(input());
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    result = match(input());
    times.push(performance.now() - t0);
  }
  return { median: median(times), min: Math.min(...times), max: Math.max(...times), result };
}

// ---- 1. in-process ----------------------------------------------------------------------
const sizes = [100, 1_000, 10_000];
const inProcess: Record<string, unknown>[] = [];
for (const n of sizes) {
  const data = generate(n);
  const { median: ms, min, max, result } = timeMatches(data, n >= 10_000 ? 9 : 21);
  inProcess.push({
    partners: n,
    resources: data.resources.length,
    bookingItems: data.bookings.length,
    medianMs: Number(ms.toFixed(2)),
    minMs: Number(min.toFixed(2)),
    maxMs: Number(max.toFixed(2)),
    proposals: result.proposals.length,
    bestComplete: result.proposals[0]?.complete ?? false,
    bestPartners: result.proposals[0]?.partnerIds.length ?? 0,
  });
}
for (let i = 1; i < inProcess.length; i++) {
  const prev = inProcess[i - 1]!;
  const cur = inProcess[i]!;
  cur.growthVsPrevious = Number(((cur.medianMs as number) / (prev.medianMs as number)).toFixed(1));
}

// ---- 2. DynamoDB Local: read capacity of one match's data at 100 partners ---------------
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

async function measureReads() {
  const { startDynamoDbLocal, ensureTable, localDynamoClient } = await import('#infra/local/dynamodb');
  const port = await freePort();
  const dynamo = await startDynamoDbLocal({ port });
  try {
    process.env.TABLE_NAME = 'bench-matching';
    process.env.DYNAMODB_ENDPOINT = dynamo.endpoint;
    process.env.AWS_REGION = 'eu-central-1';
    process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
    const admin = localDynamoClient(port);
    await ensureTable(admin, 'bench-matching');
    admin.destroy();
    // handler-side modules read the environment at import, as in Lambda
    const { newNetwork } = await import('#functions/networks/network');
    const networks = await import('#functions/networks/store');
    const { batchWriteAll, putRequests } = await import('#shared/db/batch');
    const { matchKeys, matchIndex, loadMatchData } = await import('#functions/matching/store');
    const { db } = await import('#shared/db/client');
    const meter = dbMeter(db);
    const net = 'bench';
    const now = new Date().toISOString();
    await networks.createNetwork(
      newNetwork(
        { name: 'Bench Netzwerk', slug: 'bench', contact: { name: 'B', email: 'b@bench.example' } },
        net,
        now,
      ),
    );
    const data = generate(100, 7);
    for (const p of data.partners) {
      await networks.createPartner(net, {
        ...p,
        competences: [...p.competences],
        contact: { name: p.name, email: `${p.id}@bench.example` },
        createdAt: now,
        updatedAt: now,
      });
    }
    await Promise.all(
      data.resources.map((r) =>
        networks.createResource(net, {
          ...r,
          kind: r.kind as 'people' | 'machine',
          exceptions: [...r.exceptions],
        }),
      ),
    );
    // bookings and a year of ledger entries, shaped exactly as accepting jobs writes them
    const items: Record<string, unknown>[] = data.bookings.map((b) => ({
      ...matchKeys.booking(net, b.week, b.partnerId, b.resourceId),
      entity: 'booking',
      v: 1,
      ...b,
      capacity: data.resources.find((r) => r.id === b.resourceId)!.hoursPerWeek,
      gsi1pk: matchIndex.partnerBookings(net, b.partnerId),
      gsi1sk: matchIndex.partnerBookingSk(b.week, b.resourceId),
    }));
    const rnd = prng(11);
    for (let j = 0; j < 300; j++) {
      const at = new Date(Date.now() - Math.floor(rnd() * 360) * 86_400_000).toISOString();
      const receiver = data.partners[Math.floor(rnd() * 100)]!.id;
      const giver = rnd() < 0.5 ? 'network' : data.partners[Math.floor(rnd() * 100)]!.id;
      const jobId = `job${j}`;
      items.push({
        ...matchKeys.ledger(net, at, jobId, receiver),
        entity: 'ledger-entry',
        v: 1,
        at,
        jobId,
        inquiryId: `inq${j}`,
        giver,
        receiver,
        hours: 10 + Math.floor(rnd() * 200),
      });
    }
    await batchWriteAll(putRequests(items));
    const t0 = performance.now();
    const { result: loaded, reads } = await meter.measure(() => loadMatchData(net, WEEKS));
    const loadMs = performance.now() - t0;
    // a typical job's timeframe: 4 weeks
    const { reads: short } = await meter.measure(() => loadMatchData(net, WEEKS.slice(0, 4)));
    return {
      partners: 100,
      resources: data.resources.length,
      bookingItems: data.bookings.length,
      ledgerEntries: 300,
      timeframeWeeks: WEEKS.length,
      queries: reads.queries,
      itemsRead: reads.itemsRead,
      readCapacityUnits: Number(reads.capacityUnits.toFixed(1)),
      loadMsLocal: Number(loadMs.toFixed(0)),
      fourWeekTimeframe: {
        queries: short.queries,
        itemsRead: short.itemsRead,
        readCapacityUnits: Number(short.capacityUnits.toFixed(1)),
      },
      loadedPartners: loaded.partners.length,
      loadedBookings: loaded.bookings.length,
    };
  } finally {
    await dynamo.stop();
  }
}

const reads = await measureReads();

// ---- report -------------------------------------------------------------------------------
console.log('\nMatching one inquiry (5 competences, 52-week timeframe, 3 proposals), in-process\n');
console.log('partners | resources | booking items | median ms | min ms | max ms | growth | best team');
console.log('-------: | --------: | ------------: | --------: | -----: | -----: | -----: | ---------');
for (const r of inProcess) {
  console.log(
    [
      r.partners,
      r.resources,
      r.bookingItems,
      r.medianMs,
      r.minMs,
      r.maxMs,
      r.growthVsPrevious ? `×${r.growthVsPrevious}` : '',
      `${r.bestPartners} partners${r.bestComplete ? '' : ' (partial)'}`,
    ].join(' | '),
  );
}
const at1000 = inProcess.find((r) => r.partners === 1_000)!.medianMs as number;
console.log(
  `\ntarget ≤ ${TARGET_MS} ms at 1,000 partners: ${at1000} ms → ${at1000 <= TARGET_MS ? 'met' : 'MISSED'}`,
);
console.log(
  `\nLoading one match's data at 100 partners (DynamoDB Local, ReturnConsumedCapacity TOTAL): ${reads.queries} Queries, ${reads.itemsRead} items, ${reads.readCapacityUnits} RCU for the 52-week timeframe; ${reads.fourWeekTimeframe.readCapacityUnits} RCU (${reads.fourWeekTimeframe.itemsRead} items) for a 4-week timeframe`,
);
const json = {
  node: process.version,
  target: { msAt1000: TARGET_MS, met: at1000 <= TARGET_MS },
  inProcess,
  reads,
};
console.log(`\n${JSON.stringify(json, null, 2)}`);
mkdirSync('bench/out', { recursive: true });
writeFileSync('bench/out/matching.json', `${JSON.stringify(json, null, 2)}\n`);
