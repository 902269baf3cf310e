import { csvDialectOf } from '#shared/csv';
import { NotFoundError } from '#shared/http/errors';
import { http, reply } from '#shared/http/handler';
import { loadReport } from './report-data';
import { reportCsv, reportFilename, reportHtml } from './report-render';
import { FundingReportView, ProjectPath, ReportQuery } from './schema';
import { projectFor } from './service';

export const handler = http(
  {
    summary: "A funded project's interim report (one period) or final report, as JSON, printable HTML or CSV",
    description:
      'Costs and hours per partner and work package, plan vs actual, the funding claimed, the checks, and the network’s activity in the period (jobs and referrals, purchase pools).',
    auth: ['coordinator'],
    params: ProjectPath,
    query: ReportQuery,
    response: FundingReportView,
    produces: ['text/html', 'text/csv'],
  },
  async ({ caller, params, query, event }) => {
    await projectFor(caller, params.projectId);
    const report = await loadReport(caller.networkId, params.projectId, query.period);
    if (!report) throw new NotFoundError('period');
    if (query.format === 'html') return reply.text(reportHtml(report), 'text/html; charset=utf-8');
    if (query.format === 'csv') {
      return reply.text(
        reportCsv(report, csvDialectOf(query.dialect, acceptLanguage(event.headers))),
        'text/csv; charset=utf-8',
        reportFilename(report, 'csv'),
      );
    }
    return reply.ok(report);
  },
);

const acceptLanguage = (headers: Record<string, string | undefined> | undefined) =>
  Object.entries(headers ?? {}).find(([k]) => k.toLowerCase() === 'accept-language')?.[1];
