import { describe, expect, it } from 'vitest';
import { RouteThrottle } from '#infra/local/throttle';
import { routes } from '#infra/routes';

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

describe("the public form's route throttle is the account's ceiling, not a network's limit", () => {
  it('lets a burst of 60 posts against one network and one post to each of 30 others through at the same instant', () => {
    // Prepare: the route as API Gateway throttles it (for all networks together), the clock frozen
    const row = routes.find((r) => r.route === 'POST /public/{slug}/inquiries')!;
    const t = new RouteThrottle(() => 0);
    // Act
    const flood = Array.from({ length: 60 }, () => t.allow(row.route, row.throttle!));
    const others = Array.from({ length: 30 }, () => t.allow(row.route, row.throttle!));
    // Assess: the flooded network's own limits (functions/inquiries/limits.ts) answer its flood
    expect(flood.every(Boolean)).toBe(true);
    expect(others.every(Boolean)).toBe(true);
  });
});
