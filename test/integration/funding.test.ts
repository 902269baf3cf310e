import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { handler as closePeriod } from '#functions/funding/close-period.handler';
import { handler as createCost } from '#functions/funding/create-cost.handler';
import { handler as createProject } from '#functions/funding/create-project.handler';
import { handler as createRecord } from '#functions/funding/create-time-record.handler';
import { runDailyCheck } from '#functions/funding/daily-check';
import { handler as deleteCost } from '#functions/funding/delete-cost.handler';
import { handler as deleteRecord } from '#functions/funding/delete-time-record.handler';
import { handler as getProject } from '#functions/funding/get-project.handler';
import { handler as getReceipt } from '#functions/funding/get-receipt.handler';
import { handler as getReport } from '#functions/funding/get-report.handler';
import { handler as listCosts } from '#functions/funding/list-costs.handler';
import { handler as listProjects } from '#functions/funding/list-projects.handler';
import { handler as listRecords } from '#functions/funding/list-time-records.handler';
import { handler as reopenPeriod } from '#functions/funding/reopen-period.handler';
import { getRecord as getStoredRecord, replaceRecord } from '#functions/funding/store';
import { handler as updateProject } from '#functions/funding/update-project.handler';
import { handler as updateRecord } from '#functions/funding/update-time-record.handler';
import { handler as updatePartner } from '#functions/networks/update-partner.handler';
import { networkPk } from '#shared/db/keys';
import { queryPrefix } from '#shared/db/query';
import type { ScheduleSpec } from '#shared/scheduler/index';
import { useScheduler } from '#shared/scheduler/index';
import { type Claims, call, claims } from '#test/support/api';
import { givenNetwork } from '#test/support/networks';
import { deliverQueuedMail, useFileOutbox } from '#test/support/outbox';

process.env.MAIL_STORE = 'fs';
process.env.ATTACHMENTS_DIR = mkdtempSync(join(tmpdir(), 'verbund-receipts-'));
const outbox = useFileOutbox();
const schedules: ScheduleSpec[] = [];
useScheduler({ upsert: async (s) => void schedules.push(s), remove: async () => {} });

const NET = 'fund';
const OTHER = 'fund-other';
const P = ['fund-a', 'fund-b', 'fund-c', 'fund-d', 'fund-uni'];
const OUTSIDER = 'fund-x';
const coordinator = claims.coordinator(NET);
const partner = (id: string) => claims.partner(NET, id);

const sizes: Record<string, unknown> = {
  'fund-a': { kind: 'firm', size: { staff: 8, turnoverCents: 90_000_000, balanceSheetCents: 50_000_000 } },
  'fund-b': { kind: 'firm', size: { staff: 30, turnoverCents: 400_000_000, balanceSheetCents: 300_000_000 } },
  'fund-c': {
    kind: 'firm',
    size: { staff: 120, turnoverCents: 2_000_000_000, balanceSheetCents: 1_000_000_000 },
  },
  'fund-d': { kind: 'firm', size: { staff: 4, turnoverCents: 30_000_000, balanceSheetCents: 20_000_000 } },
  'fund-uni': { kind: 'research' },
};

function projectBody(over: Record<string, unknown> = {}) {
  return {
    title: 'Digitale Werkstatt',
    start: '2027-01-01',
    end: '2028-12-31',
    partners: P.map((partnerId, i) => ({
      partnerId,
      role: i === 0 ? 'lead' : 'partner',
      fundingRatePct: 60,
    })),
    workPackages: [
      {
        id: 'wp1',
        title: 'Analyse',
        plan: P.map((partnerId) => ({
          partnerId,
          hours: 200,
          personnelCents: 2_000_000,
          thirdPartyCents: 500_000,
        })),
      },
      {
        id: 'wp2',
        title: 'Umsetzung',
        plan: [{ partnerId: 'fund-a', hours: 100, personnelCents: 1_000_000 }],
      },
    ],
    categories: P.map((partnerId) => ({ id: 'eng', partnerId, name: 'Technik', hourlyRateCents: 8500 })),
    ...over,
  };
}

let projectId: string;
const path = (rest = '') => `/funding/projects/${projectId}${rest}`;

const record = (as: Claims, body: Record<string, unknown>) =>
  call(createRecord, { method: 'POST', path: path('/time-records'), claims: as, body });

beforeAll(async () => {
  await givenNetwork(NET, [...P, OUTSIDER]);
  await givenNetwork(OTHER, [`${OTHER}-p1`]);
  for (const id of P) {
    const res = await call(updatePartner, {
      method: 'PATCH',
      path: `/partners/${id}`,
      claims: coordinator,
      body: sizes[id],
    });
    expect(res.status, res.text).toBe(200);
  }
  const res = await call(createProject, {
    method: 'POST',
    path: '/funding/projects',
    claims: coordinator,
    body: projectBody(),
  });
  expect(res.status, res.text).toBe(201);
  projectId = res.body.id;
});

describe('partner kinds and size', () => {
  it('derives the EU size class from the figures the coordinator enters', async () => {
    const res = await call(updatePartner, {
      method: 'PATCH',
      path: '/partners/fund-c',
      claims: coordinator,
      body: {
        size: { staff: 120, turnoverCents: 2_000_000_000, balanceSheetCents: 1_000_000_000 },
        affiliationGroup: 'grp-c',
      },
    });
    expect(res.body).toMatchObject({ kind: 'firm', sizeClass: 'medium', affiliationGroup: 'grp-c' });
  });

  it('lets no partner declare its own kind or size (unknown field for the partner body)', async () => {
    const res = await call(updatePartner, {
      method: 'PATCH',
      path: '/partners/fund-a',
      claims: partner('fund-a'),
      body: { kind: 'research' },
    });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].path).toBe('kind');
  });
});

describe('projects', () => {
  it('copies the COIN Netzwerke rules with their sources into the project and checks them live', async () => {
    const res = await call(getProject, { method: 'GET', path: path(), claims: coordinator });
    expect(res.status).toBe(200);
    expect(res.body.rules.programme).toBe('COIN Netzwerke');
    expect(res.body.rules.consortium.minCompanies).toMatchObject({ value: 4 });
    expect(res.body.rules.maxThirdPartySharePct.source).toContain('COIN');
    expect(res.body.periods).toEqual([
      { id: 'p1', from: '2027-01-01', to: '2027-12-31' },
      { id: 'p2', from: '2028-01-01', to: '2028-12-31' },
    ]);
    const check = (id: string) => res.body.checks.find((c: { id: string }) => c.id === id);
    expect(check('consortium.companies').ok).toBe(true);
    expect(check('consortium.smes').ok).toBe(true);
    expect(check('duration').ok).toBe(true);
    expect(res.body.totals.planned.totalCents).toBe(5 * 2_500_000 + 1_000_000);
    // one daily check in the network's timezone
    expect(schedules.find((s) => s.payload.projectId === projectId)).toMatchObject({
      expression: 'cron(0 7 * * ? *)',
      timezone: 'Europe/Vienna',
      target: 'funding-check',
    });
  });

  it('refuses a category of a partner outside the project, naming the field, and writes nothing', async () => {
    const before = (
      await call(listProjects, { method: 'GET', path: '/funding/projects', claims: coordinator })
    ).body.items.length;
    const body = projectBody({
      categories: [{ id: 'eng', partnerId: OUTSIDER, name: 'X', hourlyRateCents: 100 }],
    });
    const res = await call(createProject, {
      method: 'POST',
      path: '/funding/projects',
      claims: coordinator,
      body,
    });
    expect(res.status).toBe(400);
    expect(res.body.errors[0]).toMatchObject({ path: 'categories.0.partnerId', code: 'not_in_project' });
    const after = (
      await call(listProjects, { method: 'GET', path: '/funding/projects', claims: coordinator })
    ).body.items.length;
    expect(after).toBe(before);
  });

  it('refuses unknown fields and a bad rate', async () => {
    const unknown = await call(createProject, {
      method: 'POST',
      path: '/funding/projects',
      claims: coordinator,
      body: projectBody({ budget: 1 }),
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0].path).toBe('budget');
    const rate = projectBody();
    (rate.partners[0] as { fundingRatePct: number }).fundingRatePct = 101;
    const bad = await call(createProject, {
      method: 'POST',
      path: '/funding/projects',
      claims: coordinator,
      body: rate,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toBe('partners.0.fundingRatePct');
  });

  it('shows a partner its own plan, rate and categories, and the project totals', async () => {
    const res = await call(getProject, { method: 'GET', path: path(), claims: partner('fund-b') });
    expect(res.status).toBe(200);
    expect(res.body.categories.map((c: { partnerId: string }) => c.partnerId)).toEqual(['fund-b']);
    expect(res.body.workPackages[0].plan.map((e: { partnerId: string }) => e.partnerId)).toEqual(['fund-b']);
    const others = res.body.partners.filter((x: { partnerId: string }) => x.partnerId !== 'fund-b');
    expect(others.every((x: { fundingRatePct?: number }) => x.fundingRatePct === undefined)).toBe(true);
    expect(res.body.totals.planned.totalCents).toBe(5 * 2_500_000 + 1_000_000);
  });

  it('answers 404 to another network, to a partner outside the project, and lists it for neither', async () => {
    for (const as of [claims.coordinator(OTHER), partner(OUTSIDER), claims.partner(OTHER, `${OTHER}-p1`)]) {
      const res = await call(getProject, { method: 'GET', path: path(), claims: as });
      expect(res.status).toBe(404);
      expect(res.text).not.toContain('Digitale Werkstatt');
      const list = await call(listProjects, { method: 'GET', path: '/funding/projects', claims: as });
      expect(list.body.items).toEqual([]);
    }
    const patch = await call(updateProject, {
      method: 'PATCH',
      path: path(),
      claims: claims.coordinator(OTHER),
      body: { revision: 1, title: 'x' },
    });
    expect(patch.status).toBe(404);
    const asPartner = await call(updateProject, {
      method: 'PATCH',
      path: path(),
      claims: partner('fund-a'),
      body: { revision: 1, title: 'x' },
    });
    expect(asPartner.status).toBe(403);
  });

  it('edits the rules of the project copy; of two edits of one revision exactly one lands', async () => {
    const current = (await call(getProject, { method: 'GET', path: path(), claims: coordinator })).body;
    const rules = structuredClone(current.rules);
    rules.maxFundingRatePct.medium.value = 55;
    const [a, b] = await Promise.all([
      call(updateProject, {
        method: 'PATCH',
        path: path(),
        claims: coordinator,
        body: { revision: current.revision, rules },
      }),
      call(updateProject, {
        method: 'PATCH',
        path: path(),
        claims: coordinator,
        body: { revision: current.revision, title: 'Neu' },
      }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const loser = a.status === 409 ? a : b;
    expect(loser.body.errors[0].code).toBe('changed_meanwhile');
  });
});

describe('time records', () => {
  it('records a partner’s own hours per week and day; the coordinator sees all, a partner only its own', async () => {
    const a = await record(partner('fund-a'), {
      categoryId: 'eng',
      workPackageId: 'wp1',
      when: '2027-W03',
      hours: 12.5,
    });
    expect(a.status, a.text).toBe(201);
    expect(a.body).toMatchObject({ partnerId: 'fund-a', periodId: 'p1', hours: 12.5 });
    const b = await record(partner('fund-b'), {
      categoryId: 'eng',
      workPackageId: 'wp1',
      when: '2027-01-20',
      hours: 4,
    });
    expect(b.status).toBe(201);
    const c = await record(coordinator, {
      partnerId: 'fund-uni',
      categoryId: 'eng',
      workPackageId: 'wp1',
      when: '2027-W04',
      hours: 8,
    });
    expect(c.status).toBe(201);

    const all = await call(listRecords, { method: 'GET', path: path('/time-records'), claims: coordinator });
    expect(all.body.items.map((r: { partnerId: string }) => r.partnerId).sort()).toEqual([
      'fund-a',
      'fund-b',
      'fund-uni',
    ]);
    const own = await call(listRecords, {
      method: 'GET',
      path: path('/time-records?partnerId=fund-a'),
      claims: partner('fund-b'),
    });
    expect(own.body.items.map((r: { partnerId: string }) => r.partnerId)).toEqual(['fund-b']);
    // and the project totals count everybody's hours for every partner
    const view = await call(getProject, { method: 'GET', path: path(), claims: partner('fund-b') });
    expect(view.body.totals.actual.hours).toBe(24.5);
    expect(view.body.totals.actual.personnelCents).toBe(Math.round(12.5 * 8500) + 4 * 8500 + 8 * 8500);
  });

  it('lets no partner write or change another partner’s records (404, nothing changes)', async () => {
    const other = await record(partner('fund-b'), {
      partnerId: 'fund-a',
      categoryId: 'eng',
      workPackageId: 'wp1',
      when: '2027-W05',
      hours: 1,
    });
    expect(other.status).toBe(404);
    const a = (
      await call(listRecords, { method: 'GET', path: path('/time-records'), claims: partner('fund-a') })
    ).body.items[0];
    const patch = await call(updateRecord, {
      method: 'PATCH',
      path: path(`/time-records/${a.id}`),
      claims: partner('fund-b'),
      body: { hours: 99 },
    });
    expect(patch.status).toBe(404);
    const del = await call(deleteRecord, {
      method: 'DELETE',
      path: path(`/time-records/${a.id}`),
      claims: partner('fund-b'),
    });
    expect(del.status).toBe(404);
    const foreign = await call(updateRecord, {
      method: 'PATCH',
      path: path(`/time-records/${a.id}`),
      claims: claims.coordinator(OTHER),
      body: { hours: 99 },
    });
    expect(foreign.status).toBe(404);
    const again = (
      await call(listRecords, { method: 'GET', path: path('/time-records'), claims: partner('fund-a') })
    ).body.items[0];
    expect(again.hours).toBe(a.hours);
  });

  it('refuses bad input naming the field: another partner’s category, a day outside the project, odd hours', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ categoryId: 'nope', workPackageId: 'wp1', when: '2027-W03', hours: 1 }, 'categoryId'],
      [{ categoryId: 'eng', workPackageId: 'wp9', when: '2027-W03', hours: 1 }, 'workPackageId'],
      [{ categoryId: 'eng', workPackageId: 'wp1', when: '2026-12-01', hours: 1 }, 'when'],
      [{ categoryId: 'eng', workPackageId: 'wp1', when: '2027-W03', hours: 1.1 }, 'hours'],
      [{ categoryId: 'eng', workPackageId: 'wp1', when: '2027-W03', hours: 1, extra: 1 }, 'extra'],
    ];
    for (const [body, field] of cases) {
      const res = await record(partner('fund-c'), body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.errors[0].path).toBe(field);
    }
    const none = await call(listRecords, {
      method: 'GET',
      path: path('/time-records'),
      claims: partner('fund-c'),
    });
    expect(none.body.items).toEqual([]);
  });

  it('corrects and removes own records while the period is open', async () => {
    const r = await record(partner('fund-d'), {
      categoryId: 'eng',
      workPackageId: 'wp1',
      when: '2027-W06',
      hours: 3,
    });
    const patched = await call(updateRecord, {
      method: 'PATCH',
      path: path(`/time-records/${r.body.id}`),
      claims: partner('fund-d'),
      body: { hours: 5, when: '2027-02-12' },
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ hours: 5, when: '2027-02-12' });
    const del = await call(deleteRecord, {
      method: 'DELETE',
      path: path(`/time-records/${r.body.id}`),
      claims: partner('fund-d'),
    });
    expect(del.status).toBe(204);
  });
});

describe('periods', () => {
  it('refuses edits in a closed period with 409 until the coordinator reopens it', async () => {
    const r = await record(partner('fund-d'), {
      categoryId: 'eng',
      workPackageId: 'wp1',
      when: '2027-W10',
      hours: 2,
    });
    const close = await call(closePeriod, {
      method: 'POST',
      path: path('/periods/p1/close'),
      claims: coordinator,
    });
    expect(close.status).toBe(200);
    expect(close.body.status).toBe('closed');
    const twice = await call(closePeriod, {
      method: 'POST',
      path: path('/periods/p1/close'),
      claims: coordinator,
    });
    expect(twice.status).toBe(409);

    const add = await record(partner('fund-d'), {
      categoryId: 'eng',
      workPackageId: 'wp1',
      when: '2027-W11',
      hours: 2,
    });
    expect(add.status).toBe(409);
    expect(add.body.errors[0].code).toBe('period_closed');
    const patch = await call(updateRecord, {
      method: 'PATCH',
      path: path(`/time-records/${r.body.id}`),
      claims: partner('fund-d'),
      body: { hours: 3 },
    });
    expect(patch.status).toBe(409);
    // moving it into the open period is an edit of the closed one too
    const move = await call(updateRecord, {
      method: 'PATCH',
      path: path(`/time-records/${r.body.id}`),
      claims: partner('fund-d'),
      body: { when: '2028-W10' },
    });
    expect(move.status).toBe(409);
    const del = await call(deleteRecord, {
      method: 'DELETE',
      path: path(`/time-records/${r.body.id}`),
      claims: partner('fund-d'),
    });
    expect(del.status).toBe(409);
    const open = await record(partner('fund-d'), {
      categoryId: 'eng',
      workPackageId: 'wp1',
      when: '2028-W02',
      hours: 2,
    });
    expect(open.status).toBe(201);

    const asPartner = await call(reopenPeriod, {
      method: 'POST',
      path: path('/periods/p1/reopen'),
      claims: partner('fund-d'),
    });
    expect(asPartner.status).toBe(403);
    const foreign = await call(reopenPeriod, {
      method: 'POST',
      path: path('/periods/p1/reopen'),
      claims: claims.coordinator(OTHER),
    });
    expect(foreign.status).toBe(404);
    const reopen = await call(reopenPeriod, {
      method: 'POST',
      path: path('/periods/p1/reopen'),
      claims: coordinator,
    });
    expect(reopen.body.status).toBe('open');
    const after = await call(updateRecord, {
      method: 'PATCH',
      path: path(`/time-records/${r.body.id}`),
      claims: partner('fund-d'),
      body: { hours: 3 },
    });
    expect(after.status).toBe(200);
    const unknown = await call(closePeriod, {
      method: 'POST',
      path: path('/periods/p9/close'),
      claims: coordinator,
    });
    expect(unknown.status).toBe(404);
  });

  it('a close racing record writes: every write answered 201 is there, every 409 is not, none lands after the close', async () => {
    const writes = Array.from({ length: 12 }, (_, i) =>
      record(partner(P[i % 5]!), {
        categoryId: 'eng',
        workPackageId: 'wp2',
        when: `2027-W${String(20 + i).padStart(2, '0')}`,
        hours: 1,
        note: `race ${i}`,
      }),
    );
    const [close, ...answers] = await Promise.all([
      call(closePeriod, { method: 'POST', path: path('/periods/p1/close'), claims: coordinator }),
      ...writes,
    ]);
    expect(close.status).toBe(200);
    expect(answers.every((a) => a.status === 201 || a.status === 409)).toBe(true);
    const landed = new Set(answers.filter((a) => a.status === 201).map((a) => a.body.id));
    const items = await call(listRecords, {
      method: 'GET',
      path: path('/time-records'),
      claims: coordinator,
    });
    const raced = items.body.items.filter((r: { note?: string }) => r.note?.startsWith('race'));
    expect(new Set(raced.map((r: { id: string }) => r.id))).toEqual(landed);
    // the period stays closed: a write after the race is refused
    const late = await record(partner('fund-a'), {
      categoryId: 'eng',
      workPackageId: 'wp2',
      when: '2027-W40',
      hours: 1,
    });
    expect(late.status).toBe(409);
    await call(reopenPeriod, { method: 'POST', path: path('/periods/p1/reopen'), claims: coordinator });
  });

  it('of two corrections of the same read exactly one lands, and the sums count only the winner', async () => {
    const r = await record(partner('fund-b'), {
      categoryId: 'eng',
      workPackageId: 'wp1',
      when: '2027-W30',
      hours: 2,
    });
    const before = (await call(getProject, { method: 'GET', path: path(), claims: coordinator })).body.totals
      .actual.hours;
    // both read the record before either writes (through the store: handlers' timing would decide otherwise)
    const current = (await getStoredRecord(NET, projectId, r.body.id))!;
    const edit = (hours: number) =>
      replaceRecord(NET, projectId, current, {
        ...current,
        hours,
        updatedAt: new Date(Date.now() + hours).toISOString(),
      }).then(
        () => 200,
        (err: { statusCode?: number }) => err.statusCode ?? 500,
      );
    const answers = await Promise.all([edit(3), edit(4)]);
    expect(answers.sort()).toEqual([200, 409]);
    const stored = (await getStoredRecord(NET, projectId, r.body.id))!;
    const after = (await call(getProject, { method: 'GET', path: path(), claims: coordinator })).body.totals
      .actual.hours;
    expect(after - before).toBe(stored.hours - 2);
  });
});

describe('costs and receipts', () => {
  const pdf = Buffer.from('%PDF-1.4\n% Beleg Reise Linz\n%%EOF\n');

  it('keeps a cost with its receipt; the receipt comes back as uploaded, to its partner and the coordinator only', async () => {
    const res = await call(createCost, {
      method: 'POST',
      path: path('/costs'),
      claims: partner('fund-a'),
      body: {
        kind: 'travel',
        workPackageId: 'wp1',
        date: '2027-03-04',
        amountCents: 12_345,
        description: 'Bahn Wien–Linz',
        receipt: {
          filename: 'beleg.pdf',
          contentType: 'application/pdf',
          contentBase64: pdf.toString('base64'),
        },
      },
    });
    expect(res.status, res.text).toBe(201);
    expect(res.body.receipt).toEqual({
      filename: 'beleg.pdf',
      contentType: 'application/pdf',
      bytes: pdf.length,
    });
    const costPath = path(`/costs/${res.body.id}/receipt`);
    for (const as of [partner('fund-a'), coordinator]) {
      const got = await call(getReceipt, { method: 'GET', path: costPath, claims: as });
      expect(got.status).toBe(200);
      expect(got.headers['content-type']).toBe('application/pdf');
      expect(Buffer.from(got.text, 'base64')).toEqual(pdf);
    }
    for (const as of [partner('fund-b'), claims.coordinator(OTHER)]) {
      expect((await call(getReceipt, { method: 'GET', path: costPath, claims: as })).status).toBe(404);
    }
    const own = await call(listCosts, { method: 'GET', path: path('/costs'), claims: partner('fund-b') });
    expect(own.body.items).toEqual([]);
    const del = await call(deleteCost, {
      method: 'DELETE',
      path: path(`/costs/${res.body.id}`),
      claims: partner('fund-b'),
    });
    expect(del.status).toBe(404);
  });

  it('refuses a cost of an unknown kind, a negative amount or a receipt that is not base64', async () => {
    const base = {
      kind: 'material',
      workPackageId: 'wp1',
      date: '2027-03-04',
      amountCents: 100,
      description: 'Holz',
    };
    const cases: [Record<string, unknown>, string][] = [
      [{ ...base, kind: 'personnel' }, 'kind'],
      [{ ...base, amountCents: -1 }, 'amountCents'],
      [{ ...base, amountCents: 1.5 }, 'amountCents'],
      [
        { ...base, receipt: { filename: 'a.pdf', contentType: 'application/pdf', contentBase64: '***' } },
        'receipt.contentBase64',
      ],
      [
        {
          ...base,
          receipt: { filename: 'a.exe', contentType: 'application/x-msdownload', contentBase64: 'AA==' },
        },
        'receipt.contentType',
      ],
    ];
    for (const [body, field] of cases) {
      const res = await call(createCost, {
        method: 'POST',
        path: path('/costs'),
        claims: partner('fund-c'),
        body,
      });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.errors[0].path).toBe(field);
    }
  });
});

describe('reports and the daily check', () => {
  it('builds the interim report with hours, costs, funding and checks, as JSON, HTML and CSV (coordinator only)', async () => {
    await call(createCost, {
      method: 'POST',
      path: path('/costs'),
      claims: partner('fund-c'),
      body: {
        kind: 'thirdParty',
        workPackageId: 'wp1',
        date: '2027-05-01',
        amountCents: 1_000_000,
        description: 'Prototyp Fräsen',
      },
    });
    const res = await call(getReport, {
      method: 'GET',
      path: path('/report?period=p1'),
      claims: coordinator,
    });
    expect(res.status, res.text).toBe(200);
    expect(res.body.kind).toBe('interim');
    const c = res.body.partners.find((x: { partnerId: string }) => x.partnerId === 'fund-c');
    expect(c.actual.thirdPartyCents).toBe(1_000_000);
    // fund-c is a medium firm: 60 % asked, 55 % allowed by the project's edited rules (or 50 % unedited)
    expect([50, 55]).toContain(c.fundingRatePct);
    expect(c.fundingCents).toBe(Math.floor((c.actual.totalCents * c.fundingRatePct) / 100));
    const sum = res.body.partners.reduce((s: number, x: { fundingCents: number }) => s + x.fundingCents, 0);
    expect(res.body.totals.fundingCents).toBe(sum);

    const html = await call(getReport, {
      method: 'GET',
      path: path('/report?period=p1&format=html'),
      claims: coordinator,
    });
    expect(html.headers['content-type']).toBe('text/html; charset=utf-8');
    // the title is 'Neu' if that edit won the race of the two edits above
    expect(html.text).toMatch(/<h1>Zwischenbericht (Digitale Werkstatt|Neu)<\/h1>/);
    const csv = await call(getReport, {
      method: 'GET',
      path: path('/report?format=csv'),
      claims: coordinator,
    });
    expect(csv.text.split('\r\n')[0]).toContain('report,period,partner_id');
    expect(csv.text).toContain('final,final,fund-c,Firma fund-c,all');
    const de = await call(getReport, {
      method: 'GET',
      path: path('/report?format=csv&dialect=de'),
      claims: coordinator,
    });
    expect(de.text.split('\r\n')[0]).toContain('report;period;partner_id');
    expect(de.text).toMatch(/final;final;fund-c;Firma fund-c;all;200;\d+(,\d+)?;/);

    expect(
      (await call(getReport, { method: 'GET', path: path('/report'), claims: partner('fund-a') })).status,
    ).toBe(403);
    expect(
      (await call(getReport, { method: 'GET', path: path('/report'), claims: claims.coordinator(OTHER) }))
        .status,
    ).toBe(404);
    expect(
      (await call(getReport, { method: 'GET', path: path('/report?period=p7'), claims: coordinator })).status,
    ).toBe(404);
    expect(
      (await call(getReport, { method: 'GET', path: path('/report?period=x'), claims: coordinator })).status,
    ).toBe(400);
  });

  it('reminds the partners without hours last month and mails ended periods’ reports, once', async () => {
    // 2028-02-01: January 2028 had hours only from fund-d (2028-W02); period p1 (2027) has ended
    const at = new Date('2028-02-01T06:00:00Z');
    const first = await runDailyCheck(NET, projectId, at);
    expect(first.reminders.sort()).toEqual(['fund-a', 'fund-b', 'fund-c', 'fund-uni']);
    expect(first.reports).toEqual(['p1']);
    const again = await runDailyCheck(NET, projectId, at);
    expect(again).toEqual({ reminders: [], reports: [] });
    // noted on the period, so a run long after the outbox forgot the mail does not send it again
    const states = (await call(getProject, { method: 'GET', path: path(), claims: coordinator })).body
      .periodStates;
    expect(states.find((p: { periodId: string }) => p.periodId === 'p1').reportMailedAt).toBe(
      at.toISOString(),
    );
    const muchLater = await runDailyCheck(NET, projectId, new Date('2028-06-01T06:00:00Z'));
    expect(muchLater.reports).toEqual([]);
    await deliverQueuedMail();
    const mails = await outbox.read();
    const reminders = mails.filter((m) => m.subject.startsWith('Stunden für Jänner 2028 fehlen'));
    expect(reminders.map((m) => m.to[0]).sort()).toEqual([
      'fund-a@firm.example',
      'fund-b@firm.example',
      'fund-c@firm.example',
      'fund-uni@firm.example',
    ]);
    const report = mails.find((m) => m.subject.startsWith('Zwischenbericht p1'));
    expect(report?.to).toEqual(['office@fund.example']);
    expect(report?.attachments[0]?.filename).toBe(`funding-${projectId}-p1.csv`);
    expect(report?.html).toContain('Prüfungen');
  });

  it('keeps its running sums equal to the records and costs after every create, correction, removal and race', async () => {
    const view = (await call(getProject, { method: 'GET', path: path(), claims: coordinator })).body;
    const records = (
      await call(listRecords, { method: 'GET', path: path('/time-records'), claims: coordinator })
    ).body.items;
    const costs = (await call(listCosts, { method: 'GET', path: path('/costs'), claims: coordinator })).body
      .items;
    const hours = records.reduce((s: number, r: { hours: number }) => s + r.hours, 0);
    expect(view.totals.actual.hours).toBe(hours);
    expect(view.totals.actual.personnelCents).toBe(hours * 8500);
    const cents = costs.reduce((s: number, c: { amountCents: number }) => s + c.amountCents, 0);
    expect(view.totals.actual.totalCents - view.totals.actual.personnelCents).toBe(cents);
  });

  it('keeps everything in the network partition', async () => {
    const mine = await queryPrefix(networkPk(OTHER), 'FUND');
    expect(mine).toEqual([]);
  });
});
