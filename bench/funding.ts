/**
 * Funding benchmark (`npx tsx bench/funding.ts`): a 3-year project of 12 partners (one research
 * institution) and 8 work packages, each partner recording its hours every week in two work
 * packages, plus monthly costs, in DynamoDB Local (free port). Measures building the FINAL report
 * the way GET /funding/projects/{id}/report does (Queries and GetItems only): median time
 * (target ≤ 1 s), read capacity consumed (ReturnConsumedCapacity TOTAL), commands (no Scan),
 * and the HTML, CSV and PDF sizes (the build includes all three). Prints a table and JSON (also bench/out/funding.json).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { performance } from 'node:perf_hooks';
import { dbMeter } from './db-meter';

const PARTNERS = 12;
const WORK_PACKAGES = 8;
const RUNS = 10;
const TARGET_MS = 1000;
const TABLE = 'bench-funding';
const NET = 'bench';

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
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const round = (n: number, digits = 1) => Number(n.toFixed(digits));

const { startDynamoDbLocal, ensureTable, localDynamoClient } = await import('#infra/local/dynamodb');
const port = await freePort();
const dynamo = await startDynamoDbLocal({ port });
let result: Record<string, unknown> = {};
try {
  process.env.TABLE_NAME = TABLE;
  process.env.DYNAMODB_ENDPOINT = dynamo.endpoint;
  process.env.AWS_REGION = 'eu-central-1';
  process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
  const admin = localDynamoClient(port);
  await ensureTable(admin, TABLE);
  admin.destroy();
  const { newNetwork } = await import('#functions/networks/network');
  const networks = await import('#functions/networks/store');
  const { batchWriteAll, putRequests } = await import('#shared/db/batch');
  const { db } = await import('#shared/db/client');
  const { weeksBetween } = await import('#shared/weeks');
  const { newProject } = await import('#functions/funding/project');
  const { fundingKeys, createProject } = await import('#functions/funding/store');
  const { periodOf } = await import('#functions/funding/periods');
  const { loadReport } = await import('#functions/funding/report-data');
  const { reportCsv, reportHtml } = await import('#functions/funding/report-render');
  const { reportPdf } = await import('#functions/funding/report-pdf');

  const iso = new Date().toISOString();
  await networks.createNetwork(
    newNetwork(
      { name: 'Bench Netzwerk', slug: 'bench', contact: { name: 'B', email: 'b@bench.example' } },
      NET,
      iso,
    ),
  );
  const partnerIds = Array.from({ length: PARTNERS }, (_, i) => `p${String(i + 1).padStart(2, '0')}`);
  for (const [i, id] of partnerIds.entries()) {
    await networks.createPartner(NET, {
      id,
      name: `Firma ${id} Müller & Söhne`,
      contact: { name: `Chef ${id}`, email: `${id}@bench.example` },
      competences: [],
      active: true,
      kind: i === PARTNERS - 1 ? 'research' : 'firm',
      ...(i === PARTNERS - 1 ? {} : { sizeClass: (['micro', 'small', 'medium'] as const)[i % 3] }),
      createdAt: iso,
      updatedAt: iso,
    });
  }
  const wps = Array.from({ length: WORK_PACKAGES }, (_, i) => `wp${i + 1}`);
  const project = newProject(
    NET,
    {
      title: 'Dreijahresprojekt',
      start: '2027-01-01',
      end: '2029-12-31',
      checkTime: '07:00',
      partners: partnerIds.map((partnerId, i) => ({
        partnerId,
        role: i === 0 ? 'lead' : 'partner',
        fundingRatePct: 60,
      })),
      workPackages: wps.map((id, w) => ({
        id,
        title: `Arbeitspaket ${w + 1}`,
        plan: partnerIds
          .filter((_, i) => i % WORK_PACKAGES === w || (i + 3) % WORK_PACKAGES === w)
          .map((partnerId) => ({
            partnerId,
            hours: 1500,
            personnelCents: 12_750_000,
            materialCents: 500_000,
            thirdPartyCents: 1_000_000,
            travelCents: 100_000,
          })),
      })),
      categories: partnerIds.flatMap((partnerId) => [
        { id: 'senior', partnerId, name: 'Senior', hourlyRateCents: 11_000 },
        { id: 'junior', partnerId, name: 'Junior', hourlyRateCents: 6_500 },
      ]),
    },
    'bench-project',
    iso,
  );
  await createProject(NET, project, 'bench');
  const items: Record<string, unknown>[] = [];
  const weeks = weeksBetween(project.start, project.end).filter((w) => periodOf(project.periods, w));
  let n = 0;
  for (const [i, partnerId] of partnerIds.entries()) {
    const mine = [wps[i % WORK_PACKAGES]!, wps[(i + 3) % WORK_PACKAGES]!];
    for (const week of weeks) {
      for (const [k, workPackageId] of mine.entries()) {
        const id = `r${String(n++).padStart(6, '0')}`;
        items.push({
          ...fundingKeys.record(NET, project.id, id),
          entity: 'funding-record',
          v: 1,
          id,
          partnerId,
          categoryId: k === 0 ? 'senior' : 'junior',
          person: `Person ${k + 1}`,
          workPackageId,
          when: week,
          hours: 6 + ((n * 7) % 13) / 4,
          periodId: periodOf(project.periods, week)!.id,
          enteredBy: `partner-${partnerId}`,
          createdAt: iso,
          updatedAt: iso,
        });
      }
    }
    for (let m = 0; m < 36; m++) {
      const date = `${2027 + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}-15`;
      const id = `c${String(n++).padStart(6, '0')}`;
      items.push({
        ...fundingKeys.cost(NET, project.id, id),
        entity: 'funding-cost',
        v: 1,
        id,
        partnerId,
        kind: (['material', 'thirdParty', 'travel'] as const)[m % 3],
        workPackageId: mine[0],
        date,
        amountCents: 10_000 + m * 137,
        description: 'Monatliche Kosten',
        periodId: periodOf(project.periods, date)!.id,
        enteredBy: `partner-${partnerId}`,
        createdAt: iso,
      });
    }
  }
  // the running sums the record and cost writes keep (store.ts), as they would stand now
  const sums = new Map<string, Record<string, unknown>>();
  for (const i of items) {
    const r = i as Record<string, string | number>;
    const hours = r.entity === 'funding-record';
    const key = hours
      ? fundingKeys.hoursSum(NET, project.id, r as never)
      : fundingKeys.costSum(NET, project.id, r as never);
    const fields = hours ? { what: 'hours', categoryId: r.categoryId } : { what: 'cost', kind: r.kind };
    const sum = sums.get(key.sk) ?? {
      ...key,
      entity: 'funding-sum',
      periodId: r.periodId,
      partnerId: r.partnerId,
      workPackageId: r.workPackageId,
      ...fields,
      amount: 0,
    };
    sum.amount =
      (sum.amount as number) + (hours ? Math.round((r.hours as number) * 4) : (r.amountCents as number));
    sums.set(key.sk, sum);
  }
  await batchWriteAll(putRequests([...items, ...sums.values()]));

  const meter = dbMeter(db);
  const build = async () => {
    const t0 = performance.now();
    const report = await loadReport(NET, project.id, 'final');
    const html = reportHtml(report!);
    const csv = reportCsv(report!);
    const pdf = await reportPdf(report!);
    return { ms: performance.now() - t0, report: report!, html, csv, pdf };
  };
  const { result: first, reads } = await meter.measure(build);
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) times.push((await build()).ms);
  // where the time goes: the one big Query alone, and the pure build alone
  const queryMs: number[] = [];
  const { loadChildren } = await import('#functions/funding/store');
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    await loadChildren(NET, project.id);
    queryMs.push(performance.now() - t0);
  }
  result = {
    node: process.version,
    project: {
      partners: PARTNERS,
      workPackages: WORK_PACKAGES,
      weeks: weeks.length,
      records: n - PARTNERS * 36,
      costs: PARTNERS * 36,
    },
    perBuild: {
      capacityUnits: round(reads.capacityUnits),
      commands: reads.commands,
      itemsRead: reads.itemsRead,
      scans: reads.commands.ScanCommand ?? 0,
    },
    finalReportMsLocal: {
      median: round(median(times)),
      min: round(Math.min(...times)),
      max: round(Math.max(...times)),
      target: TARGET_MS,
    },
    childrenQueryMsLocal: { median: round(median(queryMs)) },
    output: {
      htmlBytes: Buffer.byteLength(first.html),
      csvBytes: Buffer.byteLength(first.csv),
      pdfBytes: first.pdf.byteLength,
      checks: first.report.checks.length,
    },
  };
} finally {
  await dynamo.stop();
}

const r = result as {
  project: Record<string, number>;
  perBuild: { capacityUnits: number; commands: Record<string, number>; itemsRead: number; scans: number };
  finalReportMsLocal: { median: number; min: number; max: number };
  output: { htmlBytes: number; csvBytes: number; pdfBytes: number };
};
console.log(
  `\nFinal funding report: ${r.project.partners} partners × ${r.project.workPackages} work packages × ${r.project.weeks} weeks (${r.project.records} records, ${r.project.costs} costs), DynamoDB Local\n`,
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
  `final report median / min / max (ms, local, target ≤ ${TARGET_MS}) | ${r.finalReportMsLocal.median} / ${r.finalReportMsLocal.min} / ${r.finalReportMsLocal.max}`,
);
console.log(`HTML / CSV / PDF | ${r.output.htmlBytes} / ${r.output.csvBytes} / ${r.output.pdfBytes} bytes`);
console.log(`\n${JSON.stringify(result, null, 2)}`);
mkdirSync('bench/out', { recursive: true });
writeFileSync('bench/out/funding.json', `${JSON.stringify(result, null, 2)}\n`);
if (r.perBuild.scans > 0 || r.finalReportMsLocal.median > TARGET_MS) process.exit(1);
