import { getInquiry } from '#functions/inquiries/store';
import { listCompetences, listPartnersWithResources } from '#functions/networks/store';
import type { CallerOf } from '#shared/http/auth';
import { latestJob, listOffers } from './store';

/**
 * A partner's accepted jobs ("Meine Aufträge", "Meine Woche"): from the proposals offered to it
 * (its offer items), the inquiries whose newest job is accepted with it on the team; with the
 * customer, the dates, its own hours per week, the team's names and its own part (tentative,
 * confirmed, declined, expired). At most 50 offers, each one
 * Query for the job and one GetItem for the inquiry, all at once.
 */
export async function jobsOfPartner(caller: CallerOf<'partner'>) {
  const { networkId, partnerId } = caller;
  const offers = await listOffers(networkId, partnerId);
  const inquiryIds = [...new Set(offers.map((o) => o.inquiryId))];
  const [jobs, { partners }, competences] = await Promise.all([
    Promise.all(inquiryIds.map((id) => latestJob(networkId, id))),
    listPartnersWithResources(networkId),
    listCompetences(networkId),
  ]);
  const mine = jobs.filter(
    (j): j is NonNullable<typeof j> =>
      j?.status === 'accepted' && j.assignments.some((a) => a.partnerId === partnerId),
  );
  const inquiries = await Promise.all(mine.map((j) => getInquiry(networkId, j.inquiryId)));
  const names = new Map(partners.map((p) => [p.id, p.name]));
  const labels = new Map(competences.map((c) => [c.id, { de: c.label_de, en: c.label_en }]));
  return mine
    .map((job, i) => {
      const inquiry = inquiries[i];
      const own = job.bookings.filter((b) => b.partnerId === partnerId);
      return {
        jobId: job.id,
        inquiryId: job.inquiryId,
        reference: job.reference,
        subject: inquiry?.subject ?? '',
        customer: { name: inquiry?.customer.name ?? '', postcode: inquiry?.postcode },
        timeframe: job.timeframe,
        lead: job.leadPartnerId === partnerId,
        hours: own.reduce((s, b) => s + b.hours, 0),
        weeks: own.map((b) => ({ week: b.week, hours: b.hours })),
        tasks: job.assignments
          .filter((a) => a.partnerId === partnerId)
          .map((a) => ({
            competenceId: a.competenceId,
            label: labels.get(a.competenceId) ?? { de: a.competenceId, en: a.competenceId },
            hours: a.hours,
          })),
        team: [...new Set(job.assignments.map((a) => a.partnerId))].map((id) => ({
          partnerId: id,
          name: names.get(id) ?? id,
          lead: id === job.leadPartnerId,
        })),
        // jobs accepted before confirmations have no parts: all their hours are booked
        ...(job.parts?.[partnerId] ? { part: job.parts[partnerId] } : {}),
      };
    })
    .sort((a, b) => a.timeframe.from.localeCompare(b.timeframe.from));
}
