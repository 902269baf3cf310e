import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { updatePartner } from '#functions/networks/store';
import { handler as cancelPool } from '#functions/purchasing/cancel-pool.handler';
import { handler as closeScheduled } from '#functions/purchasing/close-pool.handler';
import { handler as openPool } from '#functions/purchasing/open-pool.handler';
import { poolKeys } from '#functions/purchasing/store';
import { handler as updateDeadline } from '#functions/purchasing/update-deadline.handler';
import { db, tableName } from '#shared/db/client';
import { atExpression } from '#shared/scheduler/expression';
import { type ScheduleSpec, useScheduler } from '#shared/scheduler/index';
import { call, claims } from '#test/support/api';
import { givenNetwork } from '#test/support/networks';
import { deliverQueuedMail, useFileOutbox } from '#test/support/outbox';

/** Partners who may join a pool are reminded 24 h before its deadline, once each, unless they opted out. */
const outbox = useFileOutbox();
const schedules = new Map<string, ScheduleSpec>();
beforeAll(() => {
  useScheduler({
    upsert: async (spec) => void schedules.set(spec.name, spec),
    remove: async (name) => void schedules.delete(name),
  });
});

const inHours = (h: number) =>
  new Date(Math.ceil((Date.now() + h * 3_600_000) / 60_000) * 60_000).toISOString();

async function open(net: string, deadline: string) {
  const res = await call(openPool, {
    method: 'POST',
    path: '/pools',
    claims: claims.coordinator(net),
    body: {
      supplier: { name: 'Holz Großhandel GmbH', email: 'orders@holz.example' },
      article: { name: 'OSB-Platte 18 mm', number: 'OSB-18', unit: 'Stk' },
      listPriceCents: 1500,
      tiers: [{ minQuantity: 10, unitPriceCents: 1300 }],
      deadline,
    },
  });
  expect(res.status, res.text).toBe(201);
  return res.body as { id: string; deadline: string };
}

/** The schedule firing: its payload is the event the target receives. */
const fire = (spec: ScheduleSpec) => closeScheduled(spec.payload, {} as never);

const reminders = async (net: string) =>
  (await deliverQueuedMail().then(outbox.read)).filter(
    (m) => m.from === `${net}-slug@inbound.verbund.test` && /Erinnerung|Reminder/.test(m.subject),
  );

describe('the reminder before a pool’s deadline', () => {
  it('is scheduled 24 h before and mails each partner once in its language, not those who opted out', async () => {
    // Prepare: p2 reads English, p3 turned pool mails off
    await givenNetwork('pr1', ['pr1-p1', 'pr1-p2', 'pr1-p3']);
    await updatePartner('pr1', 'pr1-p2', { language: 'en-GB' });
    await updatePartner('pr1', 'pr1-p3', { poolMails: false });
    const deadline = inHours(48);
    const pool = await open('pr1', deadline);
    const spec = schedules.get(`pool-${pool.id}-reminder`)!;
    expect([spec.expression, spec.timezone, spec.target]).toEqual([
      atExpression(new Date(Date.parse(deadline) - 24 * 3_600_000), 'Europe/Vienna'),
      'Europe/Vienna',
      'close-pool',
    ]);
    // Act: the time has come (the deadline is 24 h away now); the schedule fires twice (a retry)
    await db.send(
      new UpdateCommand({
        TableName: tableName,
        Key: poolKeys.pool('pr1', pool.id),
        UpdateExpression: 'SET deadline = :d',
        ExpressionAttributeValues: { ':d': inHours(24) },
      }),
    );
    expect(await fire(spec)).toMatchObject({ status: 'open', closedNow: false, reminded: 2 });
    expect(await fire(spec)).toMatchObject({ status: 'open', closedNow: false, reminded: 0 });
    // Assess
    const sent = await reminders('pr1');
    expect(sent.map((m) => [m.to[0], m.subject]).sort()).toEqual([
      ['pr1-p1@firm.example', 'Erinnerung: Einkaufspool OSB-Platte 18 mm schließt bald'],
      ['pr1-p2@firm.example', 'Reminder: the purchase pool OSB-Platte 18 mm closes soon'],
    ]);
    const de = sent.find((m) => m.to[0] === 'pr1-p1@firm.example')!;
    expect(de.text).toMatch(
      /der Einkaufspool für OSB-Platte 18 mm schließt am \d{2}\.\d{2}\.\d{4}, \d{2}:\d{2}/,
    );
  });

  it('moves with the deadline, goes when the deadline is near or the pool ends, and a stale one reminds nobody', async () => {
    await givenNetwork('pr2', ['pr2-p1']);
    const pool = await open('pr2', inHours(72));
    const first = schedules.get(`pool-${pool.id}-reminder`)!;
    // the deadline moves later: the reminder moves, and the old firing (stale) mails nobody
    const later = inHours(96);
    const moved = await call(updateDeadline, {
      method: 'PUT',
      path: `/pools/${pool.id}/deadline`,
      claims: claims.coordinator('pr2'),
      body: { deadline: later },
    });
    expect(moved.status, moved.text).toBe(200);
    expect(schedules.get(`pool-${pool.id}-reminder`)!.expression).toBe(
      atExpression(new Date(Date.parse(later) - 24 * 3_600_000), 'Europe/Vienna'),
    );
    expect(await fire(first)).toMatchObject({ reminded: 0 });
    // the deadline comes within 24 h: no reminder any more
    await call(updateDeadline, {
      method: 'PUT',
      path: `/pools/${pool.id}/deadline`,
      claims: claims.coordinator('pr2'),
      body: { deadline: inHours(10) },
    });
    expect(schedules.has(`pool-${pool.id}-reminder`)).toBe(false);
    // a pool opened 3 days ahead and cancelled: its reminder goes, and a late firing mails nobody
    const other = await open('pr2', inHours(72));
    const spec = schedules.get(`pool-${other.id}-reminder`)!;
    const cancelled = await call(cancelPool, {
      method: 'POST',
      path: `/pools/${other.id}/cancel`,
      claims: claims.coordinator('pr2'),
      body: { reason: 'Lieferant liefert nicht' },
    });
    expect(cancelled.status, cancelled.text).toBe(200);
    expect(schedules.has(`pool-${other.id}-reminder`)).toBe(false);
    expect(await fire(spec)).toMatchObject({ status: 'cancelled', reminded: 0 });
    expect(await reminders('pr2')).toEqual([]);
  });

  it('refuses a reminder event with unknown fields (nothing mailed)', async () => {
    await givenNetwork('pr3', ['pr3-p1']);
    const pool = await open('pr3', inHours(72));
    await expect(
      closeScheduled({ networkId: 'pr3', poolId: pool.id, reminder: true, extra: 1 }, {} as never),
    ).rejects.toThrow();
    expect(await reminders('pr3')).toEqual([]);
  });
});
