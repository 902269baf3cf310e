/**
 * What the console's project form and cost entry need of the API: the programme presets, the
 * live checks of a draft (nothing written), and changing a cost (amount, receipt) with its sums,
 * closed periods, a concurrent change and tenancy.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { handler as checkProject } from '#functions/funding/check-project.handler';
import { handler as closePeriod } from '#functions/funding/close-period.handler';
import { handler as createCost } from '#functions/funding/create-cost.handler';
import { handler as createProject } from '#functions/funding/create-project.handler';
import { handler as deleteCost } from '#functions/funding/delete-cost.handler';
import { handler as getProject } from '#functions/funding/get-project.handler';
import { handler as getReceipt } from '#functions/funding/get-receipt.handler';
import { handler as listCosts } from '#functions/funding/list-costs.handler';
import { handler as listProgrammes } from '#functions/funding/list-programmes.handler';
import { handler as listProjects } from '#functions/funding/list-projects.handler';
import { handler as reopenPeriod } from '#functions/funding/reopen-period.handler';
import { handler as updateCost } from '#functions/funding/update-cost.handler';
import { handler as updatePartner } from '#functions/networks/update-partner.handler';
import { useScheduler } from '#shared/scheduler/index';
import { call, claims } from '#test/support/api';
import { givenNetwork } from '#test/support/networks';

process.env.MAIL_STORE = 'fs';
process.env.ATTACHMENTS_DIR = mkdtempSync(join(tmpdir(), 'verbund-receipts-'));
useScheduler({ upsert: async () => {}, remove: async () => {} });

const NET = 'fcon';
const OTHER = 'fcon-other';
const P = ['fcon-a', 'fcon-b', 'fcon-c', 'fcon-d', 'fcon-uni'];
const coordinator = claims.coordinator(NET);
const partner = (id: string) => claims.partner(NET, id);
const SIZES: Record<string, unknown> = {
  'fcon-a': { kind: 'firm', size: { staff: 8, turnoverCents: 90_000_000, balanceSheetCents: 50_000_000 } },
  'fcon-b': { kind: 'firm', size: { staff: 30, turnoverCents: 400_000_000, balanceSheetCents: 300_000_000 } },
  'fcon-c': {
    kind: 'firm',
    size: { staff: 120, turnoverCents: 2_000_000_000, balanceSheetCents: 1_000_000_000 },
  },
  'fcon-d': { kind: 'firm', size: { staff: 4, turnoverCents: 30_000_000, balanceSheetCents: 20_000_000 } },
  'fcon-uni': { kind: 'research' },
};

const draft = (partners: string[], over: Record<string, unknown> = {}) => ({
  start: '2027-01-01',
  end: '2028-12-31',
  partners: partners.map((partnerId, i) => ({
    partnerId,
    role: i === 0 ? 'lead' : 'partner',
    fundingRatePct: 60,
  })),
  workPackages: [
    {
      id: 'wp1',
      title: 'Analyse',
      plan: partners.map((partnerId) => ({ partnerId, hours: 300, personnelCents: 3_000_000 })),
    },
  ],
  categories: partners.map((partnerId) => ({ id: 'eng', partnerId, name: 'Technik', hourlyRateCents: 8000 })),
  ...over,
});
const checks = (body: unknown, as = coordinator) =>
  call(checkProject, { method: 'POST', path: '/funding/checks', claims: as, body });

let projectId: string;
const path = (rest = '') => `/funding/projects/${projectId}${rest}`;

beforeAll(async () => {
  await givenNetwork(NET, P);
  await givenNetwork(OTHER, ['fcon-other-a']);
  for (const id of P) {
    const res = await call(updatePartner, {
      method: 'PATCH',
      path: `/partners/${id}`,
      claims: coordinator,
      body: SIZES[id],
    });
    expect(res.status, res.text).toBe(200);
  }
  const res = await call(createProject, {
    method: 'POST',
    path: '/funding/projects',
    claims: coordinator,
    body: { title: 'Kosten', ...draft(P) },
  });
  expect(res.status, res.text).toBe(201);
  projectId = res.body.id;
});

describe('GET /funding/programmes', () => {
  it('lists the COIN Netzwerke preset with every rule and its source, to the coordinator only', async () => {
    const res = await call(listProgrammes, {
      method: 'GET',
      path: '/funding/programmes',
      claims: coordinator,
    });
    expect(res.status, res.text).toBe(200);
    const coin = res.body.items.find((i: { id: string }) => i.id === 'coin-netzwerke');
    expect(coin.rules.consortium.minCompanies.value).toBe(4);
    expect(coin.rules.maxFundingRatePct.medium.value).toBe(50);
    expect(coin.rules.maxThirdPartySharePct.source).toContain('COIN');
    const asPartner = await call(listProgrammes, {
      method: 'GET',
      path: '/funding/programmes',
      claims: partner('fcon-a'),
    });
    expect(asPartner.status).toBe(403);
  });
});

describe('POST /funding/checks', () => {
  it('checks a draft as it is filled in: three partners fail the consortium, five pass; nothing is written', async () => {
    const three = await checks(draft(['fcon-a', 'fcon-b', 'fcon-uni']));
    const five = await checks(draft(P));
    expect(three.status, three.text).toBe(200);
    const consortium = (r: typeof three) =>
      r.body.checks.find((c: { id: string }) => c.id === 'consortium.companies');
    expect(consortium(three)).toMatchObject({ ok: false });
    expect(consortium(three).message_de).toContain('es fehlen 2');
    expect(consortium(five)).toMatchObject({ ok: true });
    expect(three.body.errors).toEqual([]);
    // the rates the rules allow, by kind and size: micro and small 60, medium 50, research 60
    const max = Object.fromEntries(
      five.body.partners.map((p: { partnerId: string; maxFundingRatePct: number }) => [
        p.partnerId,
        p.maxFundingRatePct,
      ]),
    );
    expect(max).toEqual({ 'fcon-a': 60, 'fcon-b': 60, 'fcon-c': 50, 'fcon-d': 60, 'fcon-uni': 60 });
    const c = five.body.partners.find((p: { partnerId: string }) => p.partnerId === 'fcon-c');
    expect(c.fundingRatePct).toBe(50);
    expect(five.body.totals.planned.totalCents).toBe(15_000_000);
    expect(five.body.rules.programme).toBe('COIN Netzwerke');
    expect(five.body.periods).toHaveLength(2);
    const listed = await call(listProjects, {
      method: 'GET',
      path: '/funding/projects',
      claims: coordinator,
    });
    expect(listed.body.items).toHaveLength(1);
  });

  it('reads edited rules: a lower minimum of companies passes three partners', async () => {
    const programmes = await call(listProgrammes, {
      method: 'GET',
      path: '/funding/programmes',
      claims: coordinator,
    });
    const rules = structuredClone(programmes.body.items[0].rules);
    rules.consortium.minCompanies = { value: 2, source: 'eigene Regel' };
    rules.consortium.minSmes = { value: 2, source: 'eigene Regel' };
    const res = await checks(draft(['fcon-a', 'fcon-b', 'fcon-uni'], { rules }));
    expect(res.body.checks.find((x: { id: string }) => x.id === 'consortium.companies')).toMatchObject({
      ok: true,
      source: 'eigene Regel',
    });
  });

  it('answers the field errors the create would refuse with: no lead, a partner of another network, dates', async () => {
    const body = draft(['fcon-a', 'fcon-other-a'], { end: '2026-12-31' });
    body.partners[0]!.role = 'partner';
    const res = await checks(body);
    expect(res.status, res.text).toBe(200);
    const paths = res.body.errors.map((e: { path: string }) => e.path);
    expect(paths).toContain('partners');
    expect(paths).toContain('partners.1.partnerId');
    expect(paths).toContain('end');
    // another network's partner: named as unknown, nothing of it shown
    expect(JSON.stringify(res.body.partners)).not.toContain('fcon-other-a');
  });

  it('refuses malformed drafts naming the field; another network checks against its own partners; partners 403', async () => {
    const bad = await checks({ ...draft(P), budget: 1 });
    expect(bad.status).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    const rate = await checks(
      draft(P, { partners: [{ partnerId: 'fcon-a', role: 'lead', fundingRatePct: 120 }] }),
    );
    expect(rate.status).toBe(400);
    expect(rate.body.errors[0].path).toBe('partners.0.fundingRatePct');
    const other = await checks(draft(P), claims.coordinator(OTHER));
    expect(other.status).toBe(200);
    expect(other.body.partners).toEqual([]);
    expect(other.body.errors.filter((e: { code: string }) => e.code === 'unknown_partner')).toHaveLength(5);
    const asPartner = await checks(draft(P), partner('fcon-a'));
    expect(asPartner.status).toBe(403);
  });
});

describe('PATCH /funding/projects/{id}/costs/{costId}', () => {
  const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
  const cost = async (amountCents = 123_450, as = partner('fcon-a')) => {
    const res = await call(createCost, {
      method: 'POST',
      path: path('/costs'),
      claims: as,
      body: { kind: 'material', workPackageId: 'wp1', date: '2027-03-04', amountCents, description: 'Holz' },
    });
    expect(res.status, res.text).toBe(201);
    return res.body;
  };
  const patch = (costId: string, body: unknown, as = partner('fcon-a')) =>
    call(updateCost, { method: 'PATCH', path: path(`/costs/${costId}`), claims: as, body });
  const material = async () =>
    (await call(getProject, { method: 'GET', path: path(), claims: coordinator })).body.totals.actual
      .materialCents;

  it('changes the amount and adds a receipt; the totals follow; a second change needs the new updatedAt', async () => {
    const before = await material();
    const c = await cost();
    const res = await patch(c.id, {
      seen: c.createdAt,
      amountCents: 99_900,
      receipt: { filename: 'rechnung.png', contentType: 'image/png', contentBase64: png.toString('base64') },
    });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({
      amountCents: 99_900,
      receipt: { filename: 'rechnung.png', bytes: png.length },
    });
    expect((await material()) - before).toBe(99_900);
    const got = await call(getReceipt, {
      method: 'GET',
      path: path(`/costs/${c.id}/receipt`),
      claims: coordinator,
    });
    expect(got.status).toBe(200);
    expect(Buffer.from(got.text, 'base64')).toEqual(png);
    const stale = await patch(c.id, { seen: c.createdAt, amountCents: 1 });
    expect(stale.status).toBe(409);
    const removed = await patch(c.id, { seen: res.body.updatedAt, receipt: null, description: 'Holz, Leim' });
    expect(removed.status, removed.text).toBe(200);
    expect(removed.body.receipt).toBeUndefined();
    const listed = await call(listCosts, { method: 'GET', path: path('/costs'), claims: partner('fcon-a') });
    expect(listed.body.items.find((x: { id: string }) => x.id === c.id)).toMatchObject({
      description: 'Holz, Leim',
      amountCents: 99_900,
    });
    expect((await material()) - before).toBe(99_900);
  });

  it('two changes at once: one wins, the other gets 409, the totals match what is stored', async () => {
    const before = await material();
    const c = await cost(10_000);
    const answers = await Promise.all([
      patch(c.id, { seen: c.createdAt, amountCents: 20_000 }),
      patch(c.id, { seen: c.createdAt, amountCents: 30_000 }),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    const won = answers.find((a) => a.status === 200)!.body.amountCents;
    expect((await material()) - before).toBe(won);
    // removing it takes back what is stored, not what the loser had read
    const del = await call(deleteCost, {
      method: 'DELETE',
      path: path(`/costs/${c.id}`),
      claims: partner('fcon-a'),
    });
    expect(del.status).toBe(204);
    expect((await material()) - before).toBe(0);
  });

  it('refuses a change in a closed period or into one (409), bad input naming the field, and changes nothing', async () => {
    const c = await cost(5_000);
    const bad = await patch(c.id, { seen: c.createdAt, amountCents: '12,50' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toBe('amountCents');
    const unknown = await patch(c.id, { seen: c.createdAt, partnerId: 'fcon-b' });
    expect(unknown.status).toBe(400);
    const wp = await patch(c.id, { seen: c.createdAt, workPackageId: 'wp9' });
    expect(wp.status).toBe(400);
    expect(wp.body.errors[0].path).toBe('workPackageId');
    const closed = await call(closePeriod, {
      method: 'POST',
      path: path('/periods/p1/close'),
      claims: coordinator,
    });
    expect(closed.status, closed.text).toBe(200);
    const refused = await patch(c.id, { seen: c.createdAt, amountCents: 6_000 });
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toContain('closed');
    const reopened = await call(reopenPeriod, {
      method: 'POST',
      path: path('/periods/p1/reopen'),
      claims: coordinator,
    });
    expect(reopened.status).toBe(200);
    const listed = await call(listCosts, { method: 'GET', path: path('/costs'), claims: partner('fcon-a') });
    expect(listed.body.items.find((x: { id: string }) => x.id === c.id).amountCents).toBe(5_000);
  });

  it('another partner and another network learn nothing (404); the coordinator may change any cost', async () => {
    const c = await cost(7_000);
    const other = await patch(c.id, { seen: c.createdAt, amountCents: 1 }, partner('fcon-b'));
    expect(other.status).toBe(404);
    const foreign = await patch(c.id, { seen: c.createdAt, amountCents: 1 }, claims.coordinator(OTHER));
    expect(foreign.status).toBe(404);
    const outsider = await patch(
      c.id,
      { seen: c.createdAt, amountCents: 1 },
      claims.partner(OTHER, 'fcon-other-a'),
    );
    expect(outsider.status).toBe(404);
    const coord = await patch(c.id, { seen: c.createdAt, amountCents: 7_500 }, coordinator);
    expect(coord.status, coord.text).toBe(200);
  });
});
