import { getInquiry } from '#functions/inquiries/store';
import { getNetwork, getPartner, listCompetences, networkIdBySlug } from '#functions/networks/store';
import { ForbiddenError, NotFoundError } from '#shared/http/errors';
import { competenceLabel, type Lang } from '#shared/i18n';
import { linkKey } from '#shared/links/key';
import { verifyOfferToken } from './offer-link';
import type { OfferPageInput } from './offer-page';
import { answerOwnPart } from './parts';
import { getJob } from './store';

// apart from service.ts's page-free use cases, so the public link page is one small module
/**
 * What a job mail's signed link names: the network (by its public slug), the job, the partner's
 * part. A wrong slug, a forged or altered token, an expired one, another network's token, an
 * unknown job or part: 404, and nothing says which.
 */
async function partOfLink(slug: string, token: string, now: Date) {
  const networkId = await networkIdBySlug(slug);
  const key = networkId ? await linkKey(networkId) : undefined;
  const target = networkId && key ? verifyOfferToken(key, networkId, token, now) : undefined;
  if (!networkId || !target) throw new NotFoundError('offer link');
  const [network, job, found] = await Promise.all([
    getNetwork(networkId),
    getJob(networkId, target.inquiryId, target.jobId),
    getPartner(networkId, target.partnerId),
  ]);
  const part = job?.parts?.[target.partnerId];
  if (!network || !job || !part || !found) throw new NotFoundError('offer link');
  return { networkId, network, job, part, partner: found.partner };
}

/** The link page's content: the part, its state, and whether the partner may still answer. */
export async function offerPageOf(
  slug: string,
  token: string,
  lang: Lang,
  saved?: 'confirm' | 'decline',
): Promise<OfferPageInput> {
  const now = new Date();
  const { networkId, network, job, part, partner } = await partOfLink(slug, token, now);
  const [inquiry, competences] = await Promise.all([
    getInquiry(networkId, job.inquiryId),
    listCompetences(networkId),
  ]);
  const labels = new Map(competences.map((c) => [c.id, competenceLabel(c, lang)]));
  return {
    network: network.name,
    timezone: network.timezone ?? 'Europe/Vienna',
    firm: partner.name,
    reference: job.reference,
    subject: inquiry?.subject ?? '',
    work: job.assignments
      .filter((a) => a.partnerId === partner.id)
      .map((a) => ({ label: labels.get(a.competenceId) ?? a.competenceId, hours: a.hours })),
    timeframe: job.timeframe,
    place: [inquiry?.postcode, inquiry?.region].filter(Boolean).join(' ') || undefined,
    part,
    jobCancelled: job.status !== 'accepted',
    active: partner.active,
    token,
    lang,
    saved,
    now: now.toISOString(),
  };
}

/**
 * Answers the part a link names, through the console's own path (answerOwnPart: one transaction,
 * the same 409s); a deactivated partner is refused (403) as in the console.
 */
export async function answerByLink(slug: string, token: string, answer: 'confirm' | 'decline') {
  const { networkId, job, partner } = await partOfLink(slug, token, new Date());
  if (!partner.active) {
    throw new ForbiddenError(
      `partner ${partner.id} is not active in this network: it can still read, but no longer change anything`,
    );
  }
  return answerOwnPart(networkId, partner.id, job.inquiryId, answer, 'link', `link:${partner.id}`, job.id);
}
