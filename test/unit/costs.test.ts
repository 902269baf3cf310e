import { describe, expect, it } from 'vitest';
import { estimateCost } from '#functions/reports/costs';
import { usageMonth } from '#shared/metering/events';

describe('estimated AWS cost of a month', () => {
  it('is exactly zero for an idle network', () => {
    const idle = estimateCost({});
    expect(idle.totalMicroUsd).toBe(0);
    expect(idle.total).toBe('$0.0000');
    expect(idle.lines.every((l) => l.count === 0 && l.microUsd === 0)).toBe(true);
  });

  it('prices 1,000 sent e-mails: SES $0.10 plus the outbox (hand-computed: 104.11667 µ$ each)', () => {
    // SES 100 µ$ + stream Lambda request 0.2 µ$ + 0.05 GB-s × 13.3334 µ$ + 5 WRU × 0.625 µ$ + 1 RRU × 0.125 µ$
    expect(estimateCost({ emailsSent: 1000 }).totalMicroUsd).toBe(104_117);
  });

  it('adds up the footprint of a created inquiry (hand-computed: 6.53334 µ$ each)', () => {
    // 1 HTTP request 1.0 µ$ + 1 Lambda request 0.2 µ$ + 0.1 GB-s × 13.3334 µ$ + 6 WRU × 0.625 µ$ + 2 RRU × 0.125 µ$
    expect(estimateCost({ inquiriesCreated: 1000 }).totalMicroUsd).toBe(6533);
  });

  it('prices a report delivery from the measured footprint (hand-computed: 17.8667 µ$ each)', () => {
    // 1 scheduler invocation 1.0 µ$ + 1 Lambda request 0.2 µ$ + 0.5 GB-s × 13.3334 µ$ + 50 RRU × 0.125 µ$ + 6 WRU × 0.625 µ$
    expect(estimateCost({ reportsSent: 52 }).totalMicroUsd).toBe(929);
  });

  it('shows a month of a busy network of twelve firms in cents, line by line', () => {
    const month = estimateCost({
      inquiriesCreated: 120,
      emailsReceived: 300,
      emailsSent: 500,
      matchRuns: 80,
      poolsClosed: 4,
      reportsSent: 52,
    });
    expect(month.lines.map((l) => l.event)).toEqual([
      'inquiriesCreated',
      'emailsReceived',
      'emailsSent',
      'matchRuns',
      'poolsClosed',
      'reportsSent',
      'photosStored',
    ]);
    expect(month.totalMicroUsd).toBe(month.lines.reduce((s, l) => s + l.microUsd, 0));
    // e-mail dominates: 500 sent = 50,000 µ$, 300 received ≈ 57,000 µ$ + Lambda
    expect(month.totalMicroUsd).toBeGreaterThan(100_000);
    expect(month.totalMicroUsd).toBeLessThan(200_000);
  });

  it('prices a stored form photo as one S3 PUT (0.005 $ per thousand)', () => {
    expect(estimateCost({ photosStored: 1000 }).totalMicroUsd).toBe(5000);
  });

  it('buckets usage by UTC month', () => {
    expect(usageMonth(new Date('2026-12-31T23:30:00Z'))).toBe('2026-12');
    expect(usageMonth(new Date('2027-01-01T00:00:00Z'))).toBe('2027-01');
  });
});
