/**
 * Utilisation must not mislead (issue 9), through `npm start`: a job for joinery that needs CNC
 * hours books the machine as well as people, and the report shows each resource kind on its own
 * with `all` over the booked kinds only; the API, the CSV over HTTP and the mailed heat-map give
 * the same numbers.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { atExpression } from '#shared/scheduler/expression';
import { type ReadMail, waitForMail } from '#test/support/outbox';
import { type RunningRuntime, removeDataDir, startRuntime } from '#test/support/runtime';

const COORDINATOR_MAIL = 'office@holzbau-haustechnik.example';
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
/** Days from today to next week's Monday (UTC), so the job's timeframe is exactly one ISO week. */
const nextMonday = (8 - new Date().getUTCDay()) % 7 || 7;

describe('npm start: rooms and machines are booked and reported on their own', () => {
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

  it('books the machine hours of an inquiry and shows the same per-kind numbers in API, CSV and mail', async () => {
    // Prepare: joinery next week that needs 16 h of a CNC machine
    const created = await json(
      await rt.api('POST', '/inquiries', {
        token: coordinator,
        body: {
          customer: { name: 'Familie Leitner', email: 'leitner@example.org' },
          subject: 'Einbauschränke',
          text: 'Einbauschränke, CNC-gefräst.',
          timeframe: { from: day(nextMonday), to: day(nextMonday + 6) },
          competences: [{ competenceId: 'carpentry', hours: 40, machineHours: 16 }],
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
    // Act
    const accepted = await json(
      await rt.api('POST', `/inquiries/${id}/proposals/${run.body.proposals[0].id}/accept`, {
        token: coordinator,
        body: {},
      }),
    );
    expect(accepted.status).toBe(201);
    const partnerId = accepted.body.leadPartnerId as string;
    const report = await json(await rt.api('GET', '/reports/utilisation', { token: coordinator }));
    const csv = await (await rt.api('GET', '/reports/utilisation?format=csv', { token: coordinator })).text();
    const at = atExpression(new Date(Date.now() + 4000), 'Europe/Vienna').slice(3, -1);
    const scheduled = await rt.api('PUT', '/reports/schedule', {
      token: coordinator,
      body: { frequency: 'once', at },
    });
    expect(scheduled.status).toBe(200);
    const isReport = (m: ReadMail) =>
      m.subject.startsWith('Auslastungsbericht') && m.to.includes(COORDINATOR_MAIL);
    const mail = (await waitForMail(join(rt.dataDir, 'outbox'), (all) => all.some(isReport), 30_000)).find(
      isReport,
    );

    // Assess: the job booked 40 people-hours and 16 machine hours of the partner
    const resources = await json(await rt.api('GET', `/partners/${partnerId}`, { token: coordinator }));
    const kindOf = new Map(
      (resources.body.resources as { id: string; kind: string }[]).map((r) => [r.id, r.kind]),
    );
    const booked = (kind: string) =>
      (accepted.body.bookings as { resourceId: string; hours: number }[])
        .filter((b) => kindOf.get(b.resourceId) === kind)
        .reduce((s, b) => s + b.hours, 0);
    expect([booked('people'), booked('machine'), booked('room')]).toEqual([40, 16, 0]);
    // the report: people and machines booked, so `all` sums those two; rooms on their own
    expect(report.status).toBe(200);
    expect(report.body.allKinds).toEqual(['people', 'machine']);
    const row = report.body.partners.find((p: { partnerId: string }) => p.partnerId === partnerId);
    const week = report.body.period.weeks.findIndex((w: string) => w === accepted.body.bookings[0].week);
    const cellOf = (kind: string) => row.kinds.find((k: { kind: string }) => k.kind === kind).weeks[week];
    const all = row.weeks[week];
    expect(all.available).toBe(cellOf('people').available + cellOf('machine').available);
    expect(all.booked).toBe(cellOf('people').booked + cellOf('machine').booked);
    expect(cellOf('machine').booked).toBe(16);
    expect(cellOf('room').booked).toBe(0);
    // the CSV has the same `all` row
    expect(csv).toContain(
      `,${partnerId},${row.name},all,${all.available},${all.booked},${all.booked - all.projectHours},${all.projectHours},${all.utilisationPct},${all.band}\r\n`,
    );
    // and the mailed heat-map shows the same share for the partner in that week
    expect(mail?.html).toContain('die Aufträge in diesen Wochen gebucht haben: Personen, Maschinen.');
    const heatmap = /<table id="heatmap"[\s\S]*?<\/table>/.exec(mail!.html)![0];
    const tr = new RegExp(`<tr><th scope="row" class="r">${row.name}</th>(.*?)</tr>`).exec(heatmap)![1]!;
    const cells = [...tr.matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map((m) => m[1]);
    expect(cells[week]).toBe(`${Math.round(all.utilisationPct)}&nbsp;%`);
    expect(mail?.html).toMatch(/Räume \(nicht gebucht\)/);
  });
});
