/**
 * Matching benchmark (`npx tsx bench/matching.ts`), old booking layout (one item per resource and
 * week) beside the new one (one item per resource and ISO-week year) in one run:
 *  1. in-process: one inquiry with 5 required competences against 100, 1,000 and 10,000 generated
 *     partners for a 4- and a 52-week timeframe; median time per match, the bookings index built
 *     from what the store returns (week lines for the old layout, resource-years for the new)
 *     inside each timed match; and how time grows from 1,000 to 10,000 partners, from rounds that
 *     interleave the sizes (so load falls on all alike), in wall and in CPU time, each sample
 *     covering about 10,000 partners (many small matches, one large one); and once more with every
 *     match on cold caches (a buffer larger than the last-level cache written before it);
 *  2. reads per match (partners with resources, bookings in the timeframe, a year of ledger):
 *     read units and bytes at every size, computed from the exact items each layout stores
 *     (bench/item-size.ts), and measured in DynamoDB Local (ReturnConsumedCapacity TOTAL) at 100
 *     partners for both layouts and at 1,000 for the new one, model beside measurement; $ per
 *     match and per 1,000 matches at on-demand read prices.
 * Targets: ≥ 10× fewer read units per 52-week match at 1,000 partners; ≤ 10 ms per match at
 * 1,000 partners, ≤ 100 ms at 10,000; 1,000 → 10,000 partners within 1.5× of linear (≤ ×15).
 * Prints tables and JSON (also written to bench/out/matching.json).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { threadCpuUsage } from 'node:process';
import { BookingIndex } from '#functions/matching/capacity';
import { match } from '#functions/matching/matcher';
import { PRICES } from '#functions/reports/costs';
import { dbMeter } from './db-meter';
import { itemSize, queryReadUnits } from './item-size';
import { type Generated, generate, prng, REQUIREMENTS, TIMEFRAMES, yearsOf } from './matching-network';

const SIZES = [100, 1_000, 10_000];
const TARGET = { readReduction: 10, msAt1000: 10, msAt10000: 100, growth: 15 };
const NET = 'bench';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

// ---- 1. in-process ----------------------------------------------------------------------
/** One timed match of `data` (the bookings index built inside it, as a handler does). */
function matcher(data: Generated, weeks: readonly string[], layout: 'old' | 'new') {
  const wanted = new Set(weeks);
  // what each layout's Query returns for the timeframe: week lines, or whole resource-years
  const lines = data.bookings.filter((b) => wanted.has(b.week));
  const years = yearsOf(data.bookings);
  const input = () => ({
    requirements: REQUIREMENTS,
    weeks,
    partners: data.partners,
    resources: data.resources,
    bookings: layout === 'old' ? new BookingIndex(lines) : BookingIndex.fromYears(years),
    balances: data.balances,
    customer: { postcode: '1010' },
    count: 3,
  });
  const times: number[] = [];
  const cpu: number[] = [];
  let result = match(input());
  // a sample covers about 10,000 partners (100 matches of 100, 10 of 1,000, one of 10,000): the
  // thread's CPU clock moves in steps of about a millisecond, too coarse for one small match
  const reps = Math.max(1, Math.round(10_000 / data.partners.length));
  return {
    warm: () => match(input()),
    once(cold: boolean) {
      if (!cold) {
        const c0 = threadCpuUsage();
        const t0 = performance.now();
        for (let i = 0; i < reps; i++) result = match(input());
        times.push((performance.now() - t0) / reps);
        const c = threadCpuUsage(c0);
        cpu.push((c.user + c.system) / 1000 / reps);
        return;
      }
      // each match after the caches were filled with something else, as after loading the data
      let ms = 0;
      let us = 0;
      const coldReps = Math.min(reps, 10);
      for (let i = 0; i < coldReps; i++) {
        evictCaches();
        const c0 = threadCpuUsage();
        const t0 = performance.now();
        result = match(input());
        ms += performance.now() - t0;
        const c = threadCpuUsage(c0);
        us += c.user + c.system;
      }
      times.push(ms / coldReps);
      cpu.push(us / 1000 / coldReps);
    },
    done: () => ({ median: median(times), min: Math.min(...times), cpu: median(cpu), result }),
  };
}

/**
 * Times every size in the same rounds, interleaved (100, 1,000, 10,000, then the next round in
 * the other order), so a change of load while the benchmark runs falls on all sizes alike and the
 * growth from 1,000 to 10,000 partners compares like with like.
 */
function timeInterleaved(weeks: readonly string[], layout: 'old' | 'new', rounds: number, cold = false) {
  const timers = SIZES.map((n) => ({ n, t: matcher(generated.get(n)!, weeks, layout) }));
  for (let i = 0; i < 3; i++) for (const { t } of timers) t.warm(); // warm-up: JIT
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? timers : [...timers].reverse();
    for (const { t } of order) t.once(cold);
  }
  return new Map(timers.map(({ n, t }) => [n, t.done()]));
}

/**
 * Writes a buffer larger than the processor's last-level cache (32 MB here), so the next match
 * finds none of its network in the caches. Timing the same match again and again keeps a
 * 1,000-partner network (a few MB) in the caches, where a 10,000-partner one (about 40 MB) does not
 * fit: that alone makes the warm growth look worse than linear.
 */
const evict = new Float64Array(8 << 20);
function evictCaches() {
  for (let i = 0; i < evict.length; i += 8) evict[i]! += 1;
}

const generated = new Map(SIZES.map((n) => [n, generate(n)]));
const inProcess: {
  partners: number;
  weeks: number;
  oldMs: number;
  newMs: number;
  newMinMs: number;
  /** Median CPU time of this thread per match (new layout), which load distorts less than wall time. */
  newCpuMs: number;
  proposals: number;
  bestPartners: number;
  bestComplete: boolean;
}[] = [];
const ROUNDS = 15;
for (const [w, weeks] of Object.entries(TIMEFRAMES)) {
  const old = timeInterleaved(weeks, 'old', ROUNDS);
  const now = timeInterleaved(weeks, 'new', ROUNDS);
  for (const n of SIZES) {
    const o = old.get(n)!;
    const r = now.get(n)!;
    inProcess.push({
      partners: n,
      weeks: Number(w),
      oldMs: Number(o.median.toFixed(2)),
      newMs: Number(r.median.toFixed(2)),
      newMinMs: Number(r.min.toFixed(2)),
      newCpuMs: Number(r.cpu.toFixed(2)),
      proposals: r.result.proposals.length,
      bestPartners: r.result.proposals[0]?.partnerIds.length ?? 0,
      bestComplete: r.result.proposals[0]?.complete ?? false,
    });
  }
}
inProcess.sort((a, b) => a.partners - b.partners || a.weeks - b.weeks);
/** The new layout once more, each match on cold caches: CPU ms per size and timeframe. */
const coldCpu = Object.fromEntries(
  Object.entries(TIMEFRAMES).map(([w, weeks]) => {
    const t = timeInterleaved(weeks, 'new', ROUNDS, true);
    return [w, Object.fromEntries(SIZES.map((n) => [n, Number(t.get(n)!.cpu.toFixed(2))]))];
  }),
) as Record<string, Record<number, number>>;
const rowOf = (n: number, w: number) => inProcess.find((r) => r.partners === n && r.weeks === w)!;
const msOf = (n: number, w: number) => rowOf(n, w).newMs;
/** 1,000 → 10,000 partners, from the same interleaved rounds: wall time and CPU time. */
const growth = { 4: msOf(10_000, 4) / msOf(1_000, 4), 52: msOf(10_000, 52) / msOf(1_000, 52) };
const growthCpu = {
  4: rowOf(10_000, 4).newCpuMs / rowOf(1_000, 4).newCpuMs,
  52: rowOf(10_000, 52).newCpuMs / rowOf(1_000, 52).newCpuMs,
};
const growthCold = {
  4: coldCpu['4']![10_000]! / coldCpu['4']![1_000]!,
  52: coldCpu['52']![10_000]! / coldCpu['52']![1_000]!,
};

// ---- 2. reads per match: the stored items of each layout ---------------------------------
const now = new Date();
const iso = now.toISOString();

function partnerItems(data: Generated) {
  const partners = data.partners.map((p) => ({
    pk: `NET#${NET}`,
    sk: `PARTNER#${p.id}`,
    entity: 'partner',
    v: 1,
    ...p,
    competences: [...p.competences],
    contact: { name: p.name, email: `${p.id}@bench.example` },
    createdAt: iso,
    updatedAt: iso,
  }));
  const resources = data.resources.map((r) => ({
    pk: `NET#${NET}`,
    sk: `PARTNER#${r.partnerId}#RES#${r.id}`,
    entity: 'resource',
    v: 1,
    ...r,
    exceptions: [...r.exceptions],
  }));
  return { partners, resources };
}

/** A year of referral ledger entries: three per partner. */
function ledgerItems(data: Generated, seed = 11) {
  const rnd = prng(seed);
  const n = data.partners.length;
  return Array.from({ length: 3 * n }, (_, j) => {
    const at = new Date(now.getTime() - Math.floor(rnd() * 360) * 86_400_000).toISOString();
    const receiver = data.partners[Math.floor(rnd() * n)]!.id;
    const giver = rnd() < 0.5 ? 'network' : data.partners[Math.floor(rnd() * n)]!.id;
    const jobId = `job${j}`;
    return {
      pk: `NET#${NET}`,
      sk: `LEDGER#${at}#${jobId}#${receiver}`,
      entity: 'ledger-entry',
      v: 1,
      at,
      jobId,
      inquiryId: `inq${j}`,
      giver,
      receiver,
      hours: 10 + Math.floor(rnd() * 200),
    };
  });
}

/** The old layout's booking items, exactly as accepting jobs wrote them. */
function oldBookingItems(data: Generated) {
  const capacity = new Map(data.resources.map((r) => [r.id, r.hoursPerWeek]));
  return data.bookings.map((b) => ({
    pk: `NET#${NET}`,
    sk: `BOOK#${b.week}#${b.partnerId}#${b.resourceId}`,
    entity: 'booking',
    v: 1,
    ...b,
    capacity: capacity.get(b.resourceId)!,
    gsi1pk: `NET#${NET}#PARTNER#${b.partnerId}#BOOK`,
    gsi1sk: `${b.week}#${b.resourceId}`,
  }));
}

interface Reads {
  readUnits: number;
  bytes: number;
  items: number;
  bookingReadUnits: number;
}

function modelReads(data: Generated, bookingItems: Record<string, unknown>[]): Reads {
  const { partners, resources } = partnerItems(data);
  const p1 = [...partners, ...resources].sort((a, b) => (a.sk < b.sk ? -1 : 1)).map(itemSize);
  const ledger = ledgerItems(data).map(itemSize);
  const bookings = bookingItems.map(itemSize);
  const bookingReadUnits = queryReadUnits(bookings);
  const all = [...p1, ...ledger, ...bookings];
  return {
    readUnits: queryReadUnits(p1) + queryReadUnits(ledger) + bookingReadUnits,
    bytes: all.reduce((s, x) => s + x, 0),
    items: all.length,
    bookingReadUnits,
  };
}

async function newItems(data: Generated) {
  const { bookingYearItems } = await import('#functions/matching/store');
  return bookingYearItems(NET, data.bookings);
}

// ---- 2b. measured in DynamoDB Local ----------------------------------------------------------
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

const measured: {
  partners: number;
  weeks: number;
  layout: 'old' | 'new';
  readUnits: number;
  items: number;
  bytes: number;
}[] = [];
{
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
    const { batchWriteAll, putRequests } = await import('#shared/db/batch');
    const { loadMatchData } = await import('#functions/matching/store');
    const { db } = await import('#shared/db/client');
    const { queryAll } = await import('#shared/db/query');
    const { listPartnersWithResources } = await import('#functions/networks/store');
    const meter = dbMeter(db);
    for (const n of [100, 1_000]) {
      const data = generated.get(n)!;
      const net = `${NET}`;
      // a fresh network per size: the items of the model, written as the stores write them
      const { partners, resources } = partnerItems(data);
      const prefix = (items: Record<string, unknown>[]) => items.map((i) => ({ ...i, pk: `NET#${net}${n}` }));
      const years = await newItems(data);
      const writes = [
        ...prefix(partners),
        ...prefix(resources),
        ...prefix(ledgerItems(data)),
        ...prefix(years),
        ...(n === 100 ? prefix(oldBookingItems(data)) : []),
      ];
      await batchWriteAll(putRequests(writes));
      const networkId = `${net}${n}`;
      for (const [w, weeks] of Object.entries(TIMEFRAMES)) {
        const first = weeks[0]!;
        const last = weeks[weeks.length - 1]!;
        const fresh = await meter.measure(() => loadMatchData(networkId, weeks));
        measured.push({
          partners: n,
          weeks: Number(w),
          layout: 'new',
          readUnits: fresh.reads.capacityUnits,
          items: fresh.reads.itemsRead,
          bytes: fresh.reads.bytesRead,
        });
        if (n !== 100) continue;
        // the old layout's match reads: the same partner and ledger Queries, bookings per week
        const since = new Date(now.getTime() - 365 * 86_400_000).toISOString();
        const old = await meter.measure(() =>
          Promise.all([
            listPartnersWithResources(networkId),
            queryAll({
              KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
              ExpressionAttributeValues: {
                ':pk': `NET#${networkId}`,
                ':from': `BOOK#${first}#`,
                ':to': `BOOK#${last}#~`,
              },
            }),
            queryAll({
              KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
              ExpressionAttributeValues: {
                ':pk': `NET#${networkId}`,
                ':from': `LEDGER#${since}`,
                ':to': `LEDGER#${now.toISOString()}~`,
              },
            }),
          ]),
        );
        measured.push({
          partners: n,
          weeks: Number(w),
          layout: 'old',
          readUnits: old.reads.capacityUnits,
          items: old.reads.itemsRead,
          bytes: old.reads.bytesRead,
        });
      }
    }
  } finally {
    await dynamo.stop();
  }
}

// ---- 2c. the model at every size (the store module was imported with the local endpoint) ----
const modeled: { partners: number; weeks: number; old: Reads; new: Reads }[] = [];
for (const n of SIZES) {
  const data = generated.get(n)!;
  const oldAll = oldBookingItems(data);
  const years = await newItems(data);
  for (const [w, weeks] of Object.entries(TIMEFRAMES)) {
    const wanted = new Set(weeks);
    const yearsWanted = new Set(weeks.map((x) => Number(x.slice(0, 4))));
    modeled.push({
      partners: n,
      weeks: Number(w),
      old: modelReads(
        data,
        oldAll.filter((b) => wanted.has(b.week)),
      ),
      new: modelReads(
        data,
        years.filter((y) => yearsWanted.has(Number(String(y.sk).split('#')[1]))),
      ),
    });
  }
}

// ---- report -------------------------------------------------------------------------------
const usd = (units: number) => (units * PRICES.dynamoPerMillionReadUnits) / 1_000_000;
const fmt = (x: number, d = 1) =>
  x.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
console.log('\nReads per match (partners with resources + bookings in the timeframe + a year of ledger)');
console.log('computed from the stored items; "measured" = DynamoDB Local, ReturnConsumedCapacity TOTAL\n');
console.log(
  'partners | weeks | old RCU | old MB | new RCU | new MB | RCU ×less | old $/match | new $/match | measured old / new RCU',
);
console.log(
  '-------: | ----: | ------: | -----: | ------: | -----: | --------: | ----------: | ----------: | ---------------------',
);
for (const r of modeled) {
  const m = (layout: 'old' | 'new') =>
    measured.find((x) => x.partners === r.partners && x.weeks === r.weeks && x.layout === layout);
  const mo = m('old');
  const mn = m('new');
  console.log(
    [
      r.partners.toLocaleString('en-US'),
      r.weeks,
      fmt(r.old.readUnits),
      fmt(r.old.bytes / 1e6, 2),
      fmt(r.new.readUnits),
      fmt(r.new.bytes / 1e6, 2),
      `×${fmt(r.old.readUnits / r.new.readUnits)}`,
      `$${usd(r.old.readUnits).toFixed(7)}`,
      `$${usd(r.new.readUnits).toFixed(7)}`,
      `${mo ? fmt(mo.readUnits) : '–'} / ${mn ? fmt(mn.readUnits) : '–'}`,
    ].join(' | '),
  );
}
console.log('\nMatching one inquiry (5 competences, 3 proposals), in-process, median ms per match\n');
console.log('partners | weeks | old layout ms | new layout ms | new min ms | new CPU ms | best team');
console.log('-------: | ----: | ------------: | ------------: | ---------: | ---------: | ---------');
for (const r of inProcess) {
  console.log(
    [
      r.partners.toLocaleString('en-US'),
      r.weeks,
      r.oldMs,
      r.newMs,
      r.newMinMs,
      r.newCpuMs,
      `${r.bestPartners} partners${r.bestComplete ? '' : ' (partial)'}`,
    ].join(' | '),
  );
}
console.log(
  `\n1,000 → 10,000 partners (same interleaved rounds, linear = ×10, target ≤ ×${TARGET.growth}): ` +
    `4 weeks ×${growth[4].toFixed(1)} wall / ×${growthCpu[4].toFixed(1)} CPU, ` +
    `52 weeks ×${growth[52].toFixed(1)} wall / ×${growthCpu[52].toFixed(1)} CPU`,
);
console.log(
  `each match on cold caches, CPU ms at 1,000 / 10,000 partners: 4 weeks ${coldCpu['4']![1_000]} / ` +
    `${coldCpu['4']![10_000]} (×${growthCold[4].toFixed(1)}), 52 weeks ${coldCpu['52']![1_000]} / ` +
    `${coldCpu['52']![10_000]} (×${growthCold[52].toFixed(1)})`,
);
const r1000 = modeled.find((r) => r.partners === 1_000 && r.weeks === 52)!;
const reduction = r1000.old.readUnits / r1000.new.readUnits;
const checks = {
  readReduction: {
    value: Number(reduction.toFixed(1)),
    target: `≥ ${TARGET.readReduction}`,
    met: reduction >= TARGET.readReduction,
  },
  msAt1000: {
    value: Math.max(msOf(1_000, 4), msOf(1_000, 52)),
    target: `≤ ${TARGET.msAt1000}`,
    met: Math.max(msOf(1_000, 4), msOf(1_000, 52)) <= TARGET.msAt1000,
  },
  msAt10000: {
    value: Math.max(msOf(10_000, 4), msOf(10_000, 52)),
    target: `≤ ${TARGET.msAt10000}`,
    met: Math.max(msOf(10_000, 4), msOf(10_000, 52)) <= TARGET.msAt10000,
  },
  growth4Weeks: {
    value: Number(growth[4].toFixed(1)),
    target: `≤ ×${TARGET.growth}`,
    met: growth[4] <= TARGET.growth,
  },
  growth52Weeks: {
    value: Number(growth[52].toFixed(1)),
    target: `≤ ×${TARGET.growth}`,
    met: growth[52] <= TARGET.growth,
  },
  growthCpu4Weeks: {
    value: Number(growthCpu[4].toFixed(1)),
    target: `≤ ×${TARGET.growth}`,
    met: growthCpu[4] <= TARGET.growth,
  },
  growthCpu52Weeks: {
    value: Number(growthCpu[52].toFixed(1)),
    target: `≤ ×${TARGET.growth}`,
    met: growthCpu[52] <= TARGET.growth,
  },
  growthColdCpu4Weeks: {
    value: Number(growthCold[4].toFixed(1)),
    target: `≤ ×${TARGET.growth}`,
    met: growthCold[4] <= TARGET.growth,
  },
  growthColdCpu52Weeks: {
    value: Number(growthCold[52].toFixed(1)),
    target: `≤ ×${TARGET.growth}`,
    met: growthCold[52] <= TARGET.growth,
  },
};
console.log(
  `\ntargets (load average while timing: ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')})`,
);
for (const [name, c] of Object.entries(checks))
  console.log(`  ${name}: ${c.value} (${c.target}) → ${c.met ? 'met' : 'MISSED'}`);
const json = { node: process.version, checks, inProcess, coldCpu, reads: { modeled, measured } };
console.log(`\n${JSON.stringify(json, null, 2)}`);
mkdirSync('bench/out', { recursive: true });
writeFileSync('bench/out/matching.json', `${JSON.stringify(json, null, 2)}\n`);
