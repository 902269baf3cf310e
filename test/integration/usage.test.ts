import { describe, expect, it } from 'vitest';
import { handler as getUsage } from '#functions/reports/get-usage.handler';
import { usageMonth } from '#shared/metering/events';
import { recordUsage } from '#shared/metering/store';
import { call, claims } from '#test/support/api';
import { givenNetwork } from '#test/support/networks';

describe('GET /usage', () => {
  it('counts 50 concurrent events exactly and shows the month with its estimate', async () => {
    // Prepare
    await givenNetwork('us1');
    await Promise.all(Array.from({ length: 50 }, () => recordUsage('us1', 'emailsSent')));
    await recordUsage('us1', 'inquiriesCreated', 3, new Date('2026-10-15T12:00:00Z'));
    // Act
    const res = await call(getUsage, { method: 'GET', path: '/usage', claims: claims.coordinator('us1') });
    // Assess
    expect(res.status).toBe(200);
    const now = res.body.items.find((m: { month: string }) => m.month === usageMonth());
    expect(now.counts.emailsSent).toBe(50);
    expect(now.estimate.totalMicroUsd).toBe(5206);
    expect(now.estimate.total).toBe('$0.0052');
    const october = res.body.items.find((m: { month: string }) => m.month === '2026-10');
    expect(october.counts.inquiriesCreated).toBe(3);
    // newest first
    expect(res.body.items.map((m: { month: string }) => m.month)).toEqual([usageMonth(), '2026-10']);
  });

  it('shows an idle network a month at $0.0000', async () => {
    await givenNetwork('us2');
    const res = await call(getUsage, {
      method: 'GET',
      path: '/usage?month=2026-03',
      claims: claims.coordinator('us2'),
    });
    expect(res.body.items).toEqual([
      expect.objectContaining({
        month: '2026-03',
        estimate: expect.objectContaining({ totalMicroUsd: 0, total: '$0.0000' }),
      }),
    ]);
  });

  it("never shows another network's usage, and partners get 403", async () => {
    await givenNetwork('us3');
    await givenNetwork('us4');
    await recordUsage('us3', 'matchRuns', 7);
    const other = await call(getUsage, { method: 'GET', path: '/usage', claims: claims.coordinator('us4') });
    expect(
      other.body.items.every((m: { counts: { matchRuns?: number } }) => (m.counts.matchRuns ?? 0) === 0),
    ).toBe(true);
    const partner = await call(getUsage, {
      method: 'GET',
      path: '/usage',
      claims: claims.partner('us3', 'us3-p1'),
    });
    expect(partner.status).toBe(403);
  });

  it('names a malformed month and unknown query parameters', async () => {
    await givenNetwork('us5');
    const res = await call(getUsage, {
      method: 'GET',
      path: '/usage?month=2026-13&x=1',
      claims: claims.coordinator('us5'),
    });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([
      {
        path: 'query.month',
        message: 'must be a month 2000–2100 like 2026-11, got "2026-13"',
        code: 'invalid_format',
        params: { format: 'regex' },
      },
      { path: 'query.x', message: 'unknown field', code: 'unrecognized_keys' },
    ]);
  });
});
