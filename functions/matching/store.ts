import { GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { InquiryStatus } from '#functions/inquiries/index';
import { statusTransitionItem, timelineEntryItem } from '#functions/inquiries/store';
import { getPartner, listPartnersWithResources } from '#functions/networks/store';
import { db, tableName } from '#shared/db/client';
import { failedTransactionItems, isTransactionConflict } from '#shared/db/errors';
import { networkPk, part } from '#shared/db/keys';
import { queryAll } from '#shared/db/query';
import type { TransactItem } from '#shared/db/transact';
import { ConflictError, NotFoundError, ValidationError } from '#shared/http/errors';
import { nowIso } from '#shared/time';
import { type BookedHours, BookingIndex, capacityOf, type ResourceYear, WEEK_SLOTS } from './capacity';
import type { PlannedBooking } from './job';
import { balances, type LedgerEntry } from './ledger';
import {
  type BookingLine,
  BookingYear,
  Job,
  type JobPart,
  LedgerItem,
  LegacyBooking,
  MatchRun,
  Offer,
  ReplacementRun,
} from './schema';

const VERSION = 1;
/** Booking items: version 2 is one item per resource and ISO-week year (1 was one per week). */
const BOOKING_VERSION = 2;

/**
 * Keys of the matching capability (docs/data-model.md, "Matching"). Bookings are one item per
 * resource and ISO-week year, sorted by year first, so the whole network's bookings in a
 * timeframe are one BETWEEN Query over one or two years.
 */
export const matchKeys = {
  run: (networkId: string, inquiryId: string, runId: string) => ({
    pk: networkPk(networkId),
    sk: `MATCH#${part(inquiryId)}#RUN#${part(runId)}`,
  }),
  runs: (inquiryId: string) => `MATCH#${part(inquiryId)}#RUN#`,
  /**
   * A replacement match for one part of the inquiry's job (not a RUN: the inquiry's latest run
   * stays); its proposals are accepted by their id like a run's, so the run id alone finds it.
   */
  replacement: (networkId: string, inquiryId: string, runId: string) => ({
    pk: networkPk(networkId),
    sk: `MATCH#${part(inquiryId)}#REPL#${part(runId)}`,
  }),
  offer: (networkId: string, partnerId: string, runId: string) => ({
    pk: networkPk(networkId),
    sk: `OFFER#${part(partnerId)}#${part(runId)}`,
  }),
  offers: (partnerId: string) => `OFFER#${part(partnerId)}#`,
  bookingYear: (networkId: string, year: number, partnerId: string, resourceId: string) => ({
    pk: networkPk(networkId),
    sk: `BOOKY#${year}#${part(partnerId)}#${part(resourceId)}`,
  }),
  /** The layout before one item per resource and year: one item per resource and week (migrated). */
  legacyBooking: (networkId: string, week: string, partnerId: string, resourceId: string) => ({
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

// ---- bookings and the ledger ------------------------------------------------------------------

/** The attribute of a resource-year item holding week `n`'s booked hours: `W01`…`W53`. */
export const weekAttr = (n: number) => `W${n < 10 ? '0' : ''}${n}`;
/** The attribute holding week `n`'s tentative hours (part of `W<n>`, not yet confirmed). */
export const tentativeAttr = (n: number) => `T${n < 10 ? '0' : ''}${n}`;
/**
 * The attribute holding week `n`'s funded-project hours (part of `W<n>`, booked by time records,
 * not jobs). ADDed without a condition beside `W<n>`'s conditional change, so it is read clamped
 * to [0, W<n>]: records booked before it existed released their hours from `W<n>` alone.
 */
export const projectAttr = (n: number) => `P${n < 10 ? '0' : ''}${n}`;
const clampProject = (p: unknown, booked: number) =>
  typeof p === 'number' && p > 0 ? Math.min(p, booked) : 0;

/**
 * Partner, resource and year of a resource-year item: from its sort key `BOOKY#<year>#<partnerId>#<resourceId>`
 * (key parts never hold `#`), so the item carries no copies of them.
 */
function identityOf(item: Record<string, unknown>) {
  const { sk } = BookingYear.parse(item);
  const [, year, partnerId, resourceId] = sk.split('#');
  return { partnerId: partnerId!, resourceId: resourceId!, year: Number(year) };
}

/** A stored resource-year item as the matcher and the calendars read it. */
export function parseResourceYear(item: Record<string, unknown>): ResourceYear {
  const { partnerId, resourceId, year } = identityOf(item);
  const hours = new Float64Array(WEEK_SLOTS);
  let tentative: Float64Array | undefined;
  let project: Float64Array | undefined;
  for (const key in item) {
    const c = key.charCodeAt(0);
    if ((c !== 87 && c !== 84 && c !== 80) || key.length !== 3) continue; // W.., T.. or P..
    const n = Number(key.slice(1));
    const value = item[key];
    if (!(n >= 1 && n < WEEK_SLOTS) || typeof value !== 'number') continue;
    if (c === 87) hours[n] = value;
    else if (c === 84) {
      tentative ??= new Float64Array(WEEK_SLOTS);
      tentative[n] = value;
    } else {
      project ??= new Float64Array(WEEK_SLOTS);
      project[n] = value;
    }
  }
  if (project) for (let n = 1; n < WEEK_SLOTS; n++) project[n] = clampProject(project[n], hours[n]!);
  return {
    partnerId,
    resourceId,
    year,
    hours,
    ...(tentative ? { tentative } : {}),
    ...(project ? { project } : {}),
  };
}

/** Per-week lines of stored items in weeks [first, last] (weeks that were ever booked, 0 included). */
function linesOf(items: Record<string, unknown>[], first: string, last: string): BookedHours[] {
  const lines: BookedHours[] = [];
  for (const item of items) {
    const { partnerId, resourceId, year } = identityOf(item);
    for (let n = 1; n < WEEK_SLOTS; n++) {
      const booked = item[weekAttr(n)];
      if (typeof booked !== 'number') continue;
      const week = `${year}-W${weekAttr(n).slice(1)}`;
      if (week < first || week > last) continue;
      const tentative = item[tentativeAttr(n)];
      const project = clampProject(item[projectAttr(n)], booked);
      lines.push({
        partnerId,
        resourceId,
        week,
        booked,
        ...(typeof tentative === 'number' && tentative > 0 ? { tentative } : {}),
        ...(project > 0 ? { project } : {}),
      });
    }
  }
  return lines.sort(
    (a, b) => cmp(a.week, b.week) || cmp(a.partnerId, b.partnerId) || cmp(a.resourceId, b.resourceId),
  );
}

const yearOfWeek = (week: string) => Number(week.slice(0, 4));
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The network's resource-year items covering weeks [first, last]: one Query. */
function queryBookingYears(networkId: string, first: string, last: string) {
  return queryAll({
    KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
    ExpressionAttributeValues: {
      ':pk': networkPk(networkId),
      ':from': `BOOKY#${yearOfWeek(first)}#`,
      ':to': `BOOKY#${yearOfWeek(last)}#~`,
    },
  });
}

/** The network's bookings in weeks [first, last], indexed for lookups: one Query. */
export async function loadBookingIndex(
  networkId: string,
  first: string,
  last: string,
): Promise<BookingIndex> {
  return BookingIndex.fromYears((await queryBookingYears(networkId, first, last)).map(parseResourceYear));
}

/** The network's bookings in weeks [first, last] as per-week lines: one Query. */
export async function listBookings(networkId: string, first: string, last: string): Promise<BookedHours[]> {
  return linesOf(await queryBookingYears(networkId, first, last), first, last);
}

/** One partner's bookings in weeks [first, last]: one Query per ISO-week year (a range of the sort key). */
export async function listPartnerBookings(
  networkId: string,
  partnerId: string,
  first: string,
  last: string,
): Promise<BookedHours[]> {
  const years: number[] = [];
  for (let y = yearOfWeek(first); y <= yearOfWeek(last); y++) years.push(y);
  const items = await Promise.all(
    years.map((year) =>
      queryAll({
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
        ExpressionAttributeValues: {
          ':pk': networkPk(networkId),
          ':from': `BOOKY#${year}#${part(partnerId)}#`,
          ':to': `BOOKY#${year}#${part(partnerId)}#~`,
        },
      }),
    ),
  );
  return linesOf(items.flat(), first, last);
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
    loadBookingIndex(networkId, weeks[0]!, weeks[weeks.length - 1]!),
    listLedger(networkId, since, now.toISOString()),
  ]);
  return { partners, resources, bookings, balances: balances(ledger) };
}

/**
 * Moves a network's bookings from the layout of one item per resource and week (`BOOK#<week>#…`)
 * to one item per resource and year, one resource-year per transaction: ADD the weeks' hours to
 * the year item and Delete the week items, each Delete conditional on the hours it moves. A
 * crash between transactions leaves each resource-year either moved or not; a second run finds
 * only what is left, so running it again (every `npm start`) moves nothing twice. Returns the
 * number of week items moved.
 */
export async function migrateLegacyBookings(networkId: string): Promise<number> {
  const items = await queryAll({
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :old)',
    ExpressionAttributeValues: { ':pk': networkPk(networkId), ':old': 'BOOK#' },
  });
  const lines = items.map((i) => {
    const b = LegacyBooking.parse(i);
    return { ...b, hours: b.booked };
  });
  let moved = 0;
  for (const g of byResourceYear(lines)) {
    // 53 weeks at most: one Update and up to 53 Deletes fit one transaction
    const names: Record<string, string> = {
      '#entity': 'entity',
      '#v': 'v',
    };
    const values: Record<string, unknown> = {
      ':entity': 'booking',
      ':v': BOOKING_VERSION,
    };
    const adds = g.lines.map((l, i) => {
      names[`#w${i}`] = weekAttr(Number(l.week.slice(6)));
      values[`:h${i}`] = l.hours;
      return `#w${i} :h${i}`;
    });
    const transactItems: TransactItem[] = [
      {
        Update: {
          TableName: tableName,
          Key: matchKeys.bookingYear(networkId, g.year, g.partnerId, g.resourceId),
          UpdateExpression: `ADD ${adds.join(', ')} SET #entity = :entity, #v = :v`,
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
        },
      },
      ...g.lines.map((l) => ({
        Delete: {
          TableName: tableName,
          Key: matchKeys.legacyBooking(networkId, l.week, l.partnerId, l.resourceId),
          ConditionExpression: '#booked = :booked',
          ExpressionAttributeNames: { '#booked': 'booked' },
          ExpressionAttributeValues: { ':booked': l.booked },
        },
      })),
    ];
    try {
      await db.send(new TransactWriteCommand({ TransactItems: transactItems }));
      moved += g.lines.length;
    } catch (err) {
      // another run moved (or changed) them meanwhile: what is left is found by the next run
      if (failedTransactionItems(err).length === 0) throw err;
    }
  }
  return moved;
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
          timelineEntryItem(networkId, inquiryId, {
            kind: 'status',
            text: 'matching started',
            by,
            data: { to: 'matching' },
          }),
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

/** Booking lines of one resource in one ISO-week year: one item, one Update in a transaction. */
interface YearGroup<T extends BookingLine> {
  partnerId: string;
  resourceId: string;
  year: number;
  lines: T[];
}

function byResourceYear<T extends BookingLine>(lines: readonly T[]): YearGroup<T>[] {
  const groups = new Map<string, YearGroup<T>>();
  for (const l of lines) {
    const year = yearOfWeek(l.week);
    const key = `${l.partnerId}#${l.resourceId}#${year}`;
    let g = groups.get(key);
    if (!g) {
      g = { partnerId: l.partnerId, resourceId: l.resourceId, year, lines: [] };
      groups.set(key, g);
    }
    g.lines.push(l);
  }
  return [...groups.values()];
}

/**
 * Resource-year items holding per-week lines, exactly as accepting jobs leaves them (benchmarks
 * write them directly; the migration builds its Updates from the same lines).
 */
export function bookingYearItems(
  networkId: string,
  lines: readonly BookedHours[],
): Record<string, unknown>[] {
  const items = new Map<string, Record<string, unknown>>();
  for (const l of lines) {
    const year = yearOfWeek(l.week);
    const key = `${l.partnerId}#${l.resourceId}#${year}`;
    let item = items.get(key);
    if (!item) {
      item = {
        ...matchKeys.bookingYear(networkId, year, l.partnerId, l.resourceId),
        entity: 'booking',
        v: BOOKING_VERSION,
      };
      items.set(key, item);
    }
    const n = Number(l.week.slice(6));
    item[weekAttr(n)] = ((item[weekAttr(n)] as number | undefined) ?? 0) + l.booked;
    if (l.tentative)
      item[tentativeAttr(n)] = ((item[tentativeAttr(n)] as number | undefined) ?? 0) + l.tentative;
  }
  return [...items.values()];
}

/** Items a plan's bookings take in one transaction: one per resource and year. */
export const bookingItemCount = (lines: readonly BookingLine[]) =>
  new Set(lines.map((l) => `${l.partnerId}#${l.resourceId}#${yearOfWeek(l.week)}`)).size;

/**
 * Books a resource-year's weeks: ADD each week's hours, each conditional on the week's entry
 * leaving room for them (capacity re-checked here, atomically: no read-modify-write race).
 * `tentative` also adds the hours to the weeks' tentative entries.
 */
function bookingUpdate(networkId: string, g: YearGroup<PlannedBooking>, tentative: boolean): TransactItem {
  const names: Record<string, string> = {
    '#entity': 'entity',
    '#v': 'v',
  };
  const values: Record<string, unknown> = {
    ':entity': 'booking',
    ':v': BOOKING_VERSION,
  };
  const adds: string[] = [];
  const conditions: string[] = [];
  g.lines.forEach((b, i) => {
    const n = Number(b.week.slice(6));
    names[`#w${i}`] = weekAttr(n);
    values[`:h${i}`] = b.hours;
    values[`:m${i}`] = b.capacity - b.hours;
    adds.push(`#w${i} :h${i}`);
    if (tentative) {
      names[`#t${i}`] = tentativeAttr(n);
      adds.push(`#t${i} :h${i}`);
    }
    // an unbooked week takes the hours only if the week offers them: never more than its capacity
    conditions.push(
      b.capacity - b.hours >= 0 ? `(attribute_not_exists(#w${i}) OR #w${i} <= :m${i})` : `#w${i} <= :m${i}`,
    );
  });
  return {
    Update: {
      TableName: tableName,
      Key: matchKeys.bookingYear(networkId, g.year, g.partnerId, g.resourceId),
      UpdateExpression: `ADD ${adds.join(', ')} SET #entity = :entity, #v = :v`,
      ConditionExpression: conditions.join(' AND '),
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
  };
}

/**
 * Releases a resource-year's booked weeks: subtracts each week's hours (and, for `tentative`
 * hours, from the tentative entries too), conditional on them being booked.
 */
function releaseUpdate(
  networkId: string,
  g: YearGroup<BookingLine>,
  tentative: boolean,
  project = false,
): TransactItem {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const adds: string[] = [];
  const conditions: string[] = [];
  g.lines.forEach((b, i) => {
    const n = Number(b.week.slice(6));
    names[`#w${i}`] = weekAttr(n);
    values[`:minus${i}`] = -b.hours;
    values[`:h${i}`] = b.hours;
    adds.push(`#w${i} :minus${i}`);
    conditions.push(`#w${i} >= :h${i}`);
    if (tentative) {
      names[`#t${i}`] = tentativeAttr(n);
      adds.push(`#t${i} :minus${i}`);
      conditions.push(`#t${i} >= :h${i}`);
    }
    // no condition: records booked before `P<n>` existed have none to give back (read clamped)
    if (project) {
      names[`#p${i}`] = projectAttr(n);
      adds.push(`#p${i} :minus${i}`);
    }
  });
  return {
    Update: {
      TableName: tableName,
      Key: matchKeys.bookingYear(networkId, g.year, g.partnerId, g.resourceId),
      UpdateExpression: `ADD ${adds.join(', ')}`,
      ConditionExpression: conditions.join(' AND '),
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
  };
}

/** Which week of a resource-year that refused a booking ran out (read back, consistent). */
async function shortWeek(networkId: string, g: YearGroup<PlannedBooking>): Promise<PlannedBooking> {
  const out = await db.send(
    new GetCommand({
      TableName: tableName,
      Key: matchKeys.bookingYear(networkId, g.year, g.partnerId, g.resourceId),
      ConsistentRead: true,
    }),
  );
  const item = out.Item ?? {};
  const short = g.lines.find((b) => {
    const booked = item[weekAttr(Number(b.week.slice(6)))];
    return typeof booked === 'number' && booked > b.capacity - b.hours;
  });
  return short ?? g.lines[0]!;
}

const capacityMessage = (b: PlannedBooking) =>
  `capacity ran out: resource ${b.resourceId} of partner ${b.partnerId} in week ${b.week} cannot take ${b.hours} more hours`;

/**
 * Books hours of partners' resources in weeks in ONE transaction, each resource-week conditional
 * on its capacity (`capacity` of the line: the hours the week offers), together with `extra`
 * items (the caller's own writes, which land or fail with the bookings). A resource-week that
 * ran out gives 409 naming it; lost races with other transactions are retried. The store API
 * other capabilities book capacity through (the matching accept uses the same item builder).
 * At most 100 items: one per resource and ISO-week year, plus `extra`.
 */
export async function bookHours(
  networkId: string,
  lines: readonly PlannedBooking[],
  extra: TransactItem[] = [],
  opts: { tentative?: boolean } = {},
): Promise<void> {
  const groups = byResourceYear(lines);
  const items = [...groups.map((g) => bookingUpdate(networkId, g, opts.tentative ?? false)), ...extra];
  await transactOrConflict(items, async (i) => {
    const g = groups[i];
    return g ? capacityMessage(await shortWeek(networkId, g)) : undefined;
  });
}

/**
 * Books `lines` (whole hours per ISO week) on one resource of a partner, each week conditional on
 * the hours the resource offers that week (hoursPerWeek or its exception), in ONE transaction
 * with the caller's `extra` items. The entry point for other capabilities that book capacity
 * (e.g. a funded project's hours). 404 when the partner or resource is not in the network (so
 * another network learns nothing), 400 for a line that is not whole hours ≥ 1 or not an ISO
 * week, 409 naming the week when capacity ran out. Returns the booked lines.
 */
export async function bookPartnerHours(
  networkId: string,
  partnerId: string,
  resourceId: string,
  lines: readonly { week: string; hours: number }[],
  extra: TransactItem[] = [],
  opts?: RebookOptions,
): Promise<BookingLine[]> {
  const quarter = opts !== undefined;
  const errors = lines.flatMap((l, i) => [
    ...(/^\d{4}-W(0[1-9]|[1-4]\d|5[0-3])$/.test(l.week)
      ? []
      : [{ path: `lines.${i}.week`, message: 'must be an ISO week like 2030-W10', code: 'invalid_week' }]),
    ...((quarter ? Number.isInteger(l.hours * 4) && l.hours > 0 : Number.isInteger(l.hours) && l.hours >= 1)
      ? []
      : [
          {
            path: `lines.${i}.hours`,
            message: quarter ? 'must be quarter hours > 0' : 'must be whole hours ≥ 1',
            code: 'invalid_hours',
          },
        ]),
  ]);
  const weeks = lines.map((l) => l.week);
  if (new Set(weeks).size !== weeks.length)
    errors.push({ path: 'lines', message: 'must not name a week twice', code: 'duplicate' });
  if (errors.length > 0) throw new ValidationError(`${errors[0]!.path}: ${errors[0]!.message}`, errors);
  const found = await getPartner(networkId, partnerId);
  const resource = found?.resources.find((r) => r.id === resourceId);
  if (!resource) throw new NotFoundError('resource');
  const capacity = capacityOf(resource);
  const planned = lines.map((l) => ({
    partnerId,
    resourceId,
    week: l.week,
    hours: l.hours,
    capacity: capacity(l.week),
  }));
  if (opts) await rebook(networkId, partnerId, resourceId, planned, opts, capacity, extra);
  else await bookHours(networkId, planned, extra);
  return planned.map(({ capacity: _, ...l }) => l);
}

/**
 * Options of bookPartnerHours for bookings that follow work records (funded projects): hours in
 * quarter hours, `release` the lines the same transaction gives back (a corrected record's old
 * hours, netted per week with the new ones so each resource-year stays one item), and `overbook`
 * to book past the week's capacity (work already done is booked as it was, the caller reports it).
 */
export interface RebookOptions {
  release?: readonly { week: string; hours: number }[];
  overbook?: boolean;
}

/** The net change per resource-year: one Update each, ADDing the deltas, conditional per week. */
async function rebook(
  networkId: string,
  partnerId: string,
  resourceId: string,
  planned: readonly PlannedBooking[],
  opts: RebookOptions,
  capacity: (week: string) => number,
  extra: TransactItem[],
) {
  const delta = new Map<string, number>();
  for (const l of planned) delta.set(l.week, (delta.get(l.week) ?? 0) + l.hours);
  for (const l of opts.release ?? []) delta.set(l.week, (delta.get(l.week) ?? 0) - l.hours);
  const years = new Map<number, { week: string; delta: number }[]>();
  for (const [week, d] of delta) {
    if (d === 0) continue;
    const list = years.get(yearOfWeek(week)) ?? [];
    list.push({ week, delta: d });
    years.set(yearOfWeek(week), list);
  }
  const groups = [...years.entries()];
  const items: TransactItem[] = groups.map(([year, weeks]) => {
    const names: Record<string, string> = { '#entity': 'entity', '#v': 'v' };
    const values: Record<string, unknown> = { ':entity': 'booking', ':v': BOOKING_VERSION };
    const conditions: string[] = [];
    weeks.forEach((w, i) => {
      names[`#w${i}`] = weekAttr(Number(w.week.slice(6)));
      names[`#p${i}`] = projectAttr(Number(w.week.slice(6)));
      values[`:d${i}`] = w.delta;
      if (w.delta < 0) {
        values[`:r${i}`] = -w.delta;
        conditions.push(`#w${i} >= :r${i}`);
      } else if (!opts.overbook) {
        const room = capacity(w.week) - w.delta;
        values[`:m${i}`] = room;
        conditions.push(
          room >= 0 ? `(attribute_not_exists(#w${i}) OR #w${i} <= :m${i})` : `#w${i} <= :m${i}`,
        );
      }
    });
    return {
      Update: {
        TableName: tableName,
        Key: matchKeys.bookingYear(networkId, year, partnerId, resourceId),
        // the project part moves with the week (rebook serves funded-project records only)
        UpdateExpression: `ADD ${weeks.map((_, i) => `#w${i} :d${i}, #p${i} :d${i}`).join(', ')} SET #entity = :entity, #v = :v`,
        ...(conditions.length > 0 ? { ConditionExpression: conditions.join(' AND ') } : {}),
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      },
    };
  });
  await transactOrConflict([...items, ...extra], async (i) => {
    const g = groups[i];
    if (!g) return undefined;
    const more = g[1]
      .filter((w) => w.delta > 0)
      .map((w) => ({ partnerId, resourceId, week: w.week, hours: w.delta, capacity: capacity(w.week) }));
    return more.length > 0
      ? capacityMessage(await shortWeek(networkId, { partnerId, resourceId, year: g[0], lines: more }))
      : undefined;
  });
}

/** Transaction items releasing booked hours (the counterpart of bookHours, for the caller's transaction). */
export function releaseItems(
  networkId: string,
  lines: readonly BookingLine[],
  tentative = false,
  /** The lines are funded-project hours: their project part (`P<n>`) goes too. */
  project = false,
): TransactItem[] {
  return byResourceYear(lines).map((g) => releaseUpdate(networkId, g, tentative, project));
}

/**
 * Accepts a job in ONE transaction: books every resource-week (each conditional on capacity; one
 * Update per resource and year),
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
  const groups = byResourceYear(bookings);
  const items: TransactItem[] = [
    // with parts, every partner's hours are held tentatively until it confirms
    ...groups.map((g) => bookingUpdate(networkId, g, Boolean(job.parts))),
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
  await transactOrConflict(items, async (i) => {
    const g = groups[i];
    if (g) return capacityMessage(await shortWeek(networkId, g));
    if (i === groups.length) return 'the inquiry is no longer proposed (accepted or changed meanwhile)';
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
  // each part releases what it holds: a confirmed part booked hours, a requested one tentative
  // hours, a declined or expired one nothing (released when it was answered)
  const parts = job.parts ?? {};
  const held = (states: readonly string[]) =>
    job.bookings.filter((b) => states.includes(parts[b.partnerId]?.state ?? 'confirmed'));
  const releases = [
    ...releaseItems(networkId, held(['confirmed'])),
    ...releaseItems(networkId, held(['requested']), true),
  ];
  // … as read: a part answered meanwhile makes this 409 instead of releasing the wrong hours
  const partNames: Record<string, string> = {};
  const partValues: Record<string, unknown> = {};
  const partConditions = Object.entries(parts).map(([partnerId, part], i) => {
    partNames[`#p${i}`] = partnerId;
    partValues[`:s${i}`] = part.state;
    return ` AND #parts.#p${i}.#state = :s${i}`;
  });
  if (partConditions.length > 0) {
    partNames['#parts'] = 'parts';
    partNames['#state'] = 'state';
  }
  const items: TransactItem[] = [
    ...releases,
    ...job.ledger.map((e) => ({
      Delete: { TableName: tableName, Key: matchKeys.ledger(networkId, job.acceptedAt, job.id, e.receiver) },
    })),
    {
      Update: {
        TableName: tableName,
        Key: matchKeys.job(networkId, job.inquiryId, job.id),
        UpdateExpression: 'SET #status = :cancelled, #at = :at, #by = :by',
        // … and on the bookings as read: a replacement added meanwhile holds hours this would not release
        ConditionExpression: `#status = :accepted AND size(#bookings) = :nb${partConditions.join('')}`,
        ExpressionAttributeNames: {
          '#status': 'status',
          '#bookings': 'bookings',
          '#at': 'cancelledAt',
          '#by': 'cancelledBy',
          ...partNames,
        },
        ExpressionAttributeValues: {
          ':cancelled': 'cancelled',
          ':accepted': 'accepted',
          ':at': cancelled.cancelledAt,
          ':by': by,
          ':nb': job.bookings.length,
          ...partValues,
        },
      },
    },
    statusTransitionItem(networkId, job.inquiryId, [change.from], change.to),
    timelineEntryItem(networkId, job.inquiryId, timeline),
    ...extra(cancelled),
  ];
  const fixed = releases.length + job.ledger.length;
  await transactOrConflict(items, (i) => {
    if (i === fixed)
      return `job ${job.id} is no longer as read (cancelled, or a partner answered its part meanwhile); reload and retry`;
    if (i < releases.length)
      return `job ${job.id} changed meanwhile (a partner answered its part); reload and retry`;
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
async function transactOrConflict(
  items: TransactItem[],
  explain: (index: number) => string | undefined | Promise<string | undefined>,
) {
  for (let attempt = 1; ; attempt++) {
    try {
      await db.send(new TransactWriteCommand({ TransactItems: items }));
      return;
    } catch (err) {
      const failed = failedTransactionItems(err);
      if (failed.length > 0) {
        const messages = (await Promise.all(failed.map(explain))).filter((m): m is string => Boolean(m));
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

// ---- confirmations: a partner's part of a job --------------------------------------------------

/** Transaction items turning a partner's tentative hours into booked ones (W stays, T drops). */
function confirmItems(networkId: string, lines: readonly BookingLine[]): TransactItem[] {
  return byResourceYear(lines).map((g) => {
    const names: Record<string, string> = {};
    const values: Record<string, unknown> = {};
    const adds: string[] = [];
    const conditions: string[] = [];
    g.lines.forEach((b, i) => {
      names[`#t${i}`] = tentativeAttr(Number(b.week.slice(6)));
      values[`:minus${i}`] = -b.hours;
      values[`:h${i}`] = b.hours;
      adds.push(`#t${i} :minus${i}`);
      conditions.push(`#t${i} >= :h${i}`);
    });
    return {
      Update: {
        TableName: tableName,
        Key: matchKeys.bookingYear(networkId, g.year, g.partnerId, g.resourceId),
        UpdateExpression: `ADD ${adds.join(', ')}`,
        ConditionExpression: conditions.join(' AND '),
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      },
    };
  });
}

export type PartOutcome = 'confirmed' | 'declined' | 'expired';

/**
 * Answers one partner's part of an accepted job in ONE transaction, conditional on the job being
 * accepted and the part still `requested` (and, for a partner's answer, its deadline not passed;
 * for `expired`, passed): `confirmed` turns its tentative hours into booked ones; `declined` and
 * `expired` release exactly its hours and zero its ledger entry; with a timeline entry and the
 * `extra` items (the coordinator's notice). Returns when it was answered; undefined when the condition failed (answered,
 * expired, or the job cancelled meanwhile): the caller reads the job back to say which.
 */
export async function answerPart(
  networkId: string,
  job: Job,
  partnerId: string,
  outcome: PartOutcome,
  via: 'console' | 'link' | 'deadline',
  by: string,
  extra: TransactItem[] = [],
): Promise<string | undefined> {
  const lines = job.bookings.filter((b) => b.partnerId === partnerId);
  const at = nowIso();
  const hours = lines.reduce((s, b) => s + b.hours, 0);
  const jobUpdate: TransactItem = {
    Update: {
      TableName: tableName,
      Key: matchKeys.job(networkId, job.inquiryId, job.id),
      UpdateExpression: 'SET #parts.#p.#state = :to, #parts.#p.#at = :at, #parts.#p.#via = :via',
      ConditionExpression: `#status = :accepted AND #parts.#p.#state = :requested AND #parts.#p.#deadline ${outcome === 'expired' ? '<=' : '>'} :at`,
      ExpressionAttributeNames: {
        '#parts': 'parts',
        '#p': partnerId,
        '#state': 'state',
        '#at': 'answeredAt',
        '#via': 'via',
        '#status': 'status',
        '#deadline': 'deadline',
      },
      ExpressionAttributeValues: {
        ':to': outcome,
        ':at': at,
        ':via': via,
        ':accepted': 'accepted',
        ':requested': 'requested',
      },
    },
  };
  const ledger = job.ledger.some((e) => e.receiver === partnerId) && outcome !== 'confirmed';
  const items: TransactItem[] = [
    jobUpdate,
    ...(outcome === 'confirmed' ? confirmItems(networkId, lines) : releaseItems(networkId, lines, true)),
    // the partner received no hours: its ledger entry stays, with none (an Update: the public function deletes nothing)
    ...(ledger
      ? [
          {
            Update: {
              TableName: tableName,
              Key: matchKeys.ledger(networkId, job.acceptedAt, job.id, partnerId),
              UpdateExpression: 'SET #hours = :zero',
              ConditionExpression: 'attribute_exists(pk)',
              ExpressionAttributeNames: { '#hours': 'hours' },
              ExpressionAttributeValues: { ':zero': 0 },
            },
          },
        ]
      : []),
    timelineEntryItem(networkId, job.inquiryId, {
      kind: `part-${outcome}`,
      text: `${partnerId} ${outcome}${outcome === 'confirmed' ? '' : `: ${hours} tentative hours released`}`,
      by,
      data: { jobId: job.id, partnerId },
    }),
    ...extra,
  ];
  try {
    await transactOrConflict(items, (i) => (i === 0 ? 'part changed' : undefined));
    return at;
  } catch (err) {
    if (err instanceof ConflictError) return undefined;
    throw err;
  }
}

/** A job by its id (consistent: an answer reads back what the last one left). */
export async function getJob(networkId: string, inquiryId: string, jobId: string): Promise<Job | undefined> {
  const out = await db.send(
    new GetCommand({
      TableName: tableName,
      Key: matchKeys.job(networkId, inquiryId, jobId),
      ConsistentRead: true,
    }),
  );
  return out.Item ? Job.parse(out.Item) : undefined;
}

// ---- replacements: a new part for a declined or expired one ------------------------------------

/** Stores a replacement match with a timeline entry, in one transaction. */
export async function saveReplacementRun(networkId: string, run: ReplacementRun, timelineText: string) {
  await db.send(
    new TransactWriteCommand({
      TransactItems: [
        {
          Put: {
            TableName: tableName,
            Item: {
              ...matchKeys.replacement(networkId, run.inquiryId, run.id),
              entity: 'match-replacement',
              v: VERSION,
              ...run,
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        timelineEntryItem(networkId, run.inquiryId, {
          kind: 'replacement-proposals',
          text: timelineText,
          by: run.by,
          data: { runId: run.id, jobId: run.jobId, replaces: run.replaces, proposals: run.proposals.length },
        }),
      ],
    }),
  );
}

export async function getReplacementRun(
  networkId: string,
  inquiryId: string,
  runId: string,
): Promise<ReplacementRun | undefined> {
  const out = await db.send(
    new GetCommand({ TableName: tableName, Key: matchKeys.replacement(networkId, inquiryId, runId) }),
  );
  return out.Item ? ReplacementRun.parse(out.Item) : undefined;
}

/**
 * Adds the replacement's partners to an accepted job in ONE transaction, like accepting: books
 * their hours tentatively (each resource-week conditional on capacity), adds their parts
 * (`requested`, `replaces`), assignments, bookings and ledger lines to the job, marks the old part
 * `replacedBy` the proposal, writes their ledger entries, a timeline entry and the `extra` items
 * (their job mails). The job's condition: still accepted, the old part still declined or expired
 * and not replaced yet, no new partner holding a part already; so of two replacements accepted
 * at once exactly one lands, the other is 409. A resource-week that ran out is 409 naming it.
 */
export async function addReplacementParts(
  networkId: string,
  job: Job,
  replaced: string,
  proposalId: string,
  add: {
    parts: Record<string, JobPart>;
    assignments: Job['assignments'];
    bookings: PlannedBooking[];
    ledger: LedgerEntry[];
  },
  by: string,
  timelineText: string,
  extra: TransactItem[] = [],
): Promise<void> {
  const groups = byResourceYear(add.bookings);
  const names: Record<string, string> = {
    '#parts': 'parts',
    '#old': replaced,
    '#state': 'state',
    '#replacedBy': 'replacedBy',
    '#status': 'status',
    '#assignments': 'assignments',
    '#bookings': 'bookings',
    '#ledger': 'ledger',
  };
  const values: Record<string, unknown> = {
    ':proposal': proposalId,
    ':accepted': 'accepted',
    ':declined': 'declined',
    ':expired': 'expired',
    ':as': add.assignments,
    ':bk': add.bookings.map(({ capacity: _, ...b }) => b),
    ':lg': add.ledger.map((e) => ({ receiver: e.receiver, hours: e.hours })),
  };
  const sets = [
    '#parts.#old.#replacedBy = :proposal',
    '#assignments = list_append(#assignments, :as)',
    '#bookings = list_append(#bookings, :bk)',
    '#ledger = list_append(#ledger, :lg)',
  ];
  const conditions = [
    '#status = :accepted',
    '#parts.#old.#state IN (:declined, :expired)',
    'attribute_not_exists(#parts.#old.#replacedBy)',
  ];
  Object.entries(add.parts).forEach(([partnerId, p], i) => {
    names[`#n${i}`] = partnerId;
    values[`:n${i}`] = p;
    sets.push(`#parts.#n${i} = :n${i}`);
    conditions.push(`attribute_not_exists(#parts.#n${i})`);
  });
  const items: TransactItem[] = [
    ...groups.map((g) => bookingUpdate(networkId, g, true)),
    {
      Update: {
        TableName: tableName,
        Key: matchKeys.job(networkId, job.inquiryId, job.id),
        UpdateExpression: `SET ${sets.join(', ')}`,
        ConditionExpression: conditions.join(' AND '),
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      },
    },
    ...add.ledger.map((e) => ({
      Put: {
        TableName: tableName,
        Item: {
          ...matchKeys.ledger(networkId, e.at, e.jobId, e.receiver),
          entity: 'ledger-entry',
          v: VERSION,
          ...e,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    })),
    timelineEntryItem(networkId, job.inquiryId, {
      kind: 'replacement-accepted',
      text: timelineText,
      by,
      data: { jobId: job.id, proposalId, replaces: replaced, partnerIds: Object.keys(add.parts) },
    }),
    ...extra,
  ];
  await transactOrConflict(items, async (i) => {
    const g = groups[i];
    if (g) return capacityMessage(await shortWeek(networkId, g));
    if (i === groups.length)
      return `the part of ${replaced} in job ${job.id} is no longer open for a replacement (another replacement was accepted, or the job changed meanwhile); reload`;
    if (i > groups.length && i <= groups.length + add.ledger.length)
      return `job ${job.id} changed meanwhile; reload`;
    return undefined;
  });
}
