/**
 * The use cases of the matching capability: each loads what it needs (store.ts and the other
 * capabilities' stores), calls the pure rules, writes, and queues mail (shared/mail/outbox.ts) in
 * the same transaction as the change it tells of. Handlers parse, authorise
 * and call exactly one of these.
 */

import { createInquiry } from '#functions/inquiries/create-store';
import type { Inquiry, InquiryStatus } from '#functions/inquiries/index';
import {
  canTransition,
  customerNoticeItem,
  jobEffect,
  noticeForStatus,
  planAcknowledgement,
} from '#functions/inquiries/index';
import { changeStatus, getInquiry } from '#functions/inquiries/store';
import {
  getNetwork,
  getPartner,
  listCompetences,
  listPartnersWithResources,
} from '#functions/networks/store';
import { notify } from '#functions/notifications/index';
import type { TransactItem } from '#shared/db/transact';
import { ENV } from '#shared/env-names';
import type { CallerOf } from '#shared/http/auth';
import { ConflictError, NotFoundError, ValidationError } from '#shared/http/errors';
import { langOr, networkLang } from '#shared/i18n';
import { newId } from '#shared/ids';
import { linkKey, newLinkKey } from '#shared/links/key';
import { loadMailConfig } from '#shared/mail/config';
import { queuedMailItem } from '#shared/mail/outbox';
import { recordUsage } from '#shared/metering/store';
import { atExpression } from '#shared/scheduler/expression';
import { type ScheduleSpec, scheduler } from '#shared/scheduler/index';
import { nowIso } from '#shared/time';
import { weeksBetween } from '#shared/weeks';
import { BookingIndex, calendarView } from './capacity';
import { capacityConflictNotice, isCapacityConflict } from './conflict-notice';
import {
  applyEdits,
  matchInputFor,
  offersOf,
  planBookings,
  proposalsForPartner,
  unknownCompetenceErrors,
} from './job';
import { entriesForJob, ledgerForPartner, NETWORK, summarise } from './ledger';
import { match } from './matcher';
import { cancelMails, jobMails } from './matching-mail';
import { offerLinkUrl, signOfferToken } from './offer-link';
import { confirmDeadline } from './parts';
import type {
  AcceptBody,
  CalendarQuery,
  Job,
  MatchRun,
  ReferralBody,
  ReplacementRun,
  RequestProposalsBody,
  RequestReplacementBody,
} from './schema';
import {
  acceptJob,
  addReplacementParts,
  type CancelChange,
  cancelJob,
  getJob,
  getReplacementRun,
  getRun,
  latestJob,
  latestRun,
  listLedger,
  listOffers,
  listPartnerBookings,
  loadBookingIndex,
  loadMatchData,
  saveReplacementRun,
  saveRun,
  startMatching,
} from './store';

type Coordinator = CallerOf<'coordinator'>;
type Member = CallerOf<'coordinator' | 'partner'>;

const DEFAULT_PROPOSALS = 3;
const MATCHABLE = ['qualified', 'matching', 'proposed'];

async function inquiryOr404(networkId: string, inquiryId: string) {
  const inquiry = await getInquiry(networkId, inquiryId);
  if (!inquiry) throw new NotFoundError('inquiry');
  return inquiry;
}

/** Runs the matcher for an inquiry and stores the proposals (inquiry → matching → proposed). */
export async function requestProposals(caller: Coordinator, inquiryId: string, body: RequestProposalsBody) {
  const { networkId } = caller;
  const inquiry = await inquiryOr404(networkId, inquiryId);
  if (!MATCHABLE.includes(inquiry.status)) {
    throw new ConflictError(
      `inquiry ${inquiry.reference} is ${inquiry.status}: proposals can be requested for ${MATCHABLE.join(', ')} inquiries`,
    );
  }
  const { requirements, timeframe, weeks } = matchInputFor(inquiry, body);
  if (body.competences) {
    const taxonomy = new Set((await listCompetences(networkId)).map((c) => c.id));
    const errors = unknownCompetenceErrors(requirements, taxonomy);
    if (errors.length > 0) throw new ValidationError(`${errors[0]!.path}: ${errors[0]!.message}`, errors);
  }
  if (inquiry.status !== 'matching') {
    const moved = await startMatching(
      networkId,
      inquiry.id,
      [inquiry.status as 'qualified' | 'proposed'],
      caller.sub,
    );
    if (!moved && (await getInquiry(networkId, inquiryId))?.status !== 'matching') {
      throw new ConflictError(`inquiry ${inquiry.reference} changed meanwhile; reload and retry`);
    }
  }
  const data = await loadMatchData(networkId, weeks);
  const customer = { postcode: inquiry.postcode, region: inquiry.region };
  const result = match({ requirements, weeks, ...data, customer, count: body.count ?? DEFAULT_PROPOSALS });
  const runId = newId();
  const run: MatchRun = {
    id: runId,
    inquiryId,
    reference: inquiry.reference,
    createdAt: nowIso(),
    by: caller.sub,
    timeframe,
    weeks,
    requirements,
    customer,
    proposals: result.proposals.map((p) => ({ ...p, id: `${runId}-${p.rank}` })),
    reasons: result.reasons,
  };
  const best = run.proposals[0];
  const text = best
    ? `${run.proposals.length} team proposal(s); best: ${best.partnerIds.join(', ')}${best.complete ? '' : ` (missing ${best.missing.map((m) => m.competenceId).join(', ')})`}`
    : `no team: ${run.reasons.join('; ')}`;
  await saveRun(networkId, run, offersOf(run, inquiry.subject), text);
  await recordUsage(networkId, 'matchRuns');
  return run;
}

/** The latest proposals: all for the coordinator, for a partner only those it is part of. */
export async function proposalsOf(caller: Member, inquiryId: string) {
  const run = await latestRun(caller.networkId, inquiryId);
  if (caller.role === 'coordinator') {
    if (!run) {
      await inquiryOr404(caller.networkId, inquiryId);
      throw new NotFoundError('proposals');
    }
    return run;
  }
  const mine = run ? proposalsForPartner(run, caller.partnerId) : [];
  // not offered and not there look the same: a partner learns nothing about other inquiries
  if (!run || mine.length === 0) throw new NotFoundError('proposals');
  return {
    id: run.id,
    inquiryId,
    reference: run.reference,
    createdAt: run.createdAt,
    timeframe: run.timeframe,
    proposals: mine,
  };
}

/** The offers a partner received across inquiries, newest first. */
export const offersFor = (caller: CallerOf<'partner'>) => listOffers(caller.networkId, caller.partnerId);

/**
 * Accepts a proposal, optionally edited: books the hours in one transaction that re-checks
 * capacity, records lead partner, job and referral ledger, then mails each partner its job.
 */
export async function acceptProposal(
  caller: Coordinator,
  inquiryId: string,
  proposalId: string,
  edits: AcceptBody,
) {
  const { networkId } = caller;
  const runId = proposalId.slice(0, proposalId.lastIndexOf('-'));
  const [inquiry, run, replacement] = await Promise.all([
    inquiryOr404(networkId, inquiryId),
    getRun(networkId, inquiryId, runId),
    getReplacementRun(networkId, inquiryId, runId),
  ]);
  // a replacement's proposal is accepted by the same route: it joins the accepted job
  if (!run && replacement) return acceptReplacement(caller, inquiry, replacement, proposalId, edits);
  const proposal = run?.proposals.find((p) => p.id === proposalId);
  if (!run || !proposal) throw new NotFoundError('proposal');
  if (inquiry.status !== 'proposed') {
    throw new ConflictError(
      `inquiry ${inquiry.reference} is ${inquiry.status}: only a proposed inquiry can be accepted`,
    );
  }
  const [{ partners, resources }, bookings, network, competences] = await Promise.all([
    listPartnersWithResources(networkId),
    loadBookingIndex(networkId, run.weeks[0]!, run.weeks[run.weeks.length - 1]!),
    getNetwork(networkId),
    listCompetences(networkId),
  ]);
  const team = applyEdits(run, proposal, edits, partners);
  const acceptedAt = nowIso();
  const jobId = newId();
  const giver = inquiry.referredByPartnerId ?? NETWORK;
  const ledger = entriesForJob({ at: acceptedAt, jobId, inquiryId, giver, assignments: team.assignments });
  const names = new Map(partners.map((p) => [p.id, p.name]));
  // the transaction also carries the ledger entries and one queued job mail per team partner
  const teamSize = new Set(team.assignments.map((a) => a.partnerId)).size;
  // … and the customer's "your team is set"
  const found = run;
  try {
    return await book();
  } catch (err) {
    // the coordinator (and whoever opted in) hears of it, also when someone else's accept won
    if (isCapacityConflict(err)) {
      await notify(networkId, capacityConflictNotice(inquiry, proposalId, err.message));
    }
    throw err;
  }

  async function book() {
    const plan = planBookings(team, found.weeks, resources, bookings, ledger.length + teamSize + 1);
    const job: Job = {
      id: jobId,
      inquiryId,
      reference: inquiry.reference,
      proposalId,
      status: 'accepted',
      leadPartnerId: team.leadPartnerId,
      giver,
      timeframe: found.timeframe,
      assignments: team.assignments,
      bookings: plan.map(({ capacity: _, ...b }) => b),
      ledger: ledger.map((e) => ({ receiver: e.receiver, hours: e.hours })),
      acceptedAt,
      acceptedBy: caller.sub,
      parts: Object.fromEntries(
        [...new Set(team.assignments.map((a) => a.partnerId))].map((partnerId) => [
          partnerId,
          { state: 'requested' as const, deadline: confirmDeadline(acceptedAt) },
        ]),
      ),
    };
    const teamText = [...new Set(team.assignments.map((a) => names.get(a.partnerId) ?? a.partnerId))].join(
      ', ',
    );
    const partnerMap = new Map(partners.map((p) => [p.id, p]));
    const mails = jobMails({
      network: network!,
      mailDomain: loadMailConfig().domain,
      inquiry,
      job,
      partners: partnerMap,
      competenceLabels: new Map(competences.map((c) => [c.id, c])),
      resourceNames: new Map(resources.map((r) => [`${r.partnerId}#${r.id}`, r.name])),
      answerLinks: await answerLinksFor(networkId, network!, job, partnerMap),
    });
    // the deadline's schedule first, under a name made from the job id: if it cannot be made,
    // nothing is held (the accept fails as a whole); if the transaction then fails, the schedule
    // finds no job at the deadline and does nothing. Either way no hours stay tentative forever.
    const timezone = network!.timezone ?? 'Europe/Vienna';
    const schedule = deadlineSchedule(networkId, job, timezone);
    await scheduler().upsert(schedule);
    try {
      await acceptJob(
        networkId,
        job,
        plan,
        ledger,
        `accepted: team ${teamText}; lead ${names.get(job.leadPartnerId)}`,
        [
          ...mails.map(({ partnerId, mail }) =>
            queuedMailItem(networkId, mail, { id: `job-${job.id}-${partnerId}` }),
          ),
          customerNoticeItem(
            networkId,
            network!,
            inquiry,
            {
              kind: 'team-set',
              lead: names.get(job.leadPartnerId) ?? job.leadPartnerId,
              timeframe: job.timeframe,
            },
            job.id,
          ),
        ],
      );
    } catch (err) {
      // tidy only: a schedule left behind finds no job and releases nothing
      await scheduler()
        .remove(schedule.name)
        .catch(() => undefined);
      throw err;
    }
    return { ...job, mailed: mails.map((m) => m.partnerId) };
  }
}

/** The job's one-time schedule at its confirmation deadline (target `expire-offers`). */
export function deadlineSchedule(networkId: string, job: Job, timezone: string): ScheduleSpec {
  const deadline = Object.values(job.parts ?? {})
    .map((p) => p.deadline)
    .sort()
    .at(-1)!;
  return {
    name: `offers-${job.id}`,
    expression: atExpression(deadline, timezone),
    timezone,
    target: 'expire-offers',
    payload: { networkId, inquiryId: job.inquiryId, jobId: job.id },
  };
}

/**
 * Each requested part's signed "Zusage / Absage" link (offer-link.ts), where the console's origin
 * is known (CONSOLE_URL), in the partner's language; the network's link key is made on first use.
 */
async function answerLinksFor(
  networkId: string,
  network: { slug: string; language?: string },
  job: Job,
  partners: ReadonlyMap<string, { language?: string }>,
): Promise<Map<string, string>> {
  const base = process.env[ENV.consoleUrl];
  const open = Object.entries(job.parts ?? {}).filter(([, p]) => p.state === 'requested');
  if (!base || open.length === 0) return new Map();
  const key = await linkKey(networkId, newLinkKey);
  return new Map(
    open.map(([partnerId, part]) => {
      const token = signOfferToken(
        key,
        networkId,
        { inquiryId: job.inquiryId, jobId: job.id, partnerId },
        part.deadline,
      );
      const lang = langOr(partners.get(partnerId)?.language, networkLang(network));
      return [partnerId, offerLinkUrl(base, network.slug, token, lang)];
    }),
  );
}

/** Cancels the inquiry's accepted job: bookings released, ledger entries removed, partners told. */
export async function cancelAcceptedJob(caller: Coordinator, inquiryId: string) {
  const { networkId } = caller;
  const [inquiry, job] = await Promise.all([
    inquiryOr404(networkId, inquiryId),
    latestJob(networkId, inquiryId),
  ]);
  if (job?.status !== 'accepted') throw new NotFoundError('accepted job');
  if (inquiry.status !== 'accepted') {
    throw new ConflictError(
      `inquiry ${inquiry.reference} is ${inquiry.status}: only a job that has not started is cancelled here; decline the inquiry (POST /inquiries/${inquiryId}/status) to end job ${job.id} and release its hours`,
    );
  }
  return cancelWithMails(caller, inquiry, job);
}

/**
 * Moves an inquiry along its lifecycle, minding its job (lifecycle.ts `jobEffect`): a change that
 * leaves an accepted job behind (accepted → matching or declined, in_progress → declined)
 * cancels it in the same transaction, releasing its bookings and ledger entries and queueing
 * the team's cancellation mails; `accepted` is only reached by accepting a proposal (409).
 * Everything is conditional on the status read here, so a concurrent accept or cancel makes
 * this 409 rather than leave hours booked.
 */
export async function changeInquiryStatus(
  caller: Coordinator,
  inquiryId: string,
  to: InquiryStatus,
  reason?: string,
): Promise<Inquiry> {
  const { networkId } = caller;
  const inquiry = await inquiryOr404(networkId, inquiryId);
  const effect = canTransition(inquiry.status, to) ? jobEffect(inquiry.status, to) : 'none';
  if (effect === 'refuse') {
    throw new ConflictError(
      `status: inquiry ${inquiry.reference} is accepted by accepting one of its proposals (POST /inquiries/${inquiryId}/proposals/{proposalId}/accept), which books the team's hours`,
      [{ path: 'status', message: `cannot go from ${inquiry.status} to ${to} without a job` }],
    );
  }
  const job = effect === 'cancel' ? await latestJob(networkId, inquiryId) : undefined;
  // without an accepted job (none, or already cancelled) no hours are held: a plain change
  const notice = noticeForStatus(to, reason);
  const network = notice ? await getNetwork(networkId) : undefined;
  const noticeItems = (current: Inquiry) =>
    notice && network ? [customerNoticeItem(networkId, network, current, notice)] : [];
  if (job?.status !== 'accepted') {
    return changeStatus(networkId, inquiryId, to, caller.sub, reason, inquiry, noticeItems);
  }
  await cancelWithMails(
    caller,
    inquiry,
    job,
    {
      from: inquiry.status,
      to,
      viaStatus: true,
      ...(reason ? { reason } : {}),
    },
    noticeItems(inquiry),
  );
  return (await getInquiry(networkId, inquiryId)) ?? { ...inquiry, status: to };
}

async function cancelWithMails(
  caller: Coordinator,
  inquiry: Inquiry,
  job: Job,
  change?: CancelChange,
  extra: TransactItem[] = [],
) {
  const { networkId } = caller;
  const [network, { partners }] = await Promise.all([
    getNetwork(networkId),
    listPartnersWithResources(networkId),
  ]);
  let mailed: string[] = [];
  const cancelled = await cancelJob(
    networkId,
    job,
    caller.sub,
    (cancelled) => {
      const mails = cancelMails({
        network: network!,
        mailDomain: loadMailConfig().domain,
        inquiry,
        job: cancelled,
        partners: new Map(partners.map((p) => [p.id, p])),
        ...(change?.reason ? { reason: change.reason } : {}),
      });
      mailed = mails.map((m) => m.partnerId);
      return [
        ...mails.map(({ partnerId, mail }) =>
          queuedMailItem(networkId, mail, { id: `job-${job.id}-cancelled-${partnerId}` }),
        ),
        ...extra,
      ];
    },
    change,
  );
  return { ...cancelled, mailed };
}

/** The accepted (or last cancelled) job of an inquiry; a partner sees it only if it is on the team. */
export async function jobOf(caller: Member, inquiryId: string) {
  const job = await latestJob(caller.networkId, inquiryId);
  if (!job) throw new NotFoundError('job');
  if (caller.role === 'partner') {
    if (!job.assignments.some((a) => a.partnerId === caller.partnerId)) throw new NotFoundError('job');
    return { ...job, bookings: job.bookings.filter((b) => b.partnerId === caller.partnerId) };
  }
  return job;
}

const today = () => nowIso().slice(0, 10);
const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** Capacity, booked and free hours per week: a partner its own, the coordinator all or one. */
export async function calendar(caller: Member, query: CalendarQuery) {
  const { networkId } = caller;
  const from = query.from ?? today();
  const to = query.to ?? addDays(from, 12 * 7 - 1);
  if (to < from)
    throw new ValidationError('query.to: must not be before from', [
      { path: 'query.to', message: `must not be before ${from}`, code: 'before_from' },
    ]);
  const weeks = weeksBetween(from, to);
  if (caller.role === 'partner' && query.partnerId && query.partnerId !== caller.partnerId) {
    throw new NotFoundError('partner');
  }
  const partnerId = caller.role === 'partner' ? caller.partnerId : query.partnerId;
  const first = weeks[0]!;
  const last = weeks[weeks.length - 1]!;
  if (partnerId) {
    const [found, bookings] = await Promise.all([
      getPartner(networkId, partnerId),
      listPartnerBookings(networkId, partnerId, first, last),
    ]);
    if (!found) throw new NotFoundError('partner');
    return {
      from,
      to,
      weeks,
      partners: calendarView([found.partner], found.resources, weeks, new BookingIndex(bookings)),
    };
  }
  const [{ partners, resources }, bookings] = await Promise.all([
    listPartnersWithResources(networkId),
    loadBookingIndex(networkId, first, last),
  ]);
  return { from, to, weeks, partners: calendarView(partners, resources, weeks, bookings) };
}

/** Given and received hours per pair and per partner over a period (default: the last year). */
export async function referralLedger(caller: Member, query: { from?: string; to?: string }) {
  const to = query.to ?? today();
  const from = query.from ?? addDays(to, -365);
  if (to < from)
    throw new ValidationError('query.to: must not be before from', [
      { path: 'query.to', message: `must not be before ${from}`, code: 'before_from' },
    ]);
  const entries = await listLedger(caller.networkId, `${from}T00:00:00.000Z`, `${to}T23:59:59.999Z`);
  if (caller.role === 'partner') {
    return { from, to, ...ledgerForPartner(summarise(entries, [caller.partnerId]), caller.partnerId) };
  }
  const { partners } = await listPartnersWithResources(caller.networkId);
  return {
    from,
    to,
    ...summarise(
      entries,
      partners.map((p) => p.id),
    ),
  };
}

/** A partner brings its own customer into the network: a new inquiry with source `referral`. */
export async function referCustomer(caller: CallerOf<'partner'>, body: ReferralBody) {
  const { networkId, partnerId } = caller;
  const [found, taxonomy] = await Promise.all([getPartner(networkId, partnerId), listCompetences(networkId)]);
  // the caller passed assertPartnerMayWrite (functions/networks/access.ts): it exists and is active
  if (!found) throw new NotFoundError('partner');
  if (body.competences) {
    const errors = unknownCompetenceErrors(body.competences, new Set(taxonomy.map((c) => c.id)));
    if (errors.length > 0) throw new ValidationError(`${errors[0]!.path}: ${errors[0]!.message}`, errors);
  }
  const { competences, acknowledge, ...rest } = body;
  const input = {
    ...rest,
    source: 'referral' as const,
    referredByPartnerId: partnerId,
    ...(competences ? { competences: competences.map((c) => ({ ...c, suggested: false })) } : {}),
  };
  const network = acknowledge ? await getNetwork(networkId) : undefined;
  const ack = network && (await planAcknowledgement(networkId, network, input));
  return createInquiry(networkId, ack?.input ?? input, {
    first: { kind: 'created', text: `referred by partner ${found.partner.name}`, by: caller.sub },
    extra: (_id, created, taxonomy) => ack?.items(created, taxonomy) ?? [],
  });
}

// ---- replacements: one declined or expired part ------------------------------------------------

const REPLACEABLE = ['declined', 'expired'];

/** The accepted job and its part still open for a replacement, else 404 / 409 saying why. */
function replaceablePart(job: Job | undefined, partnerId: string) {
  if (job?.status !== 'accepted') throw new NotFoundError('accepted job');
  const part = job.parts?.[partnerId];
  if (!part) throw new NotFoundError('part');
  if (!REPLACEABLE.includes(part.state)) {
    throw new ConflictError(
      `the part of ${partnerId} in job ${job.id} is ${part.state}: a replacement is proposed for a declined or expired part`,
      [{ path: 'partnerId', message: `part is ${part.state}`, code: part.state }],
    );
  }
  if (part.replacedBy) {
    throw new ConflictError(
      `the part of ${partnerId} in job ${job.id} is already replaced (proposal ${part.replacedBy})`,
      [{ path: 'partnerId', message: 'already replaced', code: 'replaced' }],
    );
  }
  return { job, part };
}

/**
 * Runs the matcher for just the competences of one declined or expired part, in the job's
 * timeframe, without the partners already holding a part of the job (the one who declined
 * included): the proposals rank by the matcher's own terms (idle capacity, fairness, proximity).
 */
export async function requestReplacement(
  caller: Coordinator,
  inquiryId: string,
  partnerId: string,
  body: RequestReplacementBody,
): Promise<ReplacementRun> {
  const { networkId } = caller;
  const [inquiry, latest] = await Promise.all([
    inquiryOr404(networkId, inquiryId),
    latestJob(networkId, inquiryId),
  ]);
  const { job } = replaceablePart(latest, partnerId);
  const minLevel = new Map(inquiry.competences.map((c) => [c.competenceId, c.minLevel]));
  const requirements = job.assignments
    .filter((a) => a.partnerId === partnerId)
    .map((a) => {
      const level = minLevel.get(a.competenceId);
      return {
        competenceId: a.competenceId,
        hours: a.hours,
        ...(level ? { minLevel: level } : {}),
        ...(a.roomHours ? { roomHours: a.roomHours } : {}),
        ...(a.machineHours ? { machineHours: a.machineHours } : {}),
      };
    });
  const weeks = weeksBetween(job.timeframe.from, job.timeframe.to);
  const excluded = Object.keys(job.parts ?? {}).sort();
  const data = await loadMatchData(networkId, weeks);
  const customer = { postcode: inquiry.postcode, region: inquiry.region };
  const result = match({
    requirements,
    weeks,
    ...data,
    partners: data.partners.filter((p) => !excluded.includes(p.id)),
    customer,
    count: body.count ?? DEFAULT_PROPOSALS,
  });
  const runId = newId();
  const run: ReplacementRun = {
    id: runId,
    inquiryId,
    reference: inquiry.reference,
    createdAt: nowIso(),
    by: caller.sub,
    timeframe: job.timeframe,
    weeks,
    requirements,
    customer,
    proposals: result.proposals.map((p) => ({ ...p, id: `${runId}-${p.rank}` })),
    reasons: result.reasons,
    jobId: job.id,
    replaces: partnerId,
    excluded,
  };
  const best = run.proposals[0];
  const text = best
    ? `${run.proposals.length} replacement proposal(s) for ${partnerId}; best: ${best.partnerIds.join(', ')}`
    : `no replacement for ${partnerId}: ${run.reasons.join('; ')}`;
  await saveReplacementRun(networkId, run, text);
  await recordUsage(networkId, 'matchRuns');
  return run;
}

/**
 * Accepts a replacement proposal: its partners join the job with new tentative parts (their own
 * 48 h deadline, `replaces` the old part), booked in one transaction that re-checks capacity as
 * accepting does; they get their job mails with the signed link. Of two replacements for the
 * same part accepted at once, one lands and the other is 409.
 */
async function acceptReplacement(
  caller: Coordinator,
  inquiry: Inquiry,
  run: ReplacementRun,
  proposalId: string,
  edits: AcceptBody,
) {
  const { networkId } = caller;
  const inquiryId = inquiry.id;
  const partnerId = run.replaces;
  const runId = run.id;
  const proposal = run.proposals.find((p) => p.id === proposalId);
  if (!proposal) throw new NotFoundError('proposal');
  const { job } = replaceablePart(await getJob(networkId, inquiryId, run.jobId), partnerId);
  if (edits.leadPartnerId) {
    throw new ValidationError('leadPartnerId: a replacement joins the job; its lead stays', [
      { path: 'leadPartnerId', message: `the job's lead stays ${job.leadPartnerId}`, code: 'not_in_team' },
    ]);
  }
  if (!proposal.complete && !edits.assignments) {
    throw new ConflictError(
      `proposal ${proposalId} misses ${proposal.missing.map((m) => m.competenceId).join(', ')}: only a complete replacement can be accepted`,
      [{ path: 'proposalId', message: 'incomplete proposal', code: 'incomplete' }],
    );
  }
  const [{ partners, resources }, bookings, network, competences] = await Promise.all([
    listPartnersWithResources(networkId),
    loadBookingIndex(networkId, run.weeks[0]!, run.weeks[run.weeks.length - 1]!),
    getNetwork(networkId),
    listCompetences(networkId),
  ]);
  const team = applyEdits(run, proposal, edits, partners);
  const newIds = [...new Set(team.assignments.map((a) => a.partnerId))];
  const holding = newIds.filter((id) => job.parts?.[id]);
  if (holding.length > 0) {
    throw new ValidationError(`assignments: ${holding.join(', ')} already holds a part of job ${job.id}`, [
      { path: 'assignments', message: `${holding.join(', ')} already holds a part`, code: 'on_the_job' },
    ]);
  }
  const now = nowIso();
  const ledger = entriesForJob({
    at: job.acceptedAt,
    jobId: job.id,
    inquiryId,
    giver: job.giver,
    assignments: team.assignments,
  });
  const plan = planBookings(team, run.weeks, resources, bookings, ledger.length + newIds.length + 1);
  const parts = Object.fromEntries(
    newIds.map((id) => [
      id,
      { state: 'requested' as const, deadline: confirmDeadline(now), replaces: partnerId },
    ]),
  );
  const updated: Job = {
    ...job,
    assignments: [...job.assignments, ...team.assignments],
    bookings: [...job.bookings, ...plan.map(({ capacity: _, ...b }) => b)],
    ledger: [...job.ledger, ...ledger.map((e) => ({ receiver: e.receiver, hours: e.hours }))],
    parts: { ...job.parts, [partnerId]: { ...job.parts![partnerId]!, replacedBy: proposalId }, ...parts },
  };
  const partnerMap = new Map(partners.map((p) => [p.id, p]));
  const links = await answerLinksFor(networkId, network!, { ...updated, parts }, partnerMap);
  const mails = jobMails({
    network: network!,
    mailDomain: loadMailConfig().domain,
    inquiry,
    job: updated,
    partners: partnerMap,
    competenceLabels: new Map(competences.map((c) => [c.id, c])),
    resourceNames: new Map(resources.map((r) => [`${r.partnerId}#${r.id}`, r.name])),
    answerLinks: links,
  }).filter((m) => newIds.includes(m.partnerId));
  // the new parts' deadline schedule first (see acceptProposal): its target releases whatever is open then
  const timezone = network!.timezone ?? 'Europe/Vienna';
  const schedule = {
    ...deadlineSchedule(networkId, { ...updated, parts }, timezone),
    name: `offers-${job.id}-${runId}`,
  };
  await scheduler().upsert(schedule);
  const names = new Map(partners.map((p) => [p.id, p.name]));
  try {
    await addReplacementParts(
      networkId,
      job,
      partnerId,
      proposalId,
      { parts, assignments: team.assignments, bookings: plan, ledger },
      caller.sub,
      `replacement accepted for ${names.get(partnerId) ?? partnerId}: ${newIds.map((id) => names.get(id) ?? id).join(', ')}`,
      mails.map(({ partnerId: to, mail }) => queuedMailItem(networkId, mail, { id: `job-${job.id}-${to}` })),
    );
  } catch (err) {
    await scheduler()
      .remove(schedule.name)
      .catch(() => undefined);
    throw err;
  }
  return { ...updated, mailed: mails.map((m) => m.partnerId) };
}
