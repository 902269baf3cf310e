import { GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { InquiryStatus } from '#functions/inquiries/index';
import { statusTransitionItem, timelineEntryItem } from '#functions/inquiries/store';
import { listPartnersWithResources } from '#functions/networks/store';
import { db, tableName } from '#shared/db/client';
import { failedTransactionItems, isTransactionConflict } from '#shared/db/errors';
import { networkPk, part } from '#shared/db/keys';
import { queryAll } from '#shared/db/query';
import type { TransactItem } from '#shared/db/transact';
import { ConflictError } from '#shared/http/errors';
import { nowIso } from '#shared/time';
import type { BookedHours } from './capacity';
import type { PlannedBooking } from './job';
import { balances, type LedgerEntry } from './ledger';
import { Booking, Job, LedgerItem, MatchRun, Offer } from './schema';

const VERSION = 1;

/**
 * Keys of the matching capability (docs/data-model.md, "Matching"). Bookings sort by ISO week
 * first, so the whole network's bookings in a timeframe are one BETWEEN Query.
 */
export const matchKeys = {
  run: (networkId: string, inquiryId: string, runId: string) => ({
    pk: networkPk(networkId),
    sk: `MATCH#${part(inquiryId)}#RUN#${part(runId)}`,
  }),
  runs: (inquiryId: string) => `MATCH#${part(inquiryId)}#RUN#`,
  offer: (networkId: string, partnerId: string, runId: string) => ({
    pk: networkPk(networkId),
    sk: `OFFER#${part(partnerId)}#${part(runId)}`,
  }),
  offers: (partnerId: string) => `OFFER#${part(partnerId)}#`,
  booking: (networkId: string, week: string, partnerId: string, resourceId: string) => ({
    pk: networkPk(networkId),
    sk: `BOOK#${part(week)}#${part(partnerId)}#${part(resourceId)}`,
  }),
  job: (networkId: string, inquiryId: string, jobId: string) => ({
    pk: networkPk(networkId),
    sk: `JOB#${part(inquiryId)}#${part(jobId)}`,
  }),
  jobs: (inquiryId: string) => `JOB#${part(inquiryId)}#`,
  ledger: (networkId: string, at: string, jobId: string, receiver: string) => ({
    pk: networkPk(networkId),
    sk: `LEDGER#${part(at)}#${part(jobId)}#${part(receiver)}`,
  }),
};

/** gsi1: one partner's bookings by week (its calendar without reading everyone's). */
export const matchIndex = {
  partnerBookings: (networkId: string, partnerId: string) =>
    `${networkPk(networkId)}#PARTNER#${part(partnerId)}#BOOK`,
  partnerBookingSk: (week: string, resourceId: string) => `${week}#${resourceId}`,
};

// ---- bookings and the ledger ------------------------------------------------------------------

/** The network's bookings in weeks [first, last]: one Query. */
export async function listBookings(networkId: string, first: string, last: string): Promise<BookedHours[]> {
  const items = await queryAll({
    KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
    ExpressionAttributeValues: {
      ':pk': networkPk(networkId),
      ':from': `BOOK#${first}#`,
      ':to': `BOOK#${last}#~`,
    },
  });
  return items.map((i) => Booking.parse(i));
}

/** One partner's bookings in weeks [first, last]: one Query on gsi1. */
export async function listPartnerBookings(
  networkId: string,
  partnerId: string,
  first: string,
  last: string,
): Promise<BookedHours[]> {
  const items = await queryAll({
    IndexName: 'gsi1',
    KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk BETWEEN :from AND :to',
    ExpressionAttributeValues: {
      ':pk': matchIndex.partnerBookings(networkId, partnerId),
      ':from': `${first}#`,
      ':to': `${last}#~`,
    },
  });
  return items.map((i) => Booking.parse(i));
}

/** Ledger entries accepted between two instants (ISO-8601, inclusive): one Query. */
export async function listLedger(networkId: string, from: string, to: string): Promise<LedgerEntry[]> {
  const items = await queryAll({
    KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
    ExpressionAttributeValues: {
      ':pk': networkPk(networkId),
      ':from': `LEDGER#${from}`,
      ':to': `LEDGER#${to}~`,
    },
  });
  return items.map((i) => LedgerItem.parse(i));
}

/** Fairness looks at the last year of referrals. */
export const FAIRNESS_DAYS = 365;

/**
 * Everything one match reads besides the inquiry, one Query per entity family: partners with
 * their resources, the network's bookings in the timeframe, the last year's ledger entries.
 */
export async function loadMatchData(networkId: string, weeks: readonly string[]) {
  const now = new Date();
  const since = new Date(now.getTime() - FAIRNESS_DAYS * 86_400_000).toISOString();
  const [{ partners, resources }, bookings, ledger] = await Promise.all([
    listPartnersWithResources(networkId),
    listBookings(networkId, weeks[0]!, weeks[weeks.length - 1]!),
    listLedger(networkId, since, now.toISOString()),
  ]);
  return { partners, resources, bookings, balances: balances(ledger) };
}

// ---- match runs and offers ----------------------------------------------------------------------

/**
 * Stores a run, one offer per partner named in it, moves the inquiry matching → proposed (when
 * there is a proposal) and writes a timeline entry, in one transaction. 409 when the inquiry left
 * `matching` meanwhile (another coordinator's run landed first).
 */
export async function saveRun(networkId: string, run: MatchRun, offers: Offer[], timelineText: string) {
  const items: TransactItem[] = [
    {
      Put: {
        TableName: tableName,
        Item: { ...matchKeys.run(networkId, run.inquiryId, run.id), entity: 'match-run', v: VERSION, ...run },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
    ...offers.map((o) => ({
      Put: {
        TableName: tableName,
        Item: {
          ...matchKeys.offer(networkId, o.partnerId, o.runId),
          entity: 'match-offer',
          v: VERSION,
          ...o,
        },
      },
    })),
    run.proposals.length > 0
      ? statusTransitionItem(networkId, run.inquiryId, ['matching'], 'proposed')
      : statusTransitionItem(networkId, run.inquiryId, ['matching'], 'matching'),
    timelineEntryItem(networkId, run.inquiryId, {
      kind: 'proposals',
      text: timelineText,
      by: run.by,
      data: { runId: run.id, proposals: run.proposals.length },
    }),
  ];
  await transactOrConflict(items, (i) =>
    i === items.length - 2
      ? 'the inquiry changed meanwhile (another run or a status change landed first); reload and retry'
      : undefined,
  );
}

/**
 * Moves the inquiry to `matching` before a run, from one of `from`, with a timeline entry.
 * Returns false when its status was no longer one of `from`.
 */
export async function startMatching(
  networkId: string,
  inquiryId: string,
  from: readonly ('qualified' | 'proposed')[],
  by: string,
): Promise<boolean> {
  try {
    await db.send(
      new TransactWriteCommand({
        TransactItems: [
          statusTransitionItem(networkId, inquiryId, from, 'matching'),
          timelineEntryItem(networkId, inquiryId, { kind: 'status', text: 'matching started', by }),
        ],
      }),
    );
    return true;
  } catch (err) {
    if (failedTransactionItems(err).includes(0)) return false;
    throw err;
  }
}

/** The newest run of an inquiry: one Query, newest first, one item. */
export async function latestRun(networkId: string, inquiryId: string): Promise<MatchRun | undefined> {
  const out = await db.send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': networkPk(networkId), ':prefix': matchKeys.runs(inquiryId) },
      ScanIndexForward: false,
      Limit: 1,
    }),
  );
  const item = out.Items?.[0];
  return item ? MatchRun.parse(item) : undefined;
}

export async function getRun(
  networkId: string,
  inquiryId: string,
  runId: string,
): Promise<MatchRun | undefined> {
  const out = await db.send(
    new GetCommand({ TableName: tableName, Key: matchKeys.run(networkId, inquiryId, runId) }),
  );
  return out.Item ? MatchRun.parse(out.Item) : undefined;
}

/** The offers a partner received, newest first: one Query. */
export async function listOffers(networkId: string, partnerId: string, limit = 50): Promise<Offer[]> {
  const out = await db.send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': networkPk(networkId), ':prefix': matchKeys.offers(partnerId) },
      ScanIndexForward: false,
      Limit: limit,
    }),
  );
  return (out.Items ?? []).map((i) => Offer.parse(i));
}

// ---- jobs ---------------------------------------------------------------------------------------

/** The newest job of an inquiry (accepted or cancelled): one Query, newest first. */
export async function latestJob(networkId: string, inquiryId: string): Promise<Job | undefined> {
  const out = await db.send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': networkPk(networkId), ':prefix': matchKeys.jobs(inquiryId) },
      ScanIndexForward: false,
      Limit: 1,
    }),
  );
  const item = out.Items?.[0];
  return item ? Job.parse(item) : undefined;
}

function bookingUpdate(networkId: string, b: PlannedBooking): TransactItem {
  return {
    Update: {
      TableName: tableName,
      Key: matchKeys.booking(networkId, b.week, b.partnerId, b.resourceId),
      UpdateExpression:
        'ADD #booked :h SET #entity = :entity, #v = :v, #p = :p, #r = :r, #w = :w, #cap = :cap, #g1 = :g1, #g1s = :g1s',
      // capacity is re-checked here, atomically: no read-modify-write race
      ConditionExpression: 'attribute_not_exists(#booked) OR #booked <= :max',
      ExpressionAttributeNames: {
        '#booked': 'booked',
        '#entity': 'entity',
        '#v': 'v',
        '#p': 'partnerId',
        '#r': 'resourceId',
        '#w': 'week',
        '#cap': 'capacity',
        '#g1': 'gsi1pk',
        '#g1s': 'gsi1sk',
      },
      ExpressionAttributeValues: {
        ':h': b.hours,
        ':max': b.capacity - b.hours,
        ':entity': 'booking',
        ':v': VERSION,
        ':p': b.partnerId,
        ':r': b.resourceId,
        ':w': b.week,
        ':cap': b.capacity,
        ':g1': matchIndex.partnerBookings(networkId, b.partnerId),
        ':g1s': matchIndex.partnerBookingSk(b.week, b.resourceId),
      },
    },
  };
}

/**
 * Accepts a job in ONE transaction: books every resource-week (each conditional on capacity),
 * moves the inquiry proposed → accepted with its lead partner, writes the job, the ledger entries,
 * a timeline entry and the `extra` items (the team's queued job mails). Either all of it lands or
 * nothing; a resource-week that ran out gives 409 naming it. Lost races with other transactions
 * are retried.
 */
export async function acceptJob(
  networkId: string,
  job: Job,
  bookings: PlannedBooking[],
  ledger: LedgerEntry[],
  timelineText: string,
  extra: TransactItem[] = [],
): Promise<void> {
  const items: TransactItem[] = [
    ...bookings.map((b) => bookingUpdate(networkId, b)),
    statusTransitionItem(networkId, job.inquiryId, ['proposed'], 'accepted', {
      leadPartnerId: job.leadPartnerId,
    }),
    {
      Put: {
        TableName: tableName,
        Item: { ...matchKeys.job(networkId, job.inquiryId, job.id), entity: 'job', v: VERSION, ...job },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
    ...ledger.map((e) => ({
      Put: {
        TableName: tableName,
        Item: {
          ...matchKeys.ledger(networkId, e.at, e.jobId, e.receiver),
          entity: 'ledger-entry',
          v: VERSION,
          ...e,
        },
      },
    })),
    timelineEntryItem(networkId, job.inquiryId, {
      kind: 'accepted',
      text: timelineText,
      by: job.acceptedBy,
      data: { jobId: job.id, proposalId: job.proposalId, leadPartnerId: job.leadPartnerId },
    }),
    ...extra,
  ];
  await transactOrConflict(items, (i) => {
    const b = bookings[i];
    if (b)
      return `capacity ran out: resource ${b.resourceId} of partner ${b.partnerId} in week ${b.week} cannot take ${b.hours} more hours`;
    if (i === bookings.length) return 'the inquiry is no longer proposed (accepted or changed meanwhile)';
    return undefined;
  });
}

/** How a cancel moves the inquiry: the cancel route goes accepted → matching; a status change says its own. */
export interface CancelChange {
  from: InquiryStatus;
  to: InquiryStatus;
  /** The status change's timeline entry (kind `status`); the cancel route writes kind `cancelled`. */
  reason?: string;
  viaStatus?: boolean;
}

/**
 * Cancels an accepted job in ONE transaction: releases its bookings, removes its ledger entries,
 * marks it cancelled and moves the inquiry `change.from` → `change.to` (accepted → matching by
 * default), with a timeline entry and the `extra` items of the cancelled job (the team's queued
 * cancellation mails). 409 naming the job when it or the inquiry changed meanwhile.
 */
export async function cancelJob(
  networkId: string,
  job: Job,
  by: string,
  extra: (cancelled: Job) => TransactItem[] = () => [],
  change: CancelChange = { from: 'accepted', to: 'matching' },
): Promise<Job> {
  const cancelled: Job = { ...job, status: 'cancelled', cancelledAt: nowIso(), cancelledBy: by };
  const released = `job ${job.id} cancelled, ${job.bookings.reduce((s, b) => s + b.hours, 0)} booked hours released`;
  const timeline = change.viaStatus
    ? {
        kind: 'status',
        text: `${change.from} → ${change.to}: ${change.reason ? `${change.reason}; ` : ''}${released}`,
        by,
        data: { from: change.from, to: change.to, jobId: job.id },
      }
    : { kind: 'cancelled', text: released, by, data: { jobId: job.id } };
  const items: TransactItem[] = [
    ...job.bookings.map((b) => ({
      Update: {
        TableName: tableName,
        Key: matchKeys.booking(networkId, b.week, b.partnerId, b.resourceId),
        UpdateExpression: 'ADD #booked :minus',
        ConditionExpression: '#booked >= :h',
        ExpressionAttributeNames: { '#booked': 'booked' },
        ExpressionAttributeValues: { ':minus': -b.hours, ':h': b.hours },
      },
    })),
    ...job.ledger.map((e) => ({
      Delete: { TableName: tableName, Key: matchKeys.ledger(networkId, job.acceptedAt, job.id, e.receiver) },
    })),
    {
      Update: {
        TableName: tableName,
        Key: matchKeys.job(networkId, job.inquiryId, job.id),
        UpdateExpression: 'SET #status = :cancelled, #at = :at, #by = :by',
        ConditionExpression: '#status = :accepted',
        ExpressionAttributeNames: { '#status': 'status', '#at': 'cancelledAt', '#by': 'cancelledBy' },
        ExpressionAttributeValues: {
          ':cancelled': 'cancelled',
          ':accepted': 'accepted',
          ':at': cancelled.cancelledAt,
          ':by': by,
        },
      },
    },
    statusTransitionItem(networkId, job.inquiryId, [change.from], change.to),
    timelineEntryItem(networkId, job.inquiryId, timeline),
    ...extra(cancelled),
  ];
  const fixed = job.bookings.length + job.ledger.length;
  await transactOrConflict(items, (i) => {
    if (i === fixed) return `job ${job.id} is no longer accepted (cancelled meanwhile)`;
    if (i === fixed + 1)
      return `the inquiry is no longer ${change.from} (its status changed meanwhile); job ${job.id} stays as it is`;
    return undefined;
  });
  return cancelled;
}

/**
 * Runs a transaction; a lost race (TransactionConflict) is retried with jittered backoff, a
 * failed condition becomes 409 with `explain(index)` of the first failing item that explains.
 */
async function transactOrConflict(items: TransactItem[], explain: (index: number) => string | undefined) {
  for (let attempt = 1; ; attempt++) {
    try {
      await db.send(new TransactWriteCommand({ TransactItems: items }));
      return;
    } catch (err) {
      const failed = failedTransactionItems(err);
      if (failed.length > 0) {
        const messages = failed.map(explain).filter((m): m is string => Boolean(m));
        if (messages.length === 0) throw err;
        throw new ConflictError(
          messages[0]!,
          messages.map((message) => ({ path: 'body', message })),
          { cause: err },
        );
      }
      if (!isTransactionConflict(err) || attempt >= 8) throw err;
      await new Promise((r) => setTimeout(r, Math.random() * 25 * 2 ** Math.min(attempt, 5)));
    }
  }
}
