import { http, reply } from '#shared/http/handler';
import { usageMonth } from '#shared/metering/events';
import { listUsage } from '#shared/metering/store';
import { estimateCost } from './costs';
import { UsageAnswer, UsageQuery } from './schema';

export const handler = http(
  {
    summary: "The network's metered usage per month with its estimated AWS cost (docs/costs.md)",
    auth: ['coordinator'],
    response: UsageAnswer,
    query: UsageQuery,
  },
  async ({ caller, query }) => {
    const months = await listUsage(caller.networkId);
    const wanted = query.month ? months.filter((m) => m.month === query.month) : months;
    // a month without any event has no item: it is shown as zero, which is what it cost
    if (query.month && wanted.length === 0) wanted.push({ month: query.month, counts: {} });
    if (!query.month && !wanted.some((m) => m.month === usageMonth()))
      wanted.unshift({ month: usageMonth(), counts: {} });
    return reply.ok({
      items: wanted.map((m) => ({ month: m.month, counts: m.counts, estimate: estimateCost(m.counts) })),
    });
  },
);
