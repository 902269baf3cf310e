/** The funding capability's mails, pure: the monthly hours reminder and the period report. */
import type { OutgoingMail } from '#shared/mail/compose';
import { esc } from '#shared/mail/html';
import { money } from './checks';
import type { FundingReport } from './report';
import { reportCsv, reportFilename, reportHtml } from './report-render';

type Address = { name?: string; address: string };

const MONTHS_DE = [
  'Jänner',
  'Februar',
  'März',
  'April',
  'Mai',
  'Juni',
  'Juli',
  'August',
  'September',
  'Oktober',
  'November',
  'Dezember',
];
const monthDe = (month: string) => `${MONTHS_DE[Number(month.slice(5, 7)) - 1]} ${month.slice(0, 4)}`;

/** To a partner that recorded no hours in `month` (`YYYY-MM`) of a running project. */
export function reminderMail(
  project: { id: string; title: string },
  month: string,
  partner: { name: string; email: string },
  from: Address,
  replyTo: Address,
): OutgoingMail {
  const text = [
    `Guten Tag ${partner.name},`,
    '',
    `für das geförderte Projekt „${project.title}“ sind für ${monthDe(month)} noch keine Stunden erfasst.`,
    'Bitte tragen Sie Ihre Stunden je Arbeitspaket und Woche ein, damit der Bericht vollständig ist.',
    '',
    `(English: no hours are recorded for ${month} in the funded project "${project.title}"; please enter your hours per work package and week.)`,
    '',
    `Projekt-ID: ${project.id}`,
  ].join('\n');
  return {
    from: from as { name: string; address: string },
    to: [{ name: partner.name, address: partner.email }],
    replyTo,
    subject: `Stunden für ${monthDe(month)} fehlen: ${project.title}`,
    text: `${text}\n`,
    html: `<p>Guten Tag ${esc(partner.name)},</p><p>für das geförderte Projekt „${esc(project.title)}“ sind für <b>${esc(monthDe(month))}</b> noch keine Stunden erfasst. Bitte tragen Sie Ihre Stunden je Arbeitspaket und Woche ein, damit der Bericht vollständig ist.</p><p style="color:#666">English: no hours are recorded for ${esc(month)} in the funded project “${esc(project.title)}”; please enter your hours per work package and week.</p>`,
    headers: { 'Auto-Submitted': 'auto-generated' },
  };
}

/** The period's (or final) report to the coordinator: printable HTML, text summary, CSV attached. */
export function reportMail(
  report: FundingReport,
  to: Address,
  from: Address,
  replyTo: Address,
): OutgoingMail {
  const what = report.kind === 'final' ? 'Endbericht' : `Zwischenbericht ${report.period.id}`;
  const failing = report.checks.filter((c) => !c.ok && c.severity === 'error');
  const text = [
    `${what} „${report.project.title}“ (${report.period.from} bis ${report.period.to})`,
    '',
    `Kosten in der Periode: ${money(report.totals.actual.totalCents, 'de')}, Stunden: ${report.totals.actual.hours}`,
    `Förderung beantragt: ${money(report.totals.fundingCents, 'de')}`,
    failing.length === 0
      ? 'Alle Programmregeln erfüllt.'
      : `Nicht erfüllt: ${failing.map((c) => c.message_de).join(' ')}`,
    '',
    'Die angehängte CSV-Datei enthält alle Zahlen je Partner und Arbeitspaket.',
  ].join('\n');
  return {
    from: from as { name: string; address: string },
    to: [to],
    replyTo,
    subject: `${what}: ${report.project.title} (${report.period.from} bis ${report.period.to})`,
    text: `${text}\n`,
    html: reportHtml(report),
    headers: { 'Auto-Submitted': 'auto-generated' },
    attachments: [
      {
        filename: reportFilename(report, 'csv'),
        contentType: 'text/csv; charset=utf-8',
        content: reportCsv(report),
      },
    ],
  };
}
