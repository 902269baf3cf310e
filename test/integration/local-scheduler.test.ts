import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { handler as joinPool } from '#functions/purchasing/join-pool.handler';
import { handler as openPool } from '#functions/purchasing/open-pool.handler';
import { getPool, poolKeys } from '#functions/purchasing/store';
import { startLocalScheduler } from '#infra/local/scheduler';
import { db, tableName } from '#shared/db/client';
import { useScheduler } from '#shared/scheduler/index';
import { call, claims } from '#test/support/api';
import { givenNetwork } from '#test/support/networks';
import { deliverQueuedMail, useFileOutbox } from '#test/support/outbox';

const outbox = useFileOutbox();
const start = (dataDir: string) =>
  startLocalScheduler({ dataDir, root: process.cwd(), retry: { attempts: 2, backoffMs: 10 } });

describe('local scheduler (EventBridge Scheduler stand-in)', () => {
  it('keeps schedules across a restart and runs a deadline that passed while it was stopped', async () => {
    // Prepare: a pool opened while the runtime ran
    const dataDir = mkdtempSync(join(tmpdir(), 'verbund-sched-'));
    const first = await start(dataDir);
    useScheduler(first);
    await givenNetwork('ls1');
    const opened = await call(openPool, {
      method: 'POST',
      path: '/pools',
      claims: claims.coordinator('ls1'),
      body: {
        supplier: { name: 'Dämmstoff AG', email: 'po@daemm.example' },
        article: { name: 'Steinwolle 100 mm', number: 'SW-100', unit: 'Paket' },
        listPriceCents: 4200,
        tiers: [{ minQuantity: 20, unitPriceCents: 3900 }],
        endAction: 'order_always',
        deadline: new Date(Date.now() + 3_600_000).toISOString(),
      },
    });
    expect(opened.status).toBe(201);
    const poolId = opened.body.id as string;
    await call(joinPool, {
      method: 'POST',
      path: `/pools/${poolId}/lines`,
      claims: claims.partner('ls1', 'ls1-p1'),
      body: { quantity: 25 },
    });
    await first.stop();
    // the deadline passes while the runtime is stopped
    await db.send(
      new UpdateCommand({
        TableName: tableName,
        Key: poolKeys.pool('ls1', poolId),
        UpdateExpression: 'SET deadline = :past',
        ExpressionAttributeValues: { ':past': new Date(Date.now() - 1000).toISOString() },
      }),
    );
    const file = join(dataDir, 'scheduler', 'schedules.json');
    const stored = JSON.parse(readFileSync(file, 'utf8')) as { name: string; expression: string }[];
    expect(stored.map((s) => s.name)).toEqual([`pool-${poolId}`]);
    // its time passes too (as if the runtime had been down for a while)
    writeFileSync(file, JSON.stringify([{ ...stored[0], expression: 'at(2020-01-01T00:00:00)' }]));
    // Act: restart
    const second = await start(dataDir);
    await second.idle();
    // Assess: closed, ordered, and the one-time schedule deleted itself
    expect((await getPool('ls1', poolId))?.status).toBe('closed');
    expect(second.list()).toEqual([]);
    await deliverQueuedMail();
    const orders = (await outbox.read()).filter((m) => m.to.includes('po@daemm.example'));
    expect(orders).toHaveLength(1);
    await second.stop();
    const third = await start(dataDir);
    expect(third.list()).toEqual([]);
    await third.stop();
  });

  it('retries a failing target and then writes it to the dead-letter directory', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'verbund-sched-'));
    const scheduler = await start(dataDir);
    await scheduler.upsert({
      name: 'pool-missing',
      expression: 'at(2020-01-01T00:00:00)',
      timezone: 'UTC',
      target: 'close-pool',
      payload: { networkId: 'ls2', poolId: 'does-not-exist' },
    });
    await scheduler.idle();
    const letters = readdirSync(join(dataDir, 'scheduler', 'dead-letter'));
    expect(letters).toHaveLength(1);
    const letter = JSON.parse(readFileSync(join(dataDir, 'scheduler', 'dead-letter', letters[0]!), 'utf8'));
    expect(letter).toMatchObject({ schedule: 'pool-missing', payload: { poolId: 'does-not-exist' } });
    expect(letter.error).toContain('pool not found');
    await scheduler.stop();
  });

  it('refuses expressions EventBridge Scheduler would refuse', async () => {
    const scheduler = await start(mkdtempSync(join(tmpdir(), 'verbund-sched-')));
    await expect(
      scheduler.upsert({
        name: 'x',
        expression: 'rate(5 minutes)' as never,
        timezone: 'UTC',
        target: 'close-pool',
        payload: {},
      }),
    ).rejects.toThrow(/at\(yyyy-mm-ddThh:mm:ss\)/);
    await scheduler.stop();
  });
});
