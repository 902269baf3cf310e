import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wallDateTime } from '#shared/time';
import { isoWeek } from '#shared/weeks';
import { type ReadMail, waitForMail } from '#test/support/outbox';
import { type RunningRuntime, removeDataDir, startRuntime } from '#test/support/runtime';

const COORDINATOR_MAIL = 'office@holzbau-haustechnik.example';
/** Where the screenshot is kept for people to look at (git-ignored, like bench/out). */
const OUTPUT_DIR = join(process.cwd(), '.data', 'test-output');

/** Renders HTML in headless Chromium (/usr/bin/chromium): the DOM after parsing and a screenshot. */
function render(html: string): { dom: string; png: Buffer } {
  const dir = mkdtempSync(join(tmpdir(), 'verbund-chromium-'));
  try {
    const file = join(dir, 'report.html');
    writeFileSync(file, html);
    const flags = [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      `--user-data-dir=${join(dir, 'profile')}`,
    ];
    const opts = { timeout: 60_000, stdio: ['ignore', 'pipe', 'pipe'] as ['ignore', 'pipe', 'pipe'] };
    const dom = execFileSync('/usr/bin/chromium', [...flags, '--dump-dom', `file://${file}`], {
      ...opts,
      encoding: 'utf8',
    });
    execFileSync(
      '/usr/bin/chromium',
      [...flags, `--screenshot=${join(dir, 'r.png')}`, '--window-size=1400,1600', `file://${file}`],
      opts,
    );
    return { dom, png: readFileSync(join(dir, 'r.png')) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const pad = (n: number) => String(n).padStart(2, '0');
const DAY = 86_400_000;

/** The month before this one (in Vienna), its first and last day, and the ISO weeks counted in it. */
function lastMonth() {
  const today = wallDateTime(new Date(), 'Europe/Vienna').slice(0, 10);
  const [y, m] = today.split('-').map(Number) as [number, number];
  const first = m === 1 ? `${y - 1}-12-01` : `${y}-${pad(m - 1)}-01`;
  const thisMonth = `${y}-${pad(m)}-01`;
  const last = new Date(Date.parse(`${thisMonth}T00:00:00Z`) - DAY).toISOString().slice(0, 10);
  const weeks = new Set<string>();
  for (let t = Date.parse(`${first}T00:00:00Z`); t <= Date.parse(`${last}T00:00:00Z`); t += DAY) {
    const d = new Date(t);
    if (d.getUTCDay() === 4) weeks.add(isoWeek(d.toISOString().slice(0, 10)));
  }
  return { first, last, thisMonth, weeks: [...weeks], month: first.slice(0, 7) };
}

const PARTNERS = ['demo-p1', 'demo-p2', 'demo-p3', 'demo-p4', 'demo-p9'];
const RESEARCH = 'demo-p9';
const SILENT = 'demo-p4';

describe('npm start: a funded project records a month of hours; reminder and period report land in the outbox', () => {
  let rt: RunningRuntime;
  let coordinator: string;
  let report: ReadMail | undefined;

  beforeAll(async () => {
    rt = await startRuntime();
    coordinator = await rt.token({ role: 'coordinator', networkId: 'demo' });
  });

  afterAll(async () => {
    if (rt) {
      await rt.stop();
      removeDataDir(rt);
    }
  });

  // biome-ignore lint/suspicious/noExplicitAny: tests read response bodies loosely
  const json = async (res: Response) => ({ status: res.status, body: (await res.json()) as any });

  it('runs the project through HTTP and the daily check mails the reminder and the report', {
    timeout: 240_000,
  }, async () => {
    // Prepare: kinds and sizes (four SMEs, one research institution)
    for (const [i, id] of PARTNERS.entries()) {
      const body =
        id === RESEARCH
          ? { kind: 'research' }
          : {
              kind: 'firm',
              size: { staff: 5 + i * 10, turnoverCents: 50_000_000 * (i + 1), balanceSheetCents: 30_000_000 },
            };
      const res = await json(await rt.api('PATCH', `/partners/${id}`, { token: coordinator, body }));
      expect(res.status, JSON.stringify(res.body)).toBe(200);
    }
    const { first, last, thisMonth, weeks, month } = lastMonth();
    const end = `${Number(first.slice(0, 4)) + 2}${first.slice(4, 8)}01`;
    const endDay = new Date(Date.parse(`${end}T00:00:00Z`) - DAY).toISOString().slice(0, 10);
    // the daily check twelve hours away while the hours go in; moved to the next minute after
    const checkTime = wallDateTime(new Date(Date.now() + 12 * 3600_000), 'Europe/Vienna').slice(11, 16);
    const created = await json(
      await rt.api('POST', '/funding/projects', {
        token: coordinator,
        body: {
          title: 'Klimafitte Sanierung',
          start: first,
          end: endDay,
          periods: [
            { from: first, to: last },
            { from: thisMonth, to: endDay },
          ],
          checkTime,
          partners: PARTNERS.map((partnerId, i) => ({
            partnerId,
            role: i === 0 ? 'lead' : 'partner',
            fundingRatePct: 60,
          })),
          workPackages: [
            {
              id: 'wp1',
              title: 'Bestandsaufnahme',
              plan: PARTNERS.map((partnerId) => ({
                partnerId,
                hours: 300,
                personnelCents: 2_550_000,
                travelCents: 100_000,
              })),
            },
            {
              id: 'wp2',
              title: 'Pilotbaustelle',
              plan: [
                { partnerId: 'demo-p1', hours: 400, personnelCents: 3_400_000, thirdPartyCents: 2_000_000 },
              ],
            },
          ],
          categories: PARTNERS.map((partnerId) => ({
            id: 'fach',
            partnerId,
            name: 'Fachkraft',
            hourlyRateCents: 8500,
          })),
        },
      }),
    );
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const projectId = created.body.id as string;
    expect(created.body.checks.find((c: { id: string }) => c.id === 'consortium.smes').ok).toBe(true);

    // Act: a month of weekly hours by four partners, the research institution among them
    for (const id of PARTNERS.filter((p) => p !== SILENT)) {
      const token = await rt.token({ role: 'partner', networkId: 'demo', partnerId: id });
      for (const week of weeks) {
        const res = await json(
          await rt.api('POST', `/funding/projects/${projectId}/time-records`, {
            token,
            body: { categoryId: 'fach', workPackageId: 'wp1', when: week, hours: id === RESEARCH ? 16 : 10 },
          }),
        );
        expect(res.status, JSON.stringify(res.body)).toBe(201);
      }
    }
    const view = await json(await rt.api('GET', `/funding/projects/${projectId}`, { token: coordinator }));
    expect(view.body.totals.actual.hours).toBe(weeks.length * (3 * 10 + 16));
    // the coordinator moves the daily check to the next minute (at least 5 s away), Vienna time
    const nextMinute = Math.ceil((Date.now() + 5000) / 60_000) * 60_000;
    const moved = await json(
      await rt.api('PATCH', `/funding/projects/${projectId}`, {
        token: coordinator,
        body: {
          revision: view.body.revision,
          checkTime: wallDateTime(new Date(nextMinute), 'Europe/Vienna').slice(11, 16),
        },
      }),
    );
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);

    // Assess: the schedule fires at checkTime; the reminder goes to the silent partner, the report to the coordinator
    const outbox = join(rt.dataDir, 'outbox');
    const mails = await waitForMail(
      outbox,
      (all) =>
        all.some((m) => m.subject.startsWith('Zwischenbericht p1')) &&
        all.some((m) => m.subject.startsWith('Stunden für')),
      150_000,
    );
    report = mails.find((m) => m.subject.startsWith('Zwischenbericht p1'));
    const reminders = mails.filter((m) => m.subject.startsWith('Stunden für'));
    expect(reminders.map((m) => m.to[0])).toEqual(['lisa@hofer-waerme.example']);
    expect(reminders[0]?.text).toContain(month);
    expect(report?.to).toEqual([COORDINATOR_MAIL]);
    const csv = report?.attachments.find((a) => a.mimeType === 'text/csv');
    expect(csv?.filename).toBe(`funding-${projectId}-p1.csv`);
    expect(csv?.content).toContain('interim,p1,demo-p9');
  });

  it('renders the report e-mail in Chromium: partners, funding and checks, screenshot kept', () => {
    expect(report?.html).toBeTruthy();
    const { dom, png } = render(report!.html);
    const partners = /<table id="partners"[\s\S]*?<\/table>/.exec(dom)?.[0] ?? '';
    // header, five partners, the total
    expect(partners.match(/<tr/g)?.length).toBe(7);
    expect(partners).toContain('Forschungseinrichtung');
    expect(dom).toMatch(/<td id="funding-total">[1-9][\d.]*,\d\d €<\/td>/);
    expect(dom).toContain('data-check="consortium.companies" data-ok="true"');
    expect(dom).not.toContain('<script');
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(png.length).toBeGreaterThan(20_000);
    mkdirSync(OUTPUT_DIR, { recursive: true });
    writeFileSync(join(OUTPUT_DIR, 'funding-report.png'), png);
  });
});
