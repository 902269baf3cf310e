/**
 * The report e-mail, pure, in the recipient's language (German by default, the network's):
 * through the one mail layout (HTML and a plain-text alternative), the heat-map a coloured table
 * inside it (the colours inline as `bgcolor` and style, cell layout in one small style block, no
 * scripts, no external images), and the CSV attached. The coordinator gets a row per partner; a
 * partner gets its own rows per resource kind and the network totals.
 */

import { type Formats, formats, type Lang } from '#shared/i18n';
import type { OutgoingMail } from '#shared/mail/compose';
import { esc } from '#shared/mail/html';
import { type Block, h, type MailBody, p, renderMail, table } from '#shared/mail/layout';
import { csvFilename, reportCsv } from './csv';
import type { AnyReport, Renderable } from './report';
import { MESSAGES } from './reports-messages';
import { BANDS, type Band, type Cell } from './utilisation';

const COLOUR = Object.fromEntries(BANDS.map((b) => [b.band, b.colour])) as Record<Band, string>;
type Words = (typeof MESSAGES)[Lang];

/**
 * Layout for every heat-map cell in one style block (mail clients that keep `<style>` — Gmail,
 * Outlook, Apple Mail — apply it; where it is stripped the table still shows its colours): a
 * network of 50 partners has 600 heat-map cells, and Gmail clips messages past ~100 KB. The
 * cells keep their light colours in dark mode (the band is the colour), so their text stays dark.
 */
const STYLE = `table.heat{border-collapse:collapse}
table.heat th,table.heat td{font-size:12px;padding:3px 5px;border:1px solid #d1d5db}
table.heat th{text-align:left;white-space:nowrap}
table.heat th.r{white-space:normal;min-width:9em}
table.heat th.w,table.heat td.h{text-align:center;white-space:nowrap}
table.heat td.h{color:#111827!important}
table.heat td.now{border:2px solid #111827}`;

/** Twelve weeks of heat-map beside the partners' names need more than the usual 600 px. */
const OPTS = { style: STYLE, maxWidth: 960 };

const KINDS = ['people', 'room', 'machine'] as const;

interface Ctx {
  f: Formats;
  m: Words;
}

const pct = ({ f }: Ctx, c: Cell) =>
  c.utilisationPct === null
    ? c.band === 'over'
      ? `${f.number(c.booked)} h`
      : '–'
    : `${f.number(Math.round(c.utilisationPct))} %`;

/** A week's column head: `KW 9` (the year is in the period line above). */
const shortWeek = ({ f }: Ctx, week: string) => f.week(week).replace(/\/\d{4}$/, '');

/** One heat-map cell: the colour of its band inline (`bgcolor` and style), the percentage. */
function heatCell(ctx: Ctx, c: Cell, current: boolean, attr = `data-band="${c.band}"`): string {
  const colour = COLOUR[c.band];
  return `<td bgcolor="${colour}" ${attr} class="${current ? 'h now' : 'h'}" style="background-color:${colour}">${esc(pct(ctx, c)).replace(' ', '&nbsp;')}</td>`;
}

function heatTable(
  ctx: Ctx,
  report: Renderable,
  rows: { label: string; cells: Cell[]; strong?: boolean }[],
): string {
  const { weeks, currentWeek } = report.period;
  const head = weeks
    .map((w) => `<th class="w">${esc(shortWeek(ctx, w))}${w === currentWeek ? `<br>${ctx.m.now}` : ''}</th>`)
    .join('');
  const body = rows
    .map(
      (r) =>
        `<tr><th scope="row" class="r">${r.strong ? `<strong>${esc(r.label)}</strong>` : esc(r.label)}</th>${r.cells
          .map((c) => heatCell(ctx, c, c.week === currentWeek))
          .join('')}</tr>`,
    )
    .join('\n');
  return `<table id="heatmap" class="heat" cellpadding="3" cellspacing="0" border="1" style="border-collapse:collapse">
<thead><tr><th>${esc(ctx.m.partner)}</th>${head}</tr></thead>
<tbody>
${body}
</tbody></table>`;
}

/** The bands' colours, as chips that wrap on a narrow screen. */
function legend({ m }: Ctx): string {
  return BANDS.map(
    (b) =>
      `<span style="display:inline-block;margin:0 4px 4px 0;padding:2px 6px;font-size:12px;background-color:${b.colour};color:#111827">${esc(m.bands[b.band])}</span>`,
  ).join(' ');
}

/** The rows of the heat-map: a partner's kinds or the network's partners, then the totals. */
function heatRows({ m }: Ctx, report: AnyReport) {
  const total = { label: m.total(report.network.name), cells: report.totals.weeks, strong: true };
  if (report.scope === 'partner') {
    const own = report.partners[0];
    if (!own) return [total];
    // a partner with one kind of resource needs no separate sum
    if (own.kinds.length === 1)
      return [{ label: `${own.name} – ${m.kinds[own.kinds[0]!.kind]}`, cells: own.weeks }, total];
    return [
      ...own.kinds.map((k) => ({ label: `${own.name} – ${m.kinds[k.kind]}`, cells: k.weeks })),
      { label: m.all(own.name), cells: own.weeks, strong: true },
      total,
    ];
  }
  return [...report.partners.map((r) => ({ label: r.name, cells: r.weeks })), total];
}

const kindList = ({ m }: Ctx, kinds: readonly (typeof KINDS)[number][]) =>
  kinds.map((k) => m.kinds[k]).join(', ');

const kindLabel = ({ m }: Ctx, report: Renderable, kind: (typeof KINDS)[number]) =>
  report.allKinds.includes(kind) ? m.kinds[kind] : `${m.kinds[kind]} (${m.notBooked})`;

/**
 * The network's weeks per resource kind, each on its own (a kind no job books shows its idle
 * hours here, not in the figures above).
 */
function kindTable(ctx: Ctx, report: Renderable): string {
  const { weeks, currentWeek } = report.period;
  const head = weeks.map((w) => `<th class="w">${esc(shortWeek(ctx, w))}</th>`).join('');
  const rows = KINDS.flatMap((kind) => {
    const cells = report.totals.weeks.map((w) => w.byKind[kind]);
    if (cells.every((c) => !c)) return [];
    return [
      `<tr><th scope="row" class="r">${esc(kindLabel(ctx, report, kind))}</th>${cells
        .map((c, i) => (c ? heatCell(ctx, c, weeks[i] === currentWeek, `data-kind="${kind}"`) : '<td>–</td>'))
        .join('')}</tr>`,
    ];
  });
  return `<table id="heatmap-kinds" class="heat" cellpadding="3" cellspacing="0" border="1" style="border-collapse:collapse">
<thead><tr><th>${esc(ctx.m.kind)}</th>${head}</tr></thead>
<tbody>
${rows.join('\n')}
</tbody></table>`;
}

function periodLine({ f, m }: Ctx, report: AnyReport): string {
  const { from, to, firstDay, lastDay, timezone } = report.period;
  return m.period(
    f.week(from),
    f.week(to),
    f.date(firstDay),
    f.date(lastDay),
    timezone,
    f.dateTime(report.generatedAt),
  );
}

const weekCells = (ctx: Ctx, cells: Cell[]) =>
  cells.map((c) => `${shortWeek(ctx, c.week)}: ${pct(ctx, c)}`).join('; ');

/** The heat-maps' plain-text alternative: one line per row, the same numbers. */
function heatText(ctx: Ctx, report: AnyReport): string {
  const lines = heatRows(ctx, report).map((r) => `${r.label} – ${weekCells(ctx, r.cells)}`);
  lines.push('', `${ctx.m.bandsLine}: ${BANDS.map((b) => ctx.m.bands[b.band]).join('; ')}`);
  return lines.join('\n');
}

function kindText(ctx: Ctx, report: AnyReport): string {
  return KINDS.flatMap((kind) => {
    const cells = report.totals.weeks.flatMap((w) => (w.byKind[kind] ? [w.byKind[kind]] : []));
    if (cells.length === 0) return [];
    return [`${ctx.m.network(kindLabel(ctx, report, kind))} – ${weekCells(ctx, cells)}`];
  }).join('\n');
}

/**
 * Booked hours per week, jobs' and funded projects' apart (both take capacity): the network's
 * for the coordinator, the partner's own (all its kinds) for a partner.
 */
function hoursBlocks(ctx: Ctx, report: AnyReport): Block[] {
  const { f, m } = ctx;
  const own = report.scope === 'partner' ? report.partners[0] : undefined;
  if (report.scope === 'partner' && !own) return [];
  const cells: Cell[] = own ? own.weeks : report.totals.weeks;
  const sum = own ? own.total : report.totals.total;
  const n = (x: number) => f.number(Math.round(x * 100) / 100);
  const line = (label: string, c: Cell) => [
    label,
    n(c.booked - c.projectHours),
    n(c.projectHours),
    n(c.booked),
  ];
  return [
    h(m.hours(own ? own.name : m.total(report.network.name))),
    table(
      m.hoursHead,
      cells.map((c) => line(shortWeek(ctx, c.week), c)),
      { numeric: [1, 2, 3], foot: [line(m.hoursSum, sum)] },
    ),
    p(m.hoursNote),
  ];
}

/** The report in one language: the blocks of the mail layout. */
export function reportBody(report: AnyReport, lang: Lang): MailBody {
  const ctx: Ctx = { f: formats(lang, report.period.timezone), m: MESSAGES[lang] };
  const { f, m } = ctx;
  const n = (x: number) => f.number(x);
  const blocks: Block[] = [
    p(periodLine(ctx, report)),
    p(m.share(kindList(ctx, report.allKinds))),
    { kind: 'html', html: heatTable(ctx, report, heatRows(ctx, report)), text: heatText(ctx, report) },
    { kind: 'html', html: legend(ctx), text: '' },
    h(m.perKind),
    { kind: 'html', html: kindTable(ctx, report), text: kindText(ctx, report) },
  ];
  blocks.push(...hoursBlocks(ctx, report));
  if (report.scope === 'network') {
    blocks.push(h(m.idle));
    blocks.push(
      report.idle.partners.length > 0
        ? table(
            m.idleHead,
            report.idle.partners.map((i) => [
              i.name,
              n(i.idleHours),
              n(i.available),
              n(i.booked),
              i.utilisationPct === null ? '–' : `${n(Math.round(i.utilisationPct))} %`,
            ]),
            { numeric: [1, 2, 3, 4] },
          )
        : p(m.noIdle),
    );
  }
  blocks.push(h(m.referrals));
  const referred = report.referrals.filter((r) => r.givenCount + r.receivedCount > 0);
  blocks.push(
    referred.length > 0
      ? table(
          m.referralHead,
          referred.map((r) => [r.name, n(r.givenHours), n(r.receivedHours), n(r.balance)]),
          { numeric: [1, 2, 3] },
        )
      : p(m.noReferrals),
  );
  if (referred.length > 0 && referred.length < report.referrals.length) {
    blocks.push(p(m.moreWithout(report.referrals.length - referred.length)));
  }
  blocks.push(h(m.inquiries));
  blocks.push(
    table(
      m.inquiryHead,
      report.inquiries.byStatus.map((s) => [
        m.status[s.status],
        n(s.count),
        n(s.byAge['0-7']),
        n(s.byAge['8-30']),
        n(s.byAge['31+']),
        s.oldestDays === null || s.oldestDays === undefined ? '–' : n(s.oldestDays),
      ]),
      { numeric: [1, 2, 3, 4, 5] },
    ),
  );
  blocks.push(h(m.pools));
  blocks.push(
    p(
      m.poolLine(
        report.pools.closed,
        f.money(report.pools.savingsVsListCents),
        f.money(report.pools.savingsVsAloneCents),
      ),
    ),
  );
  if (report.scope === 'partner') {
    blocks.push(p(m.ownShare(f.money(report.pools.own.savingsVsListCents), report.pools.own.pools)));
  }
  blocks.push(...learningBlocks(ctx, report.learning));
  blocks.push(p(m.csv));
  return { lang, title: m.title(report.network.name), blocks };
}

/** "Voneinander lernen": questions asked and answered, time to a first answer, practices, meetings. */
function learningBlocks({ m, f }: Ctx, l: AnyReport['learning']) {
  const n = (x: number) => f.number(x);
  return [
    h(m.learning),
    p(m.learningLine(l.questionsAsked, l.questionsAnswered)),
    p(m.firstAnswer(l.medianHoursToFirstAnswer === null ? null : f.number(l.medianHoursToFirstAnswer, 1))),
    l.practices.length
      ? // a partner's version names no other firm: without the author column
        l.practices.every((x) => 'author' in x)
        ? table(
            m.practicesHead,
            l.practices.map((x) => [x.title, 'author' in x ? x.author : '', n(x.helpful)]),
            { numeric: [2] },
          )
        : table(
            [m.practicesHead[0]!, m.practicesHead[2]!],
            l.practices.map((x) => [x.title, n(x.helpful)]),
            { numeric: [1] },
          )
      : p(m.noPractices),
    l.meetings.length
      ? table(
          m.meetingsHead,
          l.meetings.map((x) => [x.title, f.dateTime(x.startsAt), n(x.attending)]),
          {
            numeric: [2],
          },
        )
      : p(m.noMeetings),
  ];
}

/** The HTML part of the report e-mail in a language (German by default). */
export const reportHtml = (report: AnyReport, lang: Lang = 'de') =>
  renderMail([reportBody(report, lang)], OPTS).html;

/** The plain-text part: the same numbers for clients that show no HTML. */
export const reportText = (report: AnyReport, lang: Lang = 'de') =>
  renderMail([reportBody(report, lang)], OPTS).text;

/** The report e-mail to one recipient in its language: HTML, text, and the CSV of the same version attached. */
export function reportMail(
  report: AnyReport,
  from: { name: string; address: string },
  to: { name?: string; address: string },
  replyTo: { name: string; address: string },
  lang: Lang = 'de',
): OutgoingMail {
  const partnerId = report.scope === 'partner' ? report.partners[0]?.partnerId : undefined;
  const f = formats(lang, report.period.timezone);
  return {
    from,
    to: [to],
    replyTo,
    subject: MESSAGES[lang].subject(
      report.network.name,
      f.week(report.period.from),
      f.week(report.period.to),
    ),
    // signed by the contact person replies reach
    ...renderMail([{ ...reportBody(report, lang), signature: [replyTo.name, report.network.name] }], OPTS),
    headers: { 'Auto-Submitted': 'auto-generated' },
    attachments: [
      {
        filename: csvFilename(report, partnerId),
        contentType: 'text/csv; charset=utf-8',
        content: reportCsv(report),
      },
    ],
  };
}
