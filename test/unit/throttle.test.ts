import { describe, expect, it } from 'vitest';
import { RouteThrottle } from '#infra/local/throttle';

describe('local route throttle (as API Gateway)', () => {
  it('lets a burst through, then refills at the rate', () => {
    let now = 0;
    const t = new RouteThrottle(() => now);
    const limits = { rateLimit: 2, burstLimit: 3 };
    const burst = Array.from({ length: 5 }, () => t.allow('POST /x', limits));
    expect(burst).toEqual([true, true, true, false, false]);
    now = 500; // half a second: one token back
    expect([t.allow('POST /x', limits), t.allow('POST /x', limits)]).toEqual([true, false]);
    expect(t.allow('POST /other', limits)).toBe(true);
  });
});
