/**
 * The referral ledger, pure: who brought a customer (the network or a referring partner) and who
 * received how many hours of the job. A partner's balance is received − given hours: negative
 * means it has brought more work into the network than it got, which the matcher rewards.
 */

/** The giver when the customer came to the network itself (form, API, e-mail). */
export const NETWORK = 'network';

export interface LedgerEntry {
  /** When the job was accepted (UTC ISO-8601). */
  at: string;
  jobId: string;
  inquiryId: string;
  /** `network` or the referring partner's id. */
  giver: string;
  receiver: string;
  hours: number;
}

/**
 * The entries an accepted job writes: one per receiving partner with its summed hours. A referrer
 * working on its own customer's job gives nothing to itself.
 */
export function entriesForJob(job: {
  at: string;
  jobId: string;
  inquiryId: string;
  giver: string;
  assignments: readonly { partnerId: string; hours: number }[];
}): LedgerEntry[] {
  const byReceiver = new Map<string, number>();
  for (const a of job.assignments) {
    if (a.partnerId === job.giver) continue;
    byReceiver.set(a.partnerId, (byReceiver.get(a.partnerId) ?? 0) + a.hours);
  }
  return [...byReceiver.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([receiver, hours]) => ({
      at: job.at,
      jobId: job.jobId,
      inquiryId: job.inquiryId,
      giver: job.giver,
      receiver,
      hours,
    }));
}

export interface PairTotal {
  giver: string;
  receiver: string;
  hours: number;
  /** Jobs in which the giver gave the receiver work. */
  count: number;
}

export interface PartnerTotal {
  partnerId: string;
  givenHours: number;
  /** Jobs the partner brought in that went (at least partly) to others. */
  givenCount: number;
  receivedHours: number;
  receivedCount: number;
  /** received − given hours. */
  balance: number;
}

/** Totals per pair and per partner; partners without entries are listed with zeros. */
export function summarise(
  entries: readonly LedgerEntry[],
  partnerIds: readonly string[] = [],
): { pairs: PairTotal[]; partners: PartnerTotal[] } {
  const pairs = new Map<string, PairTotal & { jobs: Set<string> }>();
  const partners = new Map<
    string,
    { givenHours: number; given: Set<string>; receivedHours: number; received: Set<string> }
  >();
  const partner = (id: string) => {
    let p = partners.get(id);
    if (!p) {
      p = { givenHours: 0, given: new Set(), receivedHours: 0, received: new Set() };
      partners.set(id, p);
    }
    return p;
  };
  for (const id of partnerIds) partner(id);
  for (const e of entries) {
    const key = `${e.giver}\u0000${e.receiver}`;
    let pair = pairs.get(key);
    if (!pair) {
      pair = { giver: e.giver, receiver: e.receiver, hours: 0, count: 0, jobs: new Set() };
      pairs.set(key, pair);
    }
    pair.hours += e.hours;
    pair.jobs.add(e.jobId);
    if (e.giver !== NETWORK) {
      const g = partner(e.giver);
      g.givenHours += e.hours;
      g.given.add(e.jobId);
    }
    const r = partner(e.receiver);
    r.receivedHours += e.hours;
    r.received.add(e.jobId);
  }
  return {
    pairs: [...pairs.values()]
      .map(({ jobs, ...p }) => ({ ...p, count: jobs.size }))
      .sort((a, b) => cmp(a.giver, b.giver) || cmp(a.receiver, b.receiver)),
    partners: [...partners.entries()]
      .map(([partnerId, p]) => ({
        partnerId,
        givenHours: p.givenHours,
        givenCount: p.given.size,
        receivedHours: p.receivedHours,
        receivedCount: p.received.size,
        balance: p.receivedHours - p.givenHours,
      }))
      .sort((a, b) => cmp(a.partnerId, b.partnerId)),
  };
}

/** Balance (received − given hours) per partner, the fairness input of the matcher. */
export function balances(entries: readonly LedgerEntry[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const e of entries) {
    out.set(e.receiver, (out.get(e.receiver) ?? 0) + e.hours);
    if (e.giver !== NETWORK) out.set(e.giver, (out.get(e.giver) ?? 0) - e.hours);
  }
  return out;
}

/** What one partner may see of the ledger: its own totals and the pairs it is part of. */
export function ledgerForPartner(summary: ReturnType<typeof summarise>, partnerId: string) {
  return {
    pairs: summary.pairs.filter((p) => p.giver === partnerId || p.receiver === partnerId),
    partners: summary.partners.filter((p) => p.partnerId === partnerId),
  };
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
