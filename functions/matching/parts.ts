/**
 * A partner's part of an accepted job: its answer (console or signed link), the deadline's
 * release and the coordinator's notice. Apart from service.ts so the public link page and the
 * deadline target load no matching of their own (nor the new-inquiry path referrals need).
 */
import { getInquiry } from '#functions/inquiries/store';
import { getNetwork, getPartner, listCompetences } from '#functions/networks/store';
import type { TransactItem } from '#shared/db/transact';
import { ENV } from '#shared/env-names';
import { ConflictError, NotFoundError } from '#shared/http/errors';
import { loadMailConfig } from '#shared/mail/config';
import { queuedMailItem } from '#shared/mail/outbox';
import { nowIso } from '#shared/time';
import { partNoticeMail } from './matching-mail';
import type { Job } from './schema';
import { answerPart, getJob, latestJob } from './store';

/** The inquiry's page in the console, where the coordinator requests a replacement part. */
const inquiryPageUrl = (inquiryId: string) => {
  const base = process.env[ENV.consoleUrl];
  return base ? `${base.replace(/\/$/, '')}/verbund/anfragen/${inquiryId}` : undefined;
};

/** Hours a partner has to confirm or decline its part of an accepted job. */
export const CONFIRM_HOURS = 48;
export const confirmDeadline = (acceptedAt: string) =>
  new Date(Date.parse(acceptedAt) + CONFIRM_HOURS * 3_600_000).toISOString();

/** What a partner (or the coordinator) sees of one part: its state, deadline and hours. */
function partView(job: Job, partnerId: string) {
  const part = job.parts?.[partnerId];
  if (!part) throw new NotFoundError('job');
  return {
    inquiryId: job.inquiryId,
    jobId: job.id,
    reference: job.reference,
    partnerId,
    ...part,
    hours: job.bookings.filter((b) => b.partnerId === partnerId).reduce((s, b) => s + b.hours, 0),
  };
}

/**
 * A partner confirms or declines its part of the inquiry's accepted job: confirming turns its
 * tentative hours into booked ones, declining releases exactly them and tells the coordinator,
 * each in one transaction conditional on the part still being requested before its deadline.
 * Repeating the same answer answers the same; another answer, an answer after the deadline or
 * after the job was cancelled is 409; a partner not on the job gets 404.
 */
export async function answerOwnPart(
  networkId: string,
  partnerId: string,
  inquiryId: string,
  answer: 'confirm' | 'decline',
  via: 'console' | 'link',
  by: string,
  /** The job a signed link names; the console answers the inquiry's latest job. */
  jobId?: string,
) {
  const outcome: 'confirmed' | 'declined' = answer === 'confirm' ? 'confirmed' : 'declined';
  const job = jobId ? await getJob(networkId, inquiryId, jobId) : await latestJob(networkId, inquiryId);
  if (!job?.parts?.[partnerId]) throw new NotFoundError('job');
  const settled = (current: Job) => {
    const part = current.parts![partnerId]!;
    if (part.state === outcome) return partView(current, partnerId);
    const ref = `your part of job ${current.id} (${current.reference})`;
    if (part.state !== 'requested')
      throw new ConflictError(`${ref} is already ${part.state}`, [
        { path: 'answer', message: `already ${part.state}`, code: part.state },
      ]);
    if (current.status !== 'accepted')
      throw new ConflictError(`${ref} is no longer open: the job was cancelled`, [
        { path: 'answer', message: 'job cancelled', code: 'cancelled' },
      ]);
    if (part.deadline <= nowIso())
      throw new ConflictError(`${ref} could be answered until ${part.deadline}; its hours are released`, [
        { path: 'answer', message: `deadline ${part.deadline} passed`, code: 'deadline_passed' },
      ]);
    return undefined;
  };
  const known = settled(job);
  if (known) return known;
  const extra = outcome === 'declined' ? await coordinatorNotice(networkId, job, partnerId, outcome) : [];
  const answeredAt = await answerPart(networkId, job, partnerId, outcome, via, by, extra);
  if (answeredAt) {
    const part = { ...job.parts[partnerId]!, state: outcome, answeredAt, via };
    return partView({ ...job, parts: { ...job.parts, [partnerId]: part } }, partnerId);
  }
  // lost to another answer (or the deadline, or a cancel): say what it left
  const now = await getJob(networkId, inquiryId, job.id);
  const after = now && settled(now);
  if (after) return after;
  throw new ConflictError(`your part of job ${job.id} changed meanwhile; reload`);
}

/** The coordinator's notice that a partner declined or let its part expire (queued with the change). */
async function coordinatorNotice(
  networkId: string,
  job: Job,
  partnerId: string,
  outcome: 'declined' | 'expired',
): Promise<TransactItem[]> {
  const [network, inquiry, competences, found] = await Promise.all([
    getNetwork(networkId),
    getInquiry(networkId, job.inquiryId),
    listCompetences(networkId),
    getPartner(networkId, partnerId),
  ]);
  if (!network || !inquiry) return [];
  const mail = partNoticeMail({
    network,
    mailDomain: loadMailConfig().domain,
    inquiry,
    job,
    partnerId,
    partnerName: found?.partner.name ?? partnerId,
    outcome,
    competenceLabels: new Map(competences.map((c) => [c.id, c])),
    replacementUrl: inquiryPageUrl(job.inquiryId),
  });
  return [queuedMailItem(networkId, mail, { id: `job-${job.id}-${outcome}-${partnerId}` })];
}

/**
 * Releases every part of the job still requested after its deadline (the schedule target at the
 * deadline, and any later call): each in its own transaction conditional on the deadline having
 * passed, with the coordinator's notice. Idempotent: an answered or released part is left alone.
 */
export async function expireParts(networkId: string, inquiryId: string, jobId: string) {
  const job = await getJob(networkId, inquiryId, jobId);
  if (!job?.parts || job.status !== 'accepted') return [];
  const now = nowIso();
  const due = Object.entries(job.parts)
    .filter(([, p]) => p.state === 'requested' && p.deadline <= now)
    .map(([id]) => id);
  const expired: string[] = [];
  for (const partnerId of due) {
    const extra = await coordinatorNotice(networkId, job, partnerId, 'expired');
    if (await answerPart(networkId, job, partnerId, 'expired', 'deadline', 'deadline', extra))
      expired.push(partnerId);
  }
  return expired;
}
