import { csvDialectOf } from '#shared/csv';
import { NotFoundError } from '#shared/http/errors';
import { http, reply } from '#shared/http/handler';
import { loadReport } from './report-data';
import { reportPdf } from './report-pdf';
import { reportCsv, reportFilename, reportHtml } from './report-render';
import { FundingReportView, ProjectPath, ReportQuery } from './schema';
import { projectFor } from './service';

export const handler = http(
  {
    summary:
      "A funded project's interim report (one period) or final report, as JSON, printable HTML, CSV or PDF",
    description:
      'Costs and hours per partner and work package, plan vs actual, the funding claimed, the checks, and the network’s activity in the period (jobs and referrals, purchase pools). `format=pdf` (or `Accept: application/pdf` without a format) gives an A4 PDF.',
    auth: ['coordinator'],
    params: ProjectPath,
    query: ReportQuery,
    response: FundingReportView,
    produces: ['text/html', 'text/csv', 'application/pdf'],
  },
  async ({ caller, params, query, event }) => {
    await projectFor(caller, params.projectId);
    const report = await loadReport(caller.networkId, params.projectId, query.period);
    if (!report) throw new NotFoundError('period');
    if (query.format === 'pdf' || (query.format === 'json' && wantsPdf(event.headers))) {
      return reply.file(await reportPdf(report), 'application/pdf', reportFilename(report, 'pdf'));
    }
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

/** `Accept: application/pdf` asks for the PDF when the query names no format. */
const wantsPdf = (headers: Record<string, string | undefined> | undefined) =>
  /application\/pdf/i.test(
    Object.entries(headers ?? {}).find(([k]) => k.toLowerCase() === 'accept')?.[1] ?? '',
  );
