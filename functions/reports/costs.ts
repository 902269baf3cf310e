import { USAGE_EVENTS, type UsageCounts, type UsageEvent } from '#shared/metering/events';

/**
 * AWS list prices the estimate uses (USD, us-east-1, on-demand, no free tier). docs/costs.md
 * explains the model; edit here for another region or a price change.
 */
export const PRICES = {
  httpApiPerMillionRequests: 1.0,
  lambdaPerMillionRequests: 0.2,
  lambdaArmPerGbSecond: 0.0000133334,
  dynamoPerMillionWriteUnits: 0.625,
  dynamoPerMillionReadUnits: 0.125,
  sesPerThousandOutbound: 0.1,
  sesPerThousandInbound: 0.1,
  sesPerThousandInboundChunks: 0.09,
  schedulerPerMillionInvocations: 1.0,
  s3PerThousandPuts: 0.005,
} as const;

/** What one billable event uses, by assumption (docs/costs.md says where each number comes from). */
export interface Footprint {
  httpRequests?: number;
  lambdaInvocations?: number;
  lambdaGbSeconds?: number;
  writeUnits?: number;
  readUnits?: number;
  sesOutbound?: number;
  sesInbound?: number;
  sesInboundChunks?: number;
  schedulerInvocations?: number;
  s3Puts?: number;
}

export const FOOTPRINTS: Record<UsageEvent, Footprint> = {
  // form or API: counter ADD, inquiry, timeline entry, idempotency record, rate-limit counter
  inquiriesCreated: {
    httpRequests: 1,
    lambdaInvocations: 1,
    lambdaGbSeconds: 0.5 * 0.2,
    writeUnits: 6,
    readUnits: 2,
  },
  // SES receipt → S3 → intake Lambda: dedupe put, inquiry or message, attachments' metadata
  emailsReceived: {
    sesInbound: 1,
    sesInboundChunks: 1,
    s3Puts: 1,
    lambdaInvocations: 1,
    lambdaGbSeconds: 0.5 * 0.5,
    writeUnits: 6,
    readUnits: 4,
  },
  // queued with the change (1 write), sent by the stream consumer (1 call, re-read, mark sent, counter)
  emailsSent: {
    sesOutbound: 1,
    lambdaInvocations: 1,
    lambdaGbSeconds: 0.5 * 0.1,
    writeUnits: 5,
    readUnits: 1,
  },
  // one Query per entity family for a network of about a dozen partners
  matchRuns: {
    httpRequests: 1,
    lambdaInvocations: 1,
    lambdaGbSeconds: 0.5 * 0.3,
    readUnits: 20,
    writeUnits: 2,
  },
  poolsClosed: {
    schedulerInvocations: 1,
    lambdaInvocations: 1,
    lambdaGbSeconds: 0.5 * 0.5,
    readUnits: 10,
    writeUnits: 10,
  },
  // measured (bench/reports.ts): 50 partners × 3 resources × 12 weeks read 48.5 RCU in 1 GetItem +
  // 10 Queries, built in ~80 ms; the 512 MB target also composes and sends each mail. Writes:
  // the delivery claim, one "sent to" mark per recipient (2 typical), the finish, 2 usage ADDs
  reportsSent: {
    schedulerInvocations: 1,
    lambdaInvocations: 1,
    lambdaGbSeconds: 0.5 * 1,
    readUnits: 50,
    writeUnits: 6,
  },
  // the form's photo: one S3 PUT (its bytes ride on the inquiry's request; storage not counted here)
  photosStored: {
    s3Puts: 1,
  },
};

/** Cost of one footprint in micro-dollars (1 USD = 1,000,000), unrounded. */
function footprintMicroUsd(f: Footprint): number {
  const p = PRICES;
  const usd =
    ((f.httpRequests ?? 0) * p.httpApiPerMillionRequests) / 1e6 +
    ((f.lambdaInvocations ?? 0) * p.lambdaPerMillionRequests) / 1e6 +
    (f.lambdaGbSeconds ?? 0) * p.lambdaArmPerGbSecond +
    ((f.writeUnits ?? 0) * p.dynamoPerMillionWriteUnits) / 1e6 +
    ((f.readUnits ?? 0) * p.dynamoPerMillionReadUnits) / 1e6 +
    ((f.sesOutbound ?? 0) * p.sesPerThousandOutbound) / 1e3 +
    ((f.sesInbound ?? 0) * p.sesPerThousandInbound) / 1e3 +
    ((f.sesInboundChunks ?? 0) * p.sesPerThousandInboundChunks) / 1e3 +
    ((f.schedulerInvocations ?? 0) * p.schedulerPerMillionInvocations) / 1e6 +
    ((f.s3Puts ?? 0) * p.s3PerThousandPuts) / 1e3;
  return usd * 1e6;
}

export interface CostEstimate {
  /** Whole micro-dollars; 10,000 µ$ = 1 cent. */
  totalMicroUsd: number;
  /** The same, for people: `$0.0123`. */
  total: string;
  lines: { event: UsageEvent; count: number; microUsd: number }[];
}

const format = (micro: number) => `$${(micro / 1e6).toFixed(4)}`;

/**
 * Estimated AWS cost of a month's usage: Σ count × footprint × price. An idle network has no
 * events and so costs $0.0000 beyond the storage it keeps (not counted here).
 */
export function estimateCost(counts: UsageCounts): CostEstimate {
  const lines = USAGE_EVENTS.map((event) => {
    const count = counts[event] ?? 0;
    return { event, count, microUsd: Math.round(count * footprintMicroUsd(FOOTPRINTS[event])) };
  });
  const totalMicroUsd = lines.reduce((sum, l) => sum + l.microUsd, 0);
  return { totalMicroUsd, total: format(totalMicroUsd), lines };
}
