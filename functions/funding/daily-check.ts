/**
 * The project's daily check (schedule.ts): on its first run in a month it reminds every project
 * partner that recorded no hours in the month before; after a period (or the project) ended it
 * mails that period's report to the coordinator. Each mail has a deterministic id (month and
 * partner, or period), so a repeated or retried run queues nothing twice.
 */
import { getNetwork, listPartnersWithResources } from '#functions/networks/store';
import { mailDomain } from '#shared/mail/config';
import { queueMail } from '#shared/mail/outbox';
import { wallDate } from '#shared/time';
import { reminderMail, reportMail } from './funding-mail';
import { partnersWithoutHours, previousMonth } from './periods';
import { loadReport } from './report-data';
import { getProject, listPeriodStates, listRecordDays, markReportMailed } from './store';

export interface DailyOutcome {
  reminders: string[];
  reports: string[];
  skipped?: string;
}

export async function runDailyCheck(networkId: string, projectId: string, at: Date): Promise<DailyOutcome> {
  const [network, project] = await Promise.all([getNetwork(networkId), getProject(networkId, projectId)]);
  if (!network || !project) return { reminders: [], reports: [], skipped: 'the project is gone' };
  const today = wallDate(at, network.timezone);
  const from = { name: network.name, address: `${network.inboundLocalPart}@${mailDomain()}` };
  const replyTo = { name: network.contact.name, address: network.contact.email };
  const out: DailyOutcome = { reminders: [], reports: [] };

  const month = previousMonth(today);
  const monthRuns = month >= project.start.slice(0, 7) && month <= project.end.slice(0, 7);
  if (monthRuns) {
    const [records, { partners }] = await Promise.all([
      listRecordDays(networkId, projectId),
      listPartnersWithResources(networkId),
    ]);
    const byId = new Map(partners.map((p) => [p.id, p]));
    const missing = partnersWithoutHours(
      project.partners.map((p) => p.partnerId),
      records,
      month,
    );
    for (const partnerId of missing) {
      const partner = byId.get(partnerId);
      if (!partner?.active) continue;
      const mail = reminderMail(
        project,
        month,
        { name: partner.name, email: partner.contact.email },
        from,
        replyTo,
      );
      const { queued } = await queueMail(networkId, mail, {
        id: `fund-rem-${projectId}-${month}-${partnerId}`,
      });
      if (queued) out.reminders.push(partnerId);
    }
  }

  const states = new Map((await listPeriodStates(networkId, projectId)).map((p) => [p.periodId, p]));
  const last = project.periods[project.periods.length - 1];
  const due: { report: string; on: string; which: 'period' | 'final' }[] = project.periods
    .filter((p) => p.to < today && !states.get(p.id)?.reportMailedAt)
    .map((p) => ({ report: p.id, on: p.id, which: 'period' }));
  if (last && project.end < today && !states.get(last.id)?.finalReportMailedAt) {
    due.push({ report: 'final', on: last.id, which: 'final' });
  }
  for (const d of due) {
    const report = await loadReport(networkId, projectId, d.report, at);
    if (!report) continue;
    const mail = reportMail(
      report,
      { name: network.contact.name, address: network.contact.email },
      from,
      replyTo,
    );
    // queued first, then noted: a crash between the two re-queues under the same id (a no-op)
    const { queued } = await queueMail(networkId, mail, { id: `fund-rep-${projectId}-${d.report}` });
    await markReportMailed(networkId, projectId, d.on, d.which, at.toISOString());
    if (queued) out.reports.push(d.report);
  }
  return out;
}
