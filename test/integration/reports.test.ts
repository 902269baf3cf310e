import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInquiry } from '#functions/inquiries/create-store';
import { changeStatus } from '#functions/inquiries/store';
import { createPartner } from '#functions/networks/store';
import { handler as updateNetwork } from '#functions/networks/update-network.handler';
import { handler as deleteSchedule } from '#functions/reports/delete-report-schedule.handler';
import { handler as getSchedule } from '#functions/reports/get-report-schedule.handler';
import { handler as getReport } from '#functions/reports/get-utilisation-report.handler';
import { handler as listHistory } from '#functions/reports/list-report-history.handler';
import { handler as putSchedule } from '#functions/reports/put-report-schedule.handler';
import { handler as sendReport } from '#functions/reports/send-report.handler';
import { DeliveryInProgressError } from '#functions/reports/service';
import { handler as setSubscription } from '#functions/reports/set-report-subscription.handler';
import { claimDelivery, reportKeys } from '#functions/reports/store';
import { lambdaContext } from '#infra/local/api-event';
import { type LocalScheduler, startLocalScheduler } from '#infra/local/scheduler';
import { db, tableName } from '#shared/db/client';
import { listUsage } from '#shared/metering/store';
import { useScheduler } from '#shared/scheduler/index';
import { nowIso } from '#shared/time';
import { addWeeks, isoWeekAt } from '#shared/weeks';
import { call, claims } from '#test/support/api';
import { givenNetwork } from '#test/support/networks';
import { useFileOutbox } from '#test/support/outbox';
import { givenBooking, givenClosedPool, givenLedgerEntry, givenResource } from '#test/support/reports';

const outbox = useFileOutbox();
let scheduler: LocalScheduler;

beforeAll(async () => {
  scheduler = await startLocalScheduler({
    dataDir: mkdtempSync(join(tmpdir(), 'verbund-sched-')),
    root: process.cwd(),
    retry: { attempts: 1, backoffMs: 0 },
  });
  useScheduler(scheduler);
});
afterAll(async () => {
  await scheduler.stop();
});

const VIENNA = 'Europe/Vienna';
const context = lambdaContext('send-report', 'test');
const send = (networkId: string, scheduledTime: string) => sendReport({ networkId, scheduledTime }, context);

/**
 * A network with two partners: Tischlerei Müller (people 40 h, a machine 20 h) and Elektro
 * Özdemir (people 38.5 h, a room 10 h with a holiday), and a deactivated third.
 */
async function givenReportNetwork(id: string, opts: { p2Language?: string } = {}) {
  await givenNetwork(id, []);
  const now = nowIso();
  const partner = (pid: string, name: string, active = true, language?: string) =>
    createPartner(id, {
      id: pid,
      name,
      contact: { name: `Chef ${pid}`, email: `${pid}@firm.example` },
      competences: [],
      active,
      ...(language ? { language } : {}),
      createdAt: now,
      updatedAt: now,
    });
  await partner(`${id}-p1`, 'Tischlerei Müller');
  await partner(`${id}-p2`, 'Elektro Özdemir', true, opts.p2Language);
  await partner(`${id}-p3`, 'Ehemals GmbH', false);
  await givenResource(id, `${id}-p1`, 'team', 'people', 40);
  await givenResource(id, `${id}-p1`, 'cnc', 'machine', 20);
  await givenResource(id, `${id}-p2`, 'team', 'people', 38.5);
  await givenResource(id, `${id}-p2`, 'hall', 'room', 10, [
    { from: '2030-03-12', to: '2030-03-12', hours: 0 },
  ]);
  await givenResource(id, `${id}-p3`, 'team', 'people', 40);
}

type Cell = { week: string; available: number; booked: number; utilisationPct: number | null; band: string };
type Row = { partnerId: string; name: string; kinds: { kind: string; weeks: Cell[] }[]; weeks: Cell[] };

describe('GET /reports/utilisation', () => {
  it('shows per partner, kind and week the available and booked hours, utilisation and band, and network totals', async () => {
    // Prepare: weeks 10–11 of 2030; the room has a holiday on Tuesday of week 11
    await givenReportNetwork('rp1');
    await givenBooking('rp1', 'rp1-p1', 'team', '2030-W10', 30);
    await givenBooking('rp1', 'rp1-p1', 'cnc', '2030-W10', 24);
    await givenBooking('rp1', 'rp1-p2', 'team', '2030-W11', 38);
    await givenBooking('rp1', 'rp1-p2', 'hall', '2030-W11', 4);
    await givenBooking('rp1', 'rp1-p3', 'team', '2030-W10', 40);
    // Act
    const res = await call(getReport, {
      method: 'GET',
      path: '/reports/utilisation?from=2030-W10&to=2030-03-17',
      claims: claims.coordinator('rp1'),
    });
    // Assess
    expect(res.status).toBe(200);
    expect(res.body.period).toMatchObject({ from: '2030-W10', to: '2030-W11', timezone: VIENNA });
    const rows = res.body.partners as Row[];
    expect(rows.map((r) => r.name)).toEqual(['Elektro Özdemir', 'Tischlerei Müller']);
    const mueller = rows[1]!;
    expect(
      mueller.kinds.map((k) => [
        k.kind,
        k.weeks.map((c) => [c.available, c.booked, c.utilisationPct, c.band]),
      ]),
    ).toEqual([
      [
        'people',
        [
          [40, 30, 75, 'good'],
          [40, 0, 0, 'under'],
        ],
      ],
      [
        'machine',
        [
          [20, 24, 120, 'over'],
          [20, 0, 0, 'under'],
        ],
      ],
    ]);
    const oezdemir = rows[0]!;
    expect(oezdemir.kinds.find((k) => k.kind === 'room')!.weeks[1]).toMatchObject({
      available: 0,
      booked: 4,
      band: 'over',
    });
    expect(oezdemir.weeks[1]).toMatchObject({
      available: 38.5,
      booked: 42,
      utilisationPct: 109.1,
      band: 'over',
    });
    // network totals: the deactivated partner is not in the report
    expect(res.body.totals.weeks.map((w: Cell) => [w.week, w.available, w.booked])).toEqual([
      ['2030-W10', 108.5, 54],
      ['2030-W11', 98.5, 42],
    ]);
  });

  it('defaults to the 4 ISO weeks before the current one and 8 from it on, and includes referrals, inquiries and pool savings', async () => {
    // Prepare
    await givenReportNetwork('rp2');
    const current = isoWeekAt(new Date(), VIENNA);
    await givenBooking('rp2', 'rp2-p1', 'team', addWeeks(current, 1), 8);
    await givenLedgerEntry('rp2', {
      at: new Date(Date.now() - 2 * 86_400_000).toISOString(),
      jobId: 'j1',
      giver: 'rp2-p2',
      receiver: 'rp2-p1',
      hours: 12,
    });
    await givenClosedPool('rp2', 'pool1', new Date(Date.now() - 86_400_000).toISOString(), {
      'rp2-p1': 3000,
      'rp2-p2': 1500,
    });
    const inquiry = await createInquiry('rp2', {
      source: 'api',
      customer: { name: 'Anna Kunde', email: 'anna@kunde.example' },
      subject: 'Küche',
      text: 'Neue Küche bitte',
    });
    await createInquiry('rp2', {
      source: 'api',
      customer: { name: 'Bernd', email: 'bernd@kunde.example' },
      subject: 'Bad',
      text: 'Bad',
    });
    await changeStatus('rp2', inquiry.id, 'qualified', 'test');
    // Act
    const res = await call(getReport, {
      method: 'GET',
      path: '/reports/utilisation',
      claims: claims.coordinator('rp2'),
    });
    // Assess
    expect(res.status).toBe(200);
    expect(res.body.period.weeks).toHaveLength(12);
    expect(res.body.period.weeks[4]).toBe(current);
    expect([res.body.period.from, res.body.period.to]).toEqual([addWeeks(current, -4), addWeeks(current, 7)]);
    // coming 8 weeks, of the kinds jobs book (only people are booked here): Müller 8 × 40 − 8
    // booked, Özdemir 8 × 38.5 (their machine and room are no idle capacity matching could fill)
    expect(res.body.allKinds).toEqual(['people']);
    expect(
      res.body.idle.partners.map((p: { name: string; idleHours: number }) => [p.name, p.idleHours]),
    ).toEqual([
      ['Tischlerei Müller', 312],
      ['Elektro Özdemir', 308],
    ]);
    expect(res.body.referrals).toEqual([
      expect.objectContaining({ partnerId: 'rp2-p1', receivedHours: 12, balance: 12 }),
      expect.objectContaining({ partnerId: 'rp2-p2', givenHours: 12, balance: -12 }),
    ]);
    const byStatus = Object.fromEntries(
      res.body.inquiries.byStatus.map((s: { status: string; count: number }) => [s.status, s.count]),
    );
    expect(byStatus).toMatchObject({ new: 1, qualified: 1, matching: 0 });
    expect(res.body.pools).toMatchObject({ closed: 1, savingsVsListCents: 4500 });
  });

  it('answers CSV for Accept: text/csv and ?format=csv, UTF-8 with BOM and umlauts intact', async () => {
    await givenReportNetwork('rp3');
    await givenBooking('rp3', 'rp3-p1', 'team', '2030-W10', 30);
    const byHeader = await call(getReport, {
      method: 'GET',
      path: '/reports/utilisation?from=2030-W10&to=2030-W10',
      claims: claims.coordinator('rp3'),
      headers: { accept: 'text/csv' },
    });
    const byQuery = await call(getReport, {
      method: 'GET',
      path: '/reports/utilisation?from=2030-W10&to=2030-W10&format=csv',
      claims: claims.coordinator('rp3'),
    });
    expect(byHeader.status).toBe(200);
    expect(byHeader.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(byHeader.headers['content-disposition']).toBe(
      'attachment; filename="utilisation-rp3-2030-W10-2030-W10.csv"',
    );
    expect(byHeader.text).toBe(byQuery.text);
    expect(byHeader.text.startsWith('\uFEFFweek,week_start,partner_id,partner,kind,')).toBe(true);
    expect(byHeader.text).toContain(
      '2030-W10,2030-03-04,rp3-p1,Tischlerei Müller,people,40,30,30,0,75,good\r\n',
    );
    // `all` sums the kinds booked in the period (people only here): the room is a row of its own
    expect(byHeader.text).toContain('2030-W10,2030-03-04,rp3-p2,Elektro Özdemir,room,10,0,0,0,0,under\r\n');
    expect(byHeader.text).toContain('2030-W10,2030-03-04,rp3-p2,Elektro Özdemir,all,38.5,0,0,0,0,under\r\n');
    // ?format=json wins over the Accept header
    const json = await call(getReport, {
      method: 'GET',
      path: '/reports/utilisation?from=2030-W10&to=2030-W10&format=json',
      claims: claims.coordinator('rp3'),
      headers: { accept: 'text/csv' },
    });
    expect(json.headers['content-type']).toBe('application/json');
  });

  it('answers the German spreadsheet dialect for ?dialect=de or Accept-Language: de, the same data', async () => {
    await givenReportNetwork('rp3de');
    await givenBooking('rp3de', 'rp3de-p1', 'team', '2030-W10', 30);
    const get = (query: string, headers: Record<string, string> = {}) =>
      call(getReport, {
        method: 'GET',
        path: `/reports/utilisation?from=2030-W10&to=2030-W10&format=csv${query}`,
        claims: claims.coordinator('rp3de'),
        headers,
      });
    const [rfc, byQuery, byLanguage, forced] = await Promise.all([
      get(''),
      get('&dialect=de'),
      get('', { 'accept-language': 'de-AT,de;q=0.9,en;q=0.5' }),
      get('&dialect=rfc4180', { 'accept-language': 'de-AT' }),
    ]);
    expect(byQuery.text).toBe(byLanguage.text);
    expect(forced.text).toBe(rfc.text);
    expect(byQuery.text.startsWith('\uFEFFweek;week_start;partner_id;partner;kind;')).toBe(true);
    // 38.5 hours arrive as the number 38,5, not the text "38.5" (`all` counts only the booked
    // kinds: people here, not the unbooked room)
    expect(byQuery.text).toContain(
      '2030-W10;2030-03-04;rp3de-p2;Elektro Özdemir;people;38,5;0;0;0;0;under\r\n',
    );
    expect(byQuery.text).toContain('2030-W10;2030-03-04;rp3de-p2;Elektro Özdemir;all;38,5;0;0;0;0;under\r\n');
    const cells = (csv: string, sep: string) =>
      csv
        .trim()
        .split('\r\n')
        .map((r) => r.split(sep).map((c) => c.replace(',', '.')));
    expect(cells(byQuery.text, ';')).toEqual(cells(rfc.text, ','));
    const bad = await get('&dialect=excel');
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toBe('query.dialect');
  });

  it("gives a partner its own rows and network totals; it never sees another partner's weeks", async () => {
    await givenReportNetwork('rp4');
    await givenBooking('rp4', 'rp4-p1', 'team', '2030-W10', 30);
    const res = await call(getReport, {
      method: 'GET',
      path: '/reports/utilisation?from=2030-W10&to=2030-W11',
      claims: claims.partner('rp4', 'rp4-p2'),
    });
    expect(res.status).toBe(200);
    expect(res.body.scope).toBe('partner');
    expect(res.body.partners.map((p: Row) => p.partnerId)).toEqual(['rp4-p2']);
    // `all` over the booked kind (people: 40 + 38.5); the room and the machine per kind
    expect(res.body.totals.weeks[0]).toMatchObject({ available: 78.5, booked: 30 });
    expect(res.body.totals.weeks[0].byKind).toMatchObject({
      room: { available: 10 },
      machine: { available: 20 },
    });
    expect(res.text).not.toContain('rp4-p1');
    expect(res.text).not.toContain('Müller');
    const csv = await call(getReport, {
      method: 'GET',
      path: '/reports/utilisation?from=2030-W10&to=2030-W11&format=csv',
      claims: claims.partner('rp4', 'rp4-p2'),
    });
    expect(csv.text).not.toContain('Müller');
    expect(csv.headers['content-disposition']).toContain('utilisation-rp4-rp4-p2-2030-W10-2030-W11.csv');
  });

  it('answers 404 to a token of another network or of a partner that is not in the network', async () => {
    await givenReportNetwork('rp5');
    await givenBooking('rp5', 'rp5-p1', 'team', '2030-W10', 30);
    const ghost = await call(getReport, {
      method: 'GET',
      path: '/reports/utilisation',
      claims: claims.coordinator('no-such-network'),
    });
    expect(ghost.status).toBe(404);
    const foreignPartner = await call(getReport, {
      method: 'GET',
      path: '/reports/utilisation',
      claims: claims.partner('rp1', 'rp5-p1'),
    });
    expect(foreignPartner.status).toBe(404);
    expect(foreignPartner.text).not.toContain('Müller');
    const inactive = await call(getReport, {
      method: 'GET',
      path: '/reports/utilisation',
      claims: claims.partner('rp5', 'rp5-p3'),
    });
    expect(inactive.status).toBe(404);
  });

  it('names bad from, to and format, and unknown parameters', async () => {
    await givenReportNetwork('rp6');
    const res = await call(getReport, {
      method: 'GET',
      path: '/reports/utilisation?from=2030-W54&format=xml&x=1',
      claims: claims.coordinator('rp6'),
    });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      'query.format',
      'query.from',
      'query.x',
    ]);
    const order = await call(getReport, {
      method: 'GET',
      path: '/reports/utilisation?from=2030-W10&to=2030-W02',
      claims: claims.coordinator('rp6'),
    });
    expect(order.body.errors).toEqual([
      { path: 'query.to', message: 'must not be before from (2030-W10)', code: 'before_from' },
    ]);
    const missing = await call(getReport, {
      method: 'GET',
      path: '/reports/utilisation?from=2027-W53',
      claims: claims.coordinator('rp6'),
    });
    expect(missing.body.errors).toEqual([
      {
        path: 'query.from',
        message: 'does not exist in the calendar, got "2027-W53"',
        code: 'not_in_calendar',
      },
    ]);
  });

  it('is built from Queries and GetItems only, never a Scan', async () => {
    await givenReportNetwork('rp7');
    const commands: string[] = [];
    const name = 'count-report-commands';
    db.middlewareStack.add(
      (next, ctx) => async (args) => {
        commands.push(ctx.commandName ?? '?');
        return next(args);
      },
      { step: 'initialize', name },
    );
    try {
      const res = await call(getReport, {
        method: 'GET',
        path: '/reports/utilisation',
        claims: claims.coordinator('rp7'),
      });
      expect(res.status).toBe(200);
    } finally {
      db.middlewareStack.remove(name);
    }
    expect(new Set(commands)).toEqual(new Set(['GetItemCommand', 'QueryCommand']));
    // the token's network exists (shared/http/tenant.ts), network, partners, bookings, ledger,
    // 6 statuses of open inquiries, closed pools, the exchange's posts of the period and its meetings
    expect(commands.length).toBe(14);
  });
});

describe('report schedule settings', () => {
  it('creates the network’s schedule in its timezone, updates it, turns it off and deletes it', async () => {
    await givenReportNetwork('rs1');
    const coordinator = claims.coordinator('rs1');
    // Act: weekly, Mondays 07:00
    const weekly = await call(putSchedule, {
      method: 'PUT',
      path: '/reports/schedule',
      claims: coordinator,
      body: { frequency: 'weekly', weekday: 'MON', time: '07:00' },
    });
    // Assess
    expect(weekly.status).toBe(200);
    expect(weekly.body).toMatchObject({ enabled: true, expression: 'cron(0 7 ? * MON *)', timezone: VIENNA });
    expect(scheduler.list().find((s) => s.name === 'report-rs1')).toEqual({
      name: 'report-rs1',
      expression: 'cron(0 7 ? * MON *)',
      timezone: VIENNA,
      target: 'send-report',
      payload: { networkId: 'rs1', scheduledTime: '<aws.scheduler.scheduled-time>' },
    });
    // monthly on the 1st at 06:30 in Berlin
    await call(putSchedule, {
      method: 'PUT',
      path: '/reports/schedule',
      claims: coordinator,
      body: { frequency: 'monthly', dayOfMonth: 1, time: '06:30', timezone: 'Europe/Berlin' },
    });
    expect(scheduler.list().find((s) => s.name === 'report-rs1')).toMatchObject({
      expression: 'cron(30 6 1 * ? *)',
      timezone: 'Europe/Berlin',
    });
    // off: the settings stay, the schedule goes
    const off = await call(putSchedule, {
      method: 'PUT',
      path: '/reports/schedule',
      claims: coordinator,
      body: { enabled: false, frequency: 'monthly', dayOfMonth: 1, time: '06:30' },
    });
    expect(off.body).toMatchObject({ enabled: false, revision: 3 });
    expect(scheduler.list().some((s) => s.name === 'report-rs1')).toBe(false);
    const view = await call(getSchedule, { method: 'GET', path: '/reports/schedule', claims: coordinator });
    expect(view.body.schedule).toMatchObject({ enabled: false, frequency: 'monthly', dayOfMonth: 1 });
    // on again, then deleted
    await call(putSchedule, {
      method: 'PUT',
      path: '/reports/schedule',
      claims: coordinator,
      body: { frequency: 'weekly', weekday: 'FRI', time: '16:00' },
    });
    expect(scheduler.list().some((s) => s.name === 'report-rs1')).toBe(true);
    const deleted = await call(deleteSchedule, {
      method: 'DELETE',
      path: '/reports/schedule',
      claims: coordinator,
    });
    expect(deleted.status).toBe(204);
    expect(scheduler.list().some((s) => s.name === 'report-rs1')).toBe(false);
    const again = await call(deleteSchedule, {
      method: 'DELETE',
      path: '/reports/schedule',
      claims: coordinator,
    });
    expect(again.status).toBe(404);
  });

  it('names what is wrong with a schedule and writes nothing', async () => {
    await givenReportNetwork('rs2');
    const coordinator = claims.coordinator('rs2');
    const cases: [unknown, string[]][] = [
      [{ frequency: 'weekly', time: '07:00' }, ['weekday']],
      [{ frequency: 'weekly', weekday: 'MO', time: '7:00' }, ['time', 'weekday']],
      [{ frequency: 'monthly', dayOfMonth: 31, time: '07:00' }, ['dayOfMonth']],
      [{ frequency: 'monthly', dayOfMonth: 1, time: '07:00', weekday: 'MON' }, ['weekday']],
      [{ frequency: 'once', at: '2020-01-01T07:00' }, ['at']],
      [{ frequency: 'once', at: '2030-01-01T07:00+01:00' }, ['at']],
      [{ frequency: 'weekly', weekday: 'MON', time: '07:00', timezone: 'Mars/Olympus' }, ['timezone']],
      [{ frequency: 'weekly', weekday: 'MON', time: '07:00', cron: '* * * * *' }, ['cron']],
    ];
    for (const [body, paths] of cases) {
      const res = await call(putSchedule, {
        method: 'PUT',
        path: '/reports/schedule',
        claims: coordinator,
        body,
      });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.headers['content-type']).toBe('application/problem+json');
      expect(res.body.errors.map((e: { path: string }) => e.path).sort(), JSON.stringify(body)).toEqual(
        paths,
      );
    }
    const view = await call(getSchedule, { method: 'GET', path: '/reports/schedule', claims: coordinator });
    expect(view.body.schedule).toEqual({ enabled: false });
    expect(scheduler.list().some((s) => s.name === 'report-rs2')).toBe(false);
  });

  it('has one way to set the schedule: PATCH /network no longer takes reportSchedule', async () => {
    await givenReportNetwork('rs3');
    const res = await call(updateNetwork, {
      method: 'PATCH',
      path: '/network',
      claims: claims.coordinator('rs3'),
      body: { reportSchedule: { enabled: true, cron: '0 7 ? * MON *' } },
    });
    expect(res.status).toBe(400);
    expect(res.body.errors).toContainEqual({
      path: 'reportSchedule',
      message: 'unknown field',
      code: 'unrecognized_keys',
    });
  });

  it('keeps the schedule equal to the stored settings when two coordinators save at once', async () => {
    await givenReportNetwork('rs4');
    const coordinator = claims.coordinator('rs4');
    const put = (weekday: string) =>
      call(putSchedule, {
        method: 'PUT',
        path: '/reports/schedule',
        claims: coordinator,
        body: { frequency: 'weekly', weekday, time: '07:00' },
      });
    for (let round = 0; round < 3; round++) {
      const results = await Promise.all([put('MON'), put('TUE'), put('WED')]);
      const statuses = results.map((r) => r.status).sort();
      expect(statuses.filter((s) => s === 200).length).toBeGreaterThanOrEqual(1);
      expect(statuses.every((s) => s === 200 || s === 409)).toBe(true);
      const stored = await call(getSchedule, {
        method: 'GET',
        path: '/reports/schedule',
        claims: coordinator,
      });
      const armed = scheduler.list().find((s) => s.name === 'report-rs4');
      expect(armed?.expression).toBe(stored.body.schedule.expression);
    }
  });

  it('lets partners opt in and out for themselves; the coordinator sees the recipients', async () => {
    await givenReportNetwork('rs5');
    const p2 = claims.partner('rs5', 'rs5-p2');
    const on = await call(setSubscription, {
      method: 'PUT',
      path: '/reports/subscription',
      claims: p2,
      body: { subscribed: true },
    });
    expect(on.body).toEqual({ partnerId: 'rs5-p2', subscribed: true, email: 'rs5-p2@firm.example' });
    // twice at once is as good as once
    await Promise.all([
      call(setSubscription, {
        method: 'PUT',
        path: '/reports/subscription',
        claims: p2,
        body: { subscribed: true },
      }),
      call(setSubscription, {
        method: 'PUT',
        path: '/reports/subscription',
        claims: p2,
        body: { subscribed: true },
      }),
    ]);
    const view = await call(getSchedule, {
      method: 'GET',
      path: '/reports/schedule',
      claims: claims.coordinator('rs5'),
    });
    expect(view.body.recipients).toEqual([
      { kind: 'coordinator', name: 'Maria Huber', email: 'office@rs5.example' },
      { kind: 'partner', partnerId: 'rs5-p2', name: 'Elektro Özdemir', email: 'rs5-p2@firm.example' },
    ]);
    const mine = await call(getSchedule, { method: 'GET', path: '/reports/schedule', claims: p2 });
    expect(mine.body).toEqual({ schedule: { enabled: false }, subscribed: true });
    const other = await call(getSchedule, {
      method: 'GET',
      path: '/reports/schedule',
      claims: claims.partner('rs5', 'rs5-p1'),
    });
    expect(other.body).toEqual({ schedule: { enabled: false }, subscribed: false });
    await call(setSubscription, {
      method: 'PUT',
      path: '/reports/subscription',
      claims: p2,
      body: { subscribed: false },
    });
    const after = await call(getSchedule, { method: 'GET', path: '/reports/schedule', claims: p2 });
    expect(after.body.subscribed).toBe(false);
  });

  it('keeps partners and other networks out: 403 for partners on coordinator routes, 404 for unknown partners', async () => {
    await givenReportNetwork('rs6');
    const p1 = claims.partner('rs6', 'rs6-p1');
    const put = await call(putSchedule, {
      method: 'PUT',
      path: '/reports/schedule',
      claims: p1,
      body: { frequency: 'weekly', weekday: 'MON', time: '07:00' },
    });
    expect(put.status).toBe(403);
    const del = await call(deleteSchedule, { method: 'DELETE', path: '/reports/schedule', claims: p1 });
    expect(del.status).toBe(403);
    const history = await call(listHistory, { method: 'GET', path: '/reports/history', claims: p1 });
    expect(history.status).toBe(403);
    const coordinatorSubscribes = await call(setSubscription, {
      method: 'PUT',
      path: '/reports/subscription',
      claims: claims.coordinator('rs6'),
      body: { subscribed: true },
    });
    expect(coordinatorSubscribes.status).toBe(403);
    // a partner of another network cannot subscribe here, and nothing is written
    const foreign = await call(setSubscription, {
      method: 'PUT',
      path: '/reports/subscription',
      claims: claims.partner('rs6', 'rs5-p1'),
      body: { subscribed: true },
    });
    expect(foreign.status).toBe(403);
    const view = await call(getSchedule, {
      method: 'GET',
      path: '/reports/schedule',
      claims: claims.coordinator('rs6'),
    });
    expect(view.body.recipients).toHaveLength(1);
    for (const [handler, method, path] of [
      [getSchedule, 'GET', '/reports/schedule'],
      [listHistory, 'GET', '/reports/history'],
      [deleteSchedule, 'DELETE', '/reports/schedule'],
    ] as const) {
      const ghost = await call(handler, { method, path, claims: claims.coordinator('no-such-network') });
      expect(ghost.status, path).toBe(404);
    }
  });
});

describe('report delivery (the schedule target)', () => {
  // Monday 4 March 2030, 07:00 in Vienna: week 10, so the period is 2030-W06 … 2030-W17
  const MONDAY = '2030-03-04T06:00:00Z';

  async function givenScheduledNetwork(id: string, opts: { p2Language?: string } = {}) {
    await givenReportNetwork(id, opts);
    await givenBooking(id, `${id}-p1`, 'team', '2030-W10', 36);
    await givenBooking(id, `${id}-p2`, 'team', '2030-W11', 20);
    await call(putSchedule, {
      method: 'PUT',
      path: '/reports/schedule',
      claims: claims.coordinator(id),
      body: { frequency: 'weekly', weekday: 'MON', time: '07:00' },
    });
    await call(setSubscription, {
      method: 'PUT',
      path: '/reports/subscription',
      claims: claims.partner(id, `${id}-p2`),
      body: { subscribed: true },
    });
  }

  const mailsTo = async (address: string) => (await outbox.read()).filter((m) => m.to.includes(address));

  it('mails the coordinator the whole report and a subscribed partner its own, each with the CSV, and keeps the history', async () => {
    await givenScheduledNetwork('rd1');
    // Act
    const result = await send('rd1', MONDAY);
    // Assess
    expect(result).toMatchObject({ outcome: 'sent', period: { from: '2030-W06', to: '2030-W17' } });
    const [coordinatorMail] = await mailsTo('office@rd1.example');
    expect(coordinatorMail?.subject).toBe('Auslastungsbericht Netzwerk rd1: KW 6/2030 bis KW 17/2030');
    expect(coordinatorMail?.text).toContain(
      'KW 6/2030 bis KW 17/2030 (04.02.2030 bis 28.04.2030, Europe/Vienna)',
    );
    // Müller's team: 36 of 40 hours in week 10
    expect(coordinatorMail?.text).toMatch(/Tischlerei Müller – .*KW 10: 90 %/);
    expect(coordinatorMail?.html).toContain('Offene Anfragen');
    // the booked hours per week, jobs' and funded projects' apart (no project hours here)
    expect(coordinatorMail?.html).toContain('Förderprojekt');
    expect(coordinatorMail?.text).toContain('KW 10 | 36 | 0 | 36');
    expect(coordinatorMail?.from).toBe('rd1-slug@inbound.verbund.test');
    expect(coordinatorMail?.html).toContain('Tischlerei Müller');
    expect(coordinatorMail?.html).toContain('Elektro Özdemir');
    const csv = coordinatorMail?.attachments.find(
      (a) => a.filename === 'utilisation-rd1-2030-W06-2030-W17.csv',
    );
    expect(csv?.mimeType).toBe('text/csv');
    expect(csv?.content).toContain('2030-W10,2030-03-04,rd1-p1,Tischlerei Müller,people,40,36,36,0,90,busy');
    const partnerMails = await mailsTo('rd1-p2@firm.example');
    expect(partnerMails).toHaveLength(1);
    expect(partnerMails[0]!.html).toContain('Elektro Özdemir');
    expect(partnerMails[0]!.html).not.toContain('Müller');
    expect(partnerMails[0]!.attachments[0]!.content).not.toContain('Müller');
    expect(await mailsTo('rd1-p1@firm.example')).toHaveLength(0);
    const history = await call(listHistory, {
      method: 'GET',
      path: '/reports/history',
      claims: claims.coordinator('rd1'),
    });
    expect(history.body.items).toEqual([
      expect.objectContaining({
        from: '2030-W06',
        to: '2030-W17',
        status: 'sent',
        trigger: 'schedule',
        scheduledTime: '2030-03-04T06:00:00.000Z',
        recipients: [
          { kind: 'coordinator', name: 'Maria Huber', email: 'office@rd1.example', status: 'sent' },
          {
            kind: 'partner',
            partnerId: 'rd1-p2',
            name: 'Elektro Özdemir',
            email: 'rd1-p2@firm.example',
            status: 'sent',
          },
        ],
      }),
    ]);
    const [month] = await listUsage('rd1');
    expect(month?.counts).toMatchObject({ reportsSent: 1, emailsSent: 2 });
    // another network's history is its own
    const other = await call(listHistory, {
      method: 'GET',
      path: '/reports/history',
      claims: claims.coordinator('rp1'),
    });
    expect(other.body.items).toEqual([]);
  });

  it("writes each recipient in its language: the coordinator in German (the network's language), an English partner in English", async () => {
    // Prepare: Özdemir reads English
    await givenScheduledNetwork('rd1en', { p2Language: 'en-GB' });
    // Act
    await send('rd1en', MONDAY);
    // Assess
    const [coordinatorMail] = await mailsTo('office@rd1en.example');
    expect(coordinatorMail?.subject).toBe('Auslastungsbericht Netzwerk rd1en: KW 6/2030 bis KW 17/2030');
    const [partnerMail] = await mailsTo('rd1en-p2@firm.example');
    expect(partnerMail?.subject).toBe('Utilisation report Netzwerk rd1en: week 6/2030 to week 17/2030');
    expect(partnerMail?.html).toContain('<html lang="en">');
    expect(partnerMail?.text).toContain('(04/02/2030 to 28/04/2030, Europe/Vienna)');
    // 20 of 38.5 people-hours in week 11: 52 %
    expect(partnerMail?.text).toMatch(/Elektro Özdemir – people – .*week 11: 52 %/);
    expect(partnerMail?.text).not.toContain('Müller');
  });

  it('sends once when the schedule delivers twice at the same time, and not again on a retry', async () => {
    await givenScheduledNetwork('rd2');
    // Act: two deliveries of the same schedule at once
    const results = await Promise.allSettled([send('rd2', MONDAY), send('rd2', MONDAY)]);
    // Assess: one sent; the other found it sent or still sending (and would be retried)
    const sent = results.filter((r) => r.status === 'fulfilled' && r.value.outcome === 'sent');
    expect(sent).toHaveLength(1);
    for (const r of results) {
      if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(DeliveryInProgressError);
      else expect(['sent', 'already-sent']).toContain(r.value.outcome);
    }
    expect(await mailsTo('office@rd2.example')).toHaveLength(1);
    expect(await mailsTo('rd2-p2@firm.example')).toHaveLength(1);
    // the scheduler's retry an hour later: nothing more
    const retry = await send('rd2', MONDAY);
    expect(retry.outcome).toBe('already-sent');
    expect(await mailsTo('office@rd2.example')).toHaveLength(1);
    const [month] = await listUsage('rd2');
    expect(month?.counts.reportsSent).toBe(1);
  });

  it('waits while another attempt is sending, and takes over a claim that went stale', async () => {
    await givenScheduledNetwork('rd3');
    // an attempt claimed the delivery and died without a word
    const claim = await claimDelivery(
      'rd3',
      { from: '2030-W06', to: '2030-W17', trigger: 'schedule', scheduledTime: '2030-03-04T06:00:00.000Z' },
      nowIso(),
      new Date(Date.now() - 300_000).toISOString(),
    );
    expect(claim.outcome).toBe('claimed');
    await expect(send('rd3', MONDAY)).rejects.toBeInstanceOf(DeliveryInProgressError);
    expect(await mailsTo('office@rd3.example')).toHaveLength(0);
    // ten minutes later the claim is stale
    await db.send(
      new UpdateCommand({
        TableName: tableName,
        Key: reportKeys.delivery('rd3', '2030-W06', '2030-W17'),
        UpdateExpression: 'SET claimedAt = :old',
        ExpressionAttributeValues: { ':old': new Date(Date.now() - 600_000).toISOString() },
      }),
    );
    const result = await send('rd3', MONDAY);
    expect(result.outcome).toBe('sent');
    expect(await mailsTo('office@rd3.example')).toHaveLength(1);
    const record = await db.send(
      new GetCommand({ TableName: tableName, Key: reportKeys.delivery('rd3', '2030-W06', '2030-W17') }),
    );
    expect(record.Item).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('records a failed delivery when mail cannot go, and the retry sends it', async () => {
    await givenScheduledNetwork('rd5');
    // the outbox is not writable for a moment (in AWS: SES refuses)
    renameSync(outbox.dir, `${outbox.dir}.away`);
    writeFileSync(outbox.dir, 'not a directory');
    try {
      await expect(send('rd5', MONDAY)).rejects.toThrow(
        /not sent to office@rd5.example, rd5-p2@firm.example/,
      );
    } finally {
      rmSync(outbox.dir);
      renameSync(`${outbox.dir}.away`, outbox.dir);
    }
    const failed = await call(listHistory, {
      method: 'GET',
      path: '/reports/history',
      claims: claims.coordinator('rd5'),
    });
    expect(failed.body.items[0]).toMatchObject({
      status: 'failed',
      recipients: [
        expect.objectContaining({ status: 'failed' }),
        expect.objectContaining({ status: 'failed' }),
      ],
    });
    // Act: the scheduler retries
    const retry = await send('rd5', MONDAY);
    // Assess
    expect(retry.outcome).toBe('sent');
    expect(await mailsTo('office@rd5.example')).toHaveLength(1);
    expect(await mailsTo('rd5-p2@firm.example')).toHaveLength(1);
    const [month] = await listUsage('rd5');
    expect(month?.counts).toMatchObject({ reportsSent: 1, emailsSent: 2 });
  });

  it('sends nothing when scheduled reports are off, or for a network that does not exist', async () => {
    await givenScheduledNetwork('rd4');
    await call(putSchedule, {
      method: 'PUT',
      path: '/reports/schedule',
      claims: claims.coordinator('rd4'),
      body: { enabled: false, frequency: 'weekly', weekday: 'MON', time: '07:00' },
    });
    expect(await send('rd4', MONDAY)).toEqual({
      outcome: 'skipped',
      reason: 'scheduled reports are turned off',
    });
    expect(await send('no-such-network', MONDAY)).toMatchObject({ outcome: 'skipped' });
    expect(await mailsTo('office@rd4.example')).toHaveLength(0);
  });

  it('rejects an event without a network or a scheduled time (the scheduler dead-letters it)', async () => {
    await expect(sendReport({ networkId: 'rd1' }, context)).rejects.toThrow();
    await expect(
      sendReport({ networkId: 'rd1', scheduledTime: '<aws.scheduler.scheduled-time>' }, context),
    ).rejects.toThrow();
  });
});
