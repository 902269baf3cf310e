/**
 * Reads what a funding report is built from: the network, the project with everything below it,
 * the partners, and the network's activity in the period through the other capabilities' stores
 * (matching's referral ledger, purchasing's closed pools, the exchange's questions and
 * meetings). Queries, GetItems and the exchange's BatchGet of the posts; no Scan.
 */
import { listMeetingsWithAttendance, postsSince } from '#functions/exchange/store';
import { listLedger } from '#functions/matching/store';
import { getNetwork, listPartnersWithResources } from '#functions/networks/store';
import { listClosedPoolsSince } from '#functions/purchasing/store';
import { NotFoundError } from '#shared/http/errors';
import { dayNumber, startOfLocalDay } from '#shared/weeks';
import { factsOf, type ProjectData } from './project';
import { buildReport, type FundingReport, reportPeriod } from './report';
import { getProject, loadChildren } from './store';

const nextDay = (date: string) => new Date((dayNumber(date) + 1) * 86_400_000).toISOString().slice(0, 10);

/** The report of `period` (`p1`…, `final`), or undefined when the project has no such period. */
export async function loadReport(
  networkId: string,
  projectId: string,
  period: string,
  now: Date = new Date(),
): Promise<FundingReport | undefined> {
  const [network, project, children, { partners }] = await Promise.all([
    getNetwork(networkId),
    getProject(networkId, projectId),
    loadChildren(networkId, projectId),
    listPartnersWithResources(networkId),
  ]);
  if (!network) throw new NotFoundError('network');
  if (!project) throw new NotFoundError('project');
  const data: ProjectData = { project, ...children };
  const span = reportPeriod(data, period);
  if (!span) return undefined;
  const from = startOfLocalDay(span.from, network.timezone);
  const until = startOfLocalDay(nextDay(span.to), network.timezone);
  const [ledger, pools, posts, meetings] = await Promise.all([
    listLedger(networkId, from, until),
    listClosedPoolsSince(networkId, from),
    postsSince(networkId, from),
    listMeetingsWithAttendance(networkId),
  ]);
  return buildReport({
    network: { id: network.id, name: network.name },
    data,
    facts: factsOf(partners),
    period,
    activity: {
      ledger: ledger.filter((e) => e.at < until),
      pools: pools
        .filter((p) => p.status === 'closed' && (p.closedAt ?? p.deadline) < until)
        .map((p) => ({
          article: p.article.name,
          closedAt: p.closedAt ?? p.deadline,
          participants: p.participants,
          savingsVsListCents: p.allocation?.savingsVsListCents ?? 0,
        })),
      exchange: {
        questions: posts
          .filter((q) => q.kind === 'question' && !q.hidden && !q.deleted && q.createdAt < until)
          .sort((x, y) => (x.createdAt < y.createdAt ? -1 : 1))
          .map((q) => ({
            at: q.createdAt,
            title: q.title,
            askedBy: q.authorPartnerId,
            answers: q.answerCount,
            solved: q.solutionAnswerId !== undefined,
          })),
        meetings: meetings
          .filter(({ meeting }) => meeting.startsAt >= from && meeting.startsAt < until)
          .sort((x, y) => (x.meeting.startsAt < y.meeting.startsAt ? -1 : 1))
          .map(({ meeting, attending }) => ({
            startsAt: meeting.startsAt,
            title: meeting.title,
            attending: attending.sort(),
          })),
      },
    },
    now: now.toISOString(),
  });
}
