import { csvDialectOf } from '#shared/csv';
import { http, reply } from '#shared/http/handler';
import { csvFilename, reportCsv } from './csv';
import { ReportQuery, UtilisationReport } from './schema';
import { reportFor } from './service';

export const handler = http(
  {
    summary: 'Utilisation report (JSON or CSV)',
    description:
      'Default period: the 4 ISO weeks before the current one and 8 from it on, in the network timezone. Per partner, resource kind and week: available and booked hours, utilisation and band; network totals; idle partners; referral balances; open inquiries; pool savings. A partner gets its own rows and network aggregates. CSV with `?format=csv` or `Accept: text/csv`: RFC 4180 by default, the German spreadsheet dialect (`;`, decimal comma) with `?dialect=de` or an `Accept-Language` starting with `de`.',
    auth: ['coordinator', 'partner'],
    response: UtilisationReport,
    produces: ['text/csv'],
    problems: [404],
    query: ReportQuery,
  },
  async ({ caller, query, event }) => {
    const report = await reportFor(caller, query);
    const header = (name: string) =>
      Object.entries(event.headers ?? {}).find(([k]) => k.toLowerCase() === name)?.[1];
    const accept = header('accept') ?? '';
    const csv = query.format ? query.format === 'csv' : /\btext\/csv\b/i.test(accept);
    if (!csv) return reply.ok(report);
    const partnerId = caller.role === 'partner' ? caller.partnerId : undefined;
    const dialect = csvDialectOf(query.dialect, header('accept-language'));
    return reply.text(reportCsv(report, dialect), 'text/csv; charset=utf-8', csvFilename(report, partnerId));
  },
);
