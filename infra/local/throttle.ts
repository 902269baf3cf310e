/**
 * A token bucket per route, as API Gateway throttles a route: `rateLimit` tokens per second
 * refill up to `burstLimit`; a request without a token gets 429.
 */
export class RouteThrottle {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(private readonly now: () => number = () => performance.now()) {}

  allow(routeKey: string, limits: { rateLimit: number; burstLimit: number }): boolean {
    const now = this.now();
    const b = this.buckets.get(routeKey) ?? { tokens: limits.burstLimit, at: now };
    b.tokens = Math.min(limits.burstLimit, b.tokens + ((now - b.at) / 1000) * limits.rateLimit);
    b.at = now;
    this.buckets.set(routeKey, b);
    if (b.tokens < 1) return false;
    b.tokens -= 1;
    return true;
  }
}
