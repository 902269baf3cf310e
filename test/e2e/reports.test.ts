import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BANDS } from '#functions/reports/utilisation';
import { atExpression } from '#shared/scheduler/expression';
import { type ReadMail, readOutbox } from '#test/support/outbox';
import { type RunningRuntime, removeDataDir, scheduleRan, startRuntime } from '#test/support/runtime';

const COORDINATOR_MAIL = 'office@holzbau-haustechnik.example';

/** Debian's chromium (`.ci/run` installs it); the test says so when it is missing. */
function chromium(): string {
  for (const bin of ['chromium', 'chromium-browser', 'google-chrome']) {
    try {
      execFileSync('which', [bin], { stdio: 'pipe' });
      return bin;
    } catch {}
  }
  throw new Error('headless Chromium is needed to render the report e-mail: apt-get install -y chromium');
}

/** Renders HTML in headless Chromium: the DOM after parsing, and a screenshot. */
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
    const dom = execFileSync(chromium(), [...flags, '--dump-dom', `file://${file}`], {
      encoding: 'utf8',
      timeout: 60_000,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    execFileSync(
      chromium(),
      [...flags, `--screenshot=${join(dir, 'report.png')}`, '--window-size=1400,1000', `file://${file}`],
      { timeout: 60_000, stdio: 'ignore' },
    );
    return { dom, png: readFileSync(join(dir, 'report.png')) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

describe('npm start: a scheduled utilisation report lands in the outbox and renders in a browser', () => {
  let rt: RunningRuntime;
  let coordinator: string;

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

  let coordinatorMail: ReadMail | undefined;

  it('books a job, sets a schedule a few seconds ahead, and the local scheduler mails the report with its CSV', async () => {
    // Prepare: a job in the coming two weeks, so the heat-map has booked hours
    const created = await json(
      await rt.api('POST', '/inquiries', {
        token: coordinator,
        body: {
          customer: { name: 'Familie Leitner', email: 'leitner@example.org' },
          subject: 'Dachgeschoss ausbauen',
          text: 'Dachgeschoss mit Elektrik.',
          timeframe: { from: day(0), to: day(13) },
          competences: [
            { competenceId: 'carpentry', hours: 60 },
            { competenceId: 'electrical', hours: 30 },
          ],
        },
      }),
    );
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    await rt.api('POST', `/inquiries/${id}/status`, { token: coordinator, body: { status: 'qualified' } });
    const run = await json(
      await rt.api('POST', `/inquiries/${id}/proposals`, { token: coordinator, body: {} }),
    );
    expect(run.status).toBe(201);
    const accepted = await rt.api('POST', `/inquiries/${id}/proposals/${run.body.proposals[0].id}/accept`, {
      token: coordinator,
      body: {},
    });
    expect(accepted.status).toBe(201);
    // a partner opts in
    const partner = await rt.token({ role: 'partner', networkId: 'demo', partnerId: 'demo-p3' });
    const optIn = await rt.api('PUT', '/reports/subscription', {
      token: partner,
      body: { subscribed: true },
    });
    expect(optIn.status).toBe(200);

    // Act: one report, 4 seconds from now, in the network's timezone
    const since = rt.output().length;
    const at = atExpression(new Date(Date.now() + 4000), 'Europe/Vienna').slice(3, -1);
    const scheduled = await json(
      await rt.api('PUT', '/reports/schedule', { token: coordinator, body: { frequency: 'once', at } }),
    );
    expect(scheduled.status).toBe(200);
    expect(scheduled.body.expression).toBe(`at(${at})`);

    // Assess: the report lands in the outbox (the target sends it itself, and marks the delivery
    // sent and counts it before the scheduler reports the run done)
    await rt.waitForOutput(scheduleRan('report-demo', 'send-report'), 60_000, since);
    const outbox = join(rt.dataDir, 'outbox');
    const mails = (await readOutbox(outbox)).filter((m) => m.subject.startsWith('Auslastungsbericht'));
    coordinatorMail = mails.find((m) => m.to.includes(COORDINATOR_MAIL));
    expect(coordinatorMail?.subject).toMatch(
      /^Auslastungsbericht Holzbau & Haustechnik Netzwerk: KW \d{1,2}\/\d{4} bis KW \d{1,2}\/\d{4}$/,
    );
    const csv = coordinatorMail?.attachments.find((a) => a.mimeType === 'text/csv');
    expect(csv?.filename).toMatch(/^utilisation-demo-\d{4}-W\d\d-\d{4}-W\d\d\.csv$/);
    expect(csv?.content).toContain('week,week_start,partner_id,partner,kind,available_hours,booked_hours');
    expect(csv?.content).toContain('Tischlerei Gruber');
    const partnerMail = mails.find((m) => !m.to.includes(COORDINATOR_MAIL));
    expect(partnerMail?.html).not.toContain('Tischlerei Gruber');
    // the history says what went to whom (the delivery is marked sent right after the last mail)
    const history = await json(await rt.api('GET', '/reports/history', { token: coordinator }));
    expect(history.body.items[0]).toMatchObject({ status: 'sent', trigger: 'schedule' });
    expect(history.body.items[0].recipients.map((r: { email: string }) => r.email)).toContain(
      COORDINATOR_MAIL,
    );
    // and the usage counts it (counted once the delivery is marked sent, before the run is done)
    const usage = await json(await rt.api('GET', '/usage', { token: coordinator }));
    expect(usage.body.items[0].counts.reportsSent).toBe(1);
  });

  it('renders the e-mail HTML in headless Chromium to a heat-map table with coloured week cells', () => {
    expect(coordinatorMail?.html).toBeTruthy();
    const { dom, png } = render(coordinatorMail!.html);
    const table = /<table id="heatmap"[\s\S]*?<\/table>/.exec(dom)?.[0] ?? '';
    const rows = table.match(/<tr>/g) ?? [];
    // header, ten demo partners, network total
    expect(rows.length).toBe(12);
    expect(table).toContain('Tischlerei Gruber');
    const cells = [...table.matchAll(/<td bgcolor="(#[0-9a-f]{6})" data-band="([a-z]+)"[^>]*>([^<]*)</g)];
    expect(cells.length).toBe(11 * 12);
    // each cell is coloured by its band, and the booked job shows as a week above 0 %
    const colour = Object.fromEntries(BANDS.map((b) => [b.band, b.colour]));
    expect(cells.every(([, bg, band]) => colour[band!] === bg)).toBe(true);
    expect(cells.some(([, , , text]) => /^[1-9]\d*&nbsp;%$/.test(text!))).toBe(true);
    expect(dom).not.toContain('<script');
    // a PNG screenshot of a page with content, not an empty one
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(png.length).toBeGreaterThan(20_000);
  });

  it('answers the report as CSV over HTTP with umlauts intact', async () => {
    const res = await rt.api('GET', '/reports/utilisation?format=csv', { token: coordinator });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('utf8')).toMatch(/Holzbau & Haustechnik Netzwerk \(network total\)/);
  });

  it('stops on SIGTERM and leaves no process behind', async () => {
    expect(await rt.stop()).toBe(0);
    expect(await rt.gone()).toEqual([]);
  });
});
