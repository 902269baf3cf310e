import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitForMail } from '#test/support/outbox';
import { type RunningRuntime, removeDataDir, scheduleRan, startRuntime } from '#test/support/runtime';

describe('npm start: a purchase pool closes by itself at its deadline and mails the supplier order', () => {
  let rt: RunningRuntime;

  beforeAll(async () => {
    rt = await startRuntime();
  });

  afterAll(async () => {
    if (rt) {
      await rt.stop();
      removeDataDir(rt);
    }
  });

  it('opens a pool over HTTP, two partners join, the local scheduler closes it, the order lands in the outbox', async () => {
    // Prepare
    const coordinator = await rt.token({ role: 'coordinator', networkId: 'demo' });
    const p1 = await rt.token({ role: 'partner', networkId: 'demo', partnerId: 'demo-p1' });
    const p2 = await rt.token({ role: 'partner', networkId: 'demo', partnerId: 'demo-p2' });
    // Act: open with a deadline a few seconds ahead
    const opened = await rt.api('POST', '/pools', {
      token: coordinator,
      body: {
        supplier: { name: 'Holz Großhandel GmbH', email: 'orders@holz.example' },
        article: { name: 'OSB-Platte 18 mm', number: 'OSB-18', unit: 'Stk' },
        listPriceCents: 1500,
        tiers: [
          { minQuantity: 10, unitPriceCents: 1300 },
          { minQuantity: 50, unitPriceCents: 1140 },
        ],
        deadline: new Date(Date.now() + 4000).toISOString(),
        shippingCents: 2500,
        endAction: 'order_always',
      },
    });
    const pool = (await opened.json()) as { id: string };
    expect(opened.status).toBe(201);
    const j1 = await rt.api('POST', `/pools/${pool.id}/lines`, { token: p1, body: { quantity: 30 } });
    const j2 = await rt.api('POST', `/pools/${pool.id}/lines`, { token: p2, body: { quantity: 25 } });
    expect([j1.status, j2.status]).toEqual([201, 201]);
    const joined = (await j2.json()) as { totals: { quantity: number; unitPriceCents: number } };
    expect(joined.totals).toMatchObject({ quantity: 55, unitPriceCents: 1140 });
    // Assess: the pool closes by itself once the deadline passed (its schedule's run is done)
    await rt.waitForOutput(scheduleRan(`pool-${pool.id}`, 'close-pool'), 60_000);
    const closed = await rt.api('GET', `/pools/${pool.id}`, { token: coordinator });
    const status = ((await closed.json()) as { status: string }).status;
    expect(status).toBe('closed');
    // the order and confirmations were queued with the close; the local stream poller sends them
    const mails = await waitForMail(
      join(rt.dataDir, 'outbox'),
      (all) =>
        all.some((m) => m.to.includes('orders@holz.example')) &&
        all.filter((m) => m.subject.startsWith('Bestellung bestätigt')).length >= 2,
    );
    const order = mails.find((m) => m.to.includes('orders@holz.example'));
    expect(order?.subject).toMatch(
      /^Bestellung \/ Purchase order [A-Z]{2,6}-B-\d{4}-0001: 55 Stk OSB-Platte 18 mm$/,
    );
    const csv = order?.attachments.find((a) => a.mimeType === 'text/csv');
    expect(csv?.content).toContain(',TOTAL,Stk,,,,55,11.40,652.00');
    const confirmations = mails.filter((m) => m.subject.startsWith('Bestellung bestätigt'));
    expect(new Set(confirmations.map((m) => m.to[0])).size).toBe(2);
    // history shows the partner's savings
    const history = await rt.api('GET', '/partners/demo-p1/purchases', { token: p1 });
    const body = (await history.json()) as { totals: { savingsVsListCents: number } };
    expect(body.totals.savingsVsListCents).toBe(30 * (1500 - 1140));
  });

  it('stops on SIGTERM and leaves no process behind', async () => {
    expect(await rt.stop()).toBe(0);
    expect(await rt.gone()).toEqual([]);
  });
});
