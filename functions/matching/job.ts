/**
 * Pure rules around a match and the job it becomes: which competences and timeframe a match
 * uses, how a coordinator's edits change a proposal, how the hours become bookings, and what a
 * partner may see. No I/O; the handlers load, call these, and write through store.ts.
 */
import { ConflictError, type FieldError, ValidationError } from '#shared/http/errors';
import { weeksBetween } from '#shared/weeks';
import { allocate, type BookingIndex, capacityOf, freeHours } from './capacity';
import type { MatchPartner, MatchResource, Proposal } from './match-types';
import { BOOKED_KINDS, MAX_REQUIREMENTS } from './match-types';
import type {
  AcceptBody,
  BookingLine,
  MatchRun,
  Offer,
  RequestProposalsBody,
  Requirement,
  Timeframe,
} from './schema';
import { MAX_WEEKS } from './schema';

/** DynamoDB's limit of items in one TransactWriteItems. */
export const MAX_TRANSACTION_ITEMS = 100;
/** Items an accept or cancel writes besides bookings and ledger entries: inquiry, timeline, job. */
export const FIXED_JOB_ITEMS = 3;

/** The fields of an inquiry matching reads (structurally the inquiries capability's Inquiry). */
export interface InquiryForMatching {
  id: string;
  reference: string;
  status: string;
  subject: string;
  text: string;
  customer: { name: string; email: string; phone?: string };
  postcode?: string;
  region?: string;
  timeframe?: { from: string; to: string };
  competences: {
    competenceId: string;
    hours?: number;
    minLevel?: number;
    roomHours?: number;
    machineHours?: number;
    suggested: boolean;
  }[];
  referredByPartnerId?: string;
  leadPartnerId?: string;
}

/**
 * The requirements and timeframe of a match: from the request when given, else from the inquiry.
 * Inquiry hours are rounded up to whole hours. Throws 400 naming what is missing.
 */
export function matchInputFor(
  inquiry: InquiryForMatching,
  body: RequestProposalsBody,
): { requirements: Requirement[]; timeframe: Timeframe; weeks: string[] } {
  const errors: FieldError[] = [];
  let requirements: Requirement[] = body.competences ?? [];
  if (!body.competences) {
    const list = inquiry.competences;
    if (list.length === 0) {
      errors.push({
        path: 'competences',
        message: `inquiry ${inquiry.reference} names no competences: set them on the inquiry or send competences`,
        code: 'no_competences',
      });
    } else if (list.length > MAX_REQUIREMENTS) {
      errors.push({
        path: 'competences',
        message: `inquiry ${inquiry.reference} names ${list.length} competences, a match takes at most ${MAX_REQUIREMENTS}: send the ones to match`,
        code: 'too_many_competences',
      });
    }
    const ids = list.map((c) => c.competenceId);
    const repeated = ids.filter((c, i) => ids.indexOf(c) !== i);
    if (repeated.length > 0) {
      errors.push({
        path: 'competences',
        message: `inquiry ${inquiry.reference} names ${repeated.join(', ')} twice`,
        code: 'duplicate',
      });
    }
    const noHours = list.filter((c) => !c.hours || c.hours <= 0).map((c) => c.competenceId);
    if (noHours.length > 0) {
      errors.push({
        path: 'competences',
        message: `inquiry ${inquiry.reference} has no estimated hours for ${noHours.join(', ')}: set them on the inquiry or send competences with hours`,
        code: 'no_hours',
      });
    }
    requirements = list.map((c) => ({
      competenceId: c.competenceId,
      hours: Math.ceil(c.hours ?? 0),
      ...(c.minLevel ? { minLevel: c.minLevel } : {}),
      ...(c.roomHours ? { roomHours: Math.ceil(c.roomHours) } : {}),
      ...(c.machineHours ? { machineHours: Math.ceil(c.machineHours) } : {}),
    }));
  }
  const timeframe = body.timeframe ?? inquiry.timeframe;
  if (!timeframe) {
    errors.push({
      path: 'timeframe',
      message: `inquiry ${inquiry.reference} has no timeframe: set it on the inquiry or send timeframe {from, to}`,
      code: 'no_timeframe',
    });
  } else if (weeksBetween(timeframe.from, timeframe.to).length > MAX_WEEKS) {
    errors.push({
      path: 'timeframe',
      message: `the inquiry's timeframe spans more than ${MAX_WEEKS} weeks`,
      code: 'span_too_long',
    });
  }
  if (errors.length > 0 || !timeframe) {
    throw new ValidationError(`${errors[0]!.path}: ${errors[0]!.message}`, errors);
  }
  return { requirements, timeframe, weeks: weeksBetween(timeframe.from, timeframe.to) };
}

/** Competence ids the network's taxonomy does not know, as field errors. */
export function unknownCompetenceErrors(
  requirements: readonly { competenceId: string }[],
  taxonomy: ReadonlySet<string>,
  path = 'competences',
): FieldError[] {
  return requirements.flatMap((r, i) =>
    taxonomy.has(r.competenceId)
      ? []
      : [
          {
            path: `${path}.${i}.competenceId`,
            message: `${r.competenceId} is not in the network's taxonomy`,
            code: 'unknown_competence',
          },
        ],
  );
}

export interface FinalTeam {
  assignments: {
    competenceId: string;
    partnerId: string;
    hours: number;
    roomHours?: number;
    machineHours?: number;
  }[];
  leadPartnerId: string;
}

/**
 * Applies the coordinator's edits to a proposal: a competence may get another partner (who must
 * be active and have it) or other hours; a competence the proposal misses must be given a
 * partner. Every required competence ends with a partner. Throws 400 naming the field.
 */
export function applyEdits(
  run: { requirements: readonly Requirement[] },
  proposal: Pick<Proposal, 'assignments' | 'leadPartnerId'>,
  edits: AcceptBody,
  partners: readonly MatchPartner[],
): FinalTeam {
  const errors: FieldError[] = [];
  const byId = new Map(partners.map((p) => [p.id, p]));
  const current = new Map(proposal.assignments.map((a) => [a.competenceId, { ...a }]));
  const required = new Set(run.requirements.map((r) => r.competenceId));
  (edits.assignments ?? []).forEach((e, i) => {
    if (!required.has(e.competenceId)) {
      errors.push({
        path: `assignments.${i}.competenceId`,
        message: `${e.competenceId} is not required by this match (required: ${[...required].join(', ')})`,
        code: 'not_required',
      });
      return;
    }
    const partnerId = e.partnerId ?? current.get(e.competenceId)?.partnerId;
    if (!partnerId) {
      errors.push({
        path: `assignments.${i}.partnerId`,
        message: `the proposal has no partner for ${e.competenceId}: name one`,
        code: 'required',
      });
      return;
    }
    const partner = byId.get(partnerId);
    if (e.partnerId && !partner?.active) {
      errors.push({
        path: `assignments.${i}.partnerId`,
        message: `no active partner ${partnerId} in this network`,
        code: 'unknown_partner',
      });
      return;
    }
    if (e.partnerId && !partner!.competences.some((c) => c.competenceId === e.competenceId)) {
      errors.push({
        path: `assignments.${i}.partnerId`,
        message: `${partnerId} does not have ${e.competenceId}`,
        code: 'lacks_competence',
      });
      return;
    }
    const requirement = run.requirements.find((r) => r.competenceId === e.competenceId)!;
    current.set(e.competenceId, {
      ...(current.get(e.competenceId) ?? { level: 0, belowMinLevel: false }),
      competenceId: e.competenceId,
      partnerId,
      hours: e.hours ?? current.get(e.competenceId)?.hours ?? requirement.hours,
    });
  });
  // room and machine hours come with the competence's work, whoever takes it
  const assignments = run.requirements.flatMap((r) => {
    const a = current.get(r.competenceId);
    return a
      ? [
          {
            competenceId: r.competenceId,
            partnerId: a.partnerId,
            hours: a.hours,
            ...(r.roomHours ? { roomHours: r.roomHours } : {}),
            ...(r.machineHours ? { machineHours: r.machineHours } : {}),
          },
        ]
      : [];
  });
  const uncovered = run.requirements.filter((r) => !current.has(r.competenceId)).map((r) => r.competenceId);
  if (uncovered.length > 0 && errors.length === 0) {
    errors.push({
      path: 'assignments',
      message: `no partner for ${uncovered.join(', ')}: add {competenceId, partnerId} for each`,
      code: 'uncovered',
    });
  }
  const gone = [...new Set(assignments.map((a) => a.partnerId))].filter((id) => !byId.get(id)?.active);
  if (gone.length > 0 && errors.length === 0) {
    errors.push({
      path: 'assignments',
      message: `${gone.join(', ')} no longer active in this network: give their competences to other partners`,
      code: 'partner_inactive',
    });
  }
  const team = new Set(assignments.map((a) => a.partnerId));
  let leadPartnerId = edits.leadPartnerId ?? proposal.leadPartnerId;
  if (edits.leadPartnerId && !team.has(edits.leadPartnerId)) {
    errors.push({
      path: 'leadPartnerId',
      message: `${edits.leadPartnerId} is not in the team (${[...team].join(', ')})`,
      code: 'not_in_team',
    });
  }
  if (!team.has(leadPartnerId)) leadPartnerId = mostHours(assignments);
  if (errors.length > 0) throw new ValidationError(`${errors[0]!.path}: ${errors[0]!.message}`, errors);
  return { assignments, leadPartnerId };
}

function mostHours(assignments: FinalTeam['assignments']): string {
  const hours = new Map<string, number>();
  for (const a of assignments) hours.set(a.partnerId, (hours.get(a.partnerId) ?? 0) + a.hours);
  return [...hours.entries()].sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1))[0]![0];
}

/** A booking line with the capacity its condition is checked against. */
export interface PlannedBooking extends BookingLine {
  capacity: number;
}

/**
 * Turns the team's hours into bookings on each partner's `people` resources in the timeframe (and
 * the room and machine hours the work needs on its rooms and machines),
 * spread evenly over the weeks; if that needs more items than one transaction can hold (one per
 * resource and ISO-week year), packed into the fewest resource-weeks. Throws 409 naming the partner whose free hours fall short and
 * 409 when even the packed plan is too large for one transaction.
 */
export function planBookings(
  team: FinalTeam,
  weeks: readonly string[],
  resources: readonly (MatchResource & { name?: string })[],
  bookings: BookingIndex,
  /** Items the accept's transaction carries besides the fixed ones: ledger entries, queued mails. */
  ledgerItems: number,
): PlannedBooking[] {
  // hours per partner and resource kind: people's hours, and the rooms and machines the work needs
  const hours = new Map<string, { partnerId: string; kind: string; hours: number }>();
  for (const a of team.assignments) {
    for (const { kind, field } of BOOKED_KINDS) {
      const h = a[field] ?? 0;
      if (h <= 0) continue;
      const key = `${a.partnerId}#${kind}`;
      const entry = hours.get(key) ?? { partnerId: a.partnerId, kind, hours: 0 };
      entry.hours += h;
      hours.set(key, entry);
    }
  }
  const cellsOf = new Map<string, { resourceId: string; week: string; free: number; capacity: number }[]>();
  for (const [key, { partnerId, kind }] of hours) {
    const cells = resources
      .filter((r) => r.partnerId === partnerId && r.kind === kind)
      .flatMap((r) => {
        const cap = capacityOf(r);
        return weeks.map((week) => {
          const capacity = cap(week);
          return {
            resourceId: r.id,
            week,
            capacity,
            free: freeHours(capacity, bookings.booked(partnerId, r.id, week)),
          };
        });
      });
    cellsOf.set(key, cells);
  }
  const plan = (mode: 'even' | 'compact') =>
    [...hours.entries()].flatMap(([key, { partnerId, kind, hours: h }]) => {
      const cells = cellsOf.get(key)!;
      const lines = allocate(h, cells, mode);
      if (!lines) {
        const free = cells.reduce((s, c) => s + Math.floor(c.free), 0);
        const tight = cells
          .filter((c) => c.free < c.capacity)
          .slice(0, 5)
          .map(
            (c) =>
              `resource ${c.resourceId} in week ${c.week}: ${Math.floor(c.free)} of ${c.capacity} h free`,
          );
        const what = kind === 'people' ? '' : ` ${kind}`;
        const message = `capacity ran out: partner ${partnerId} has ${free} of the ${h}${what} hours free in ${weeks[0]}…${weeks[weeks.length - 1]}${tight.length ? ` (${tight.join('; ')})` : ''}`;
        throw new ConflictError(message, [{ path: 'assignments', message }]);
      }
      return lines.map((l) => ({
        partnerId,
        ...l,
        capacity: cells.find((c) => c.resourceId === l.resourceId && c.week === l.week)!.capacity,
      }));
    });
  const room = MAX_TRANSACTION_ITEMS - FIXED_JOB_ITEMS - ledgerItems;
  let lines = plan('even');
  if (itemCount(lines) > room) lines = plan('compact');
  lines.sort(
    (a, b) => cmp(a.partnerId, b.partnerId) || cmp(a.week, b.week) || cmp(a.resourceId, b.resourceId),
  );
  if (itemCount(lines) > room) {
    throw new ConflictError(
      `the job needs ${itemCount(lines)} resource-years, one accept can book at most ${room} (a DynamoDB transaction holds ${MAX_TRANSACTION_ITEMS} items): shorten the timeframe or split the job`,
    );
  }
  return lines;
}

/** Items the bookings take in the accept's transaction: one per resource and ISO-week year. */
const itemCount = (lines: readonly { partnerId: string; resourceId: string; week: string }[]) =>
  new Set(lines.map((l) => `${l.partnerId}#${l.resourceId}#${l.week.slice(0, 4)}`)).size;

/** The proposals of a run a partner is part of, without other partners' capacity facts. */
export function proposalsForPartner(run: MatchRun, partnerId: string) {
  return run.proposals
    .filter((p) => p.partnerIds.includes(partnerId))
    .map((p) => ({
      id: p.id,
      rank: p.rank,
      complete: p.complete,
      leadPartnerId: p.leadPartnerId,
      partnerIds: p.partnerIds,
      assignments: p.assignments.map(({ competenceId, partnerId: pid, hours }) => ({
        competenceId,
        partnerId: pid,
        hours,
      })),
    }));
}

/** One offer per partner named in any proposal of the run. */
export function offersOf(run: MatchRun, subject: string): Offer[] {
  const partnerIds = [...new Set(run.proposals.flatMap((p) => p.partnerIds))].sort();
  return partnerIds.map((partnerId) => ({
    partnerId,
    runId: run.id,
    inquiryId: run.inquiryId,
    reference: run.reference,
    subject,
    createdAt: run.createdAt,
    timeframe: run.timeframe,
    proposals: proposalsForPartner(run, partnerId),
  }));
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
