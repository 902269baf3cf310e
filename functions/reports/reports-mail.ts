/**
 * The report e-mail, pure: HTML that reads well in common mail clients (plain tables, the
 * heat-map colours inline as `bgcolor` and style, layout in one small style block, no scripts,
 * no external images), a plain text part, and the CSV attached. The coordinator gets a row per partner; a partner gets its own
 * rows per resource kind and the network totals.
 */

import type { OutgoingMail } from '#shared/mail/compose';
import { esc } from '#shared/mail/html';
import { euro } from '#shared/money';
import { csvFilename, reportCsv } from './csv';
import type { AnyReport, Renderable } from './report';
import { BANDS, type Band, type Cell } from './utilisation';

const COLOUR = Object.fromEntries(BANDS.map((b) => [b.band, b.colour])) as Record<Band, string>;
const FONT = 'font-family:Arial,Helvetica,sans-serif';

/**
 * Layout for every table cell in one style block (mail clients that keep `<style>` — Gmail,
 * Outlook, Apple Mail — apply it; where it is stripped the table still shows its colours): a
 * network of 50 partners has 600 heat-map cells, and Gmail clips messages past ~100 KB.
 */
const STYLE = `<style>
table{border-collapse:collapse}
th,td{${FONT};font-size:12px;padding:3px 5px;border:1px solid #d1d5db}
th{background-color:#f3f4f6;text-align:left;white-space:nowrap}
th.r{background-color:#ffffff}
th.w,td.h{text-align:center}
td.now{border:2px solid #111827}
</style>`;

const pct = (c: Cell) =>
  c.utilisationPct === null
    ? c.band === 'over'
      ? `${c.booked} h`
      : '–'
    : `${Math.round(c.utilisationPct)} %`;

/** One heat-map cell: the colour of its band inline (`bgcolor` and style), the percentage. */
function heatCell(c: Cell, current: boolean): string {
  const colour = COLOUR[c.band];
  return `<td bgcolor="${colour}" data-band="${c.band}" class="${current ? 'h now' : 'h'}" style="background-color:${colour}">${esc(pct(c)).replace(' ', '&nbsp;')}</td>`;
}

const shortWeek = (week: string) => week.slice(5);

function heatTable(report: Renderable, rows: { label: string; cells: Cell[]; strong?: boolean }[]): string {
  const { weeks, currentWeek } = report.period;
  const head = weeks
    .map((w) => `<th class="w">${esc(shortWeek(w))}${w === currentWeek ? '<br>now' : ''}</th>`)
    .join('');
  const body = rows
    .map(
      (r) =>
        `<tr><th scope="row" class="r">${r.strong ? `<strong>${esc(r.label)}</strong>` : esc(r.label)}</th>${r.cells
          .map((c) => heatCell(c, c.week === currentWeek))
          .join('')}</tr>`,
    )
    .join('\n');
  return `<table id="heatmap" cellpadding="3" cellspacing="0" border="1" style="border-collapse:collapse;margin:8px 0 16px 0">
<thead><tr><th>Partner</th>${head}</tr></thead>
<tbody>
${body}
</tbody></table>`;
}

function legend(): string {
  return `<table cellpadding="3" cellspacing="0" border="1" style="border-collapse:collapse;margin:0 0 16px 0"><tr>${BANDS.map(
    (b) => `<td bgcolor="${b.colour}" style="background-color:${b.colour}">${esc(b.label)}</td>`,
  ).join('')}</tr></table>`;
}

function simpleTable(headers: string[], rows: (string | number)[][]): string {
  return `<table cellpadding="3" cellspacing="0" border="1" style="border-collapse:collapse;margin:4px 0 16px 0">
<tr>${headers.map((h) => `<th>${esc(h)}</th>`).join('')}</tr>
${rows.map((r) => `<tr>${r.map((v) => `<td>${esc(v)}</td>`).join('')}</tr>`).join('\n')}
</table>`;
}

const h2 = (text: string) => `<h2 style="${FONT};font-size:15px;margin:16px 0 4px 0">${esc(text)}</h2>`;
const p = (text: string) => `<p style="${FONT};font-size:13px;margin:4px 0">${esc(text)}</p>`;

/** The rows of the heat-map: a partner's kinds or the network's partners, then the totals. */
function heatRows(report: AnyReport) {
  const total = { label: `${report.network.name} (total)`, cells: report.totals.weeks, strong: true };
  if (report.scope === 'partner') {
    const own = report.partners[0];
    if (!own) return [total];
    // a partner with one kind of resource needs no separate sum
    if (own.kinds.length === 1)
      return [{ label: `${own.name} – ${own.kinds[0]!.kind}`, cells: own.weeks }, total];
    return [
      ...own.kinds.map((k) => ({ label: `${own.name} – ${k.kind}`, cells: k.weeks })),
      { label: `${own.name} (all)`, cells: own.weeks, strong: true },
      total,
    ];
  }
  return [...report.partners.map((r) => ({ label: r.name, cells: r.weeks })), total];
}

const KIND_LABEL = { people: 'people', room: 'rooms', machine: 'machines' } as const;
const kindList = (kinds: readonly (keyof typeof KIND_LABEL)[]) => kinds.map((k) => KIND_LABEL[k]).join(', ');

/**
 * The network's weeks per resource kind, each on its own (a kind no job books shows its idle
 * hours here, not in the figures above).
 */
function kindTable(report: Renderable): string {
  const { weeks, currentWeek } = report.period;
  const head = weeks.map((w) => `<th class="w">${esc(shortWeek(w))}</th>`).join('');
  const rows = (['people', 'room', 'machine'] as const).flatMap((kind) => {
    const cells = report.totals.weeks.map((w) => w.byKind[kind]);
    if (cells.every((c) => !c)) return [];
    const booked = report.allKinds.includes(kind) ? '' : ' (not booked)';
    return [
      `<tr><th scope="row" class="r">${esc(`${KIND_LABEL[kind]}${booked}`)}</th>${cells
        .map((c, i) => {
          if (!c) return '<td>–</td>';
          const colour = COLOUR[c.band];
          return `<td bgcolor="${colour}" data-kind="${kind}" class="${weeks[i] === currentWeek ? 'h now' : 'h'}" style="background-color:${colour}">${esc(pct(c)).replace(' ', '&nbsp;')}</td>`;
        })
        .join('')}</tr>`,
    ];
  });
  return `<table id="heatmap-kinds" cellpadding="3" cellspacing="0" border="1" style="border-collapse:collapse;margin:8px 0 16px 0">
<thead><tr><th>Kind</th>${head}</tr></thead>
<tbody>
${rows.join('\n')}
</tbody></table>`;
}

function periodLine(report: AnyReport): string {
  const { from, to, firstDay, lastDay, timezone } = report.period;
  return `ISO weeks ${from} to ${to} (${firstDay} to ${lastDay}, ${timezone}); made ${report.generatedAt.slice(0, 16).replace('T', ' ')} UTC.`;
}

/** The HTML body of the report e-mail. */
export function reportHtml(report: AnyReport): string {
  const parts: string[] = [
    `<h1 style="${FONT};font-size:20px;margin:0 0 4px 0">Utilisation report: ${esc(report.network.name)}</h1>`,
    p(periodLine(report)),
    p(
      `Booked share of the available hours per ISO week, over the resource kinds jobs booked in these weeks: ${kindList(report.allKinds)}.`,
    ),
    heatTable(report, heatRows(report)),
    legend(),
    h2('Network per resource kind'),
    kindTable(report),
  ];
  if (report.scope === 'network') {
    parts.push(h2('Most idle capacity in the coming weeks'));
    parts.push(
      report.idle.partners.length > 0
        ? simpleTable(
            ['Partner', 'idle hours', 'available', 'booked', 'utilisation'],
            report.idle.partners.map((i) => [
              i.name,
              i.idleHours,
              i.available,
              i.booked,
              i.utilisationPct === null ? '–' : `${i.utilisationPct} %`,
            ]),
          )
        : p('No idle hours in the coming weeks.'),
    );
  }
  parts.push(h2('Referral balance in the period (hours)'));
  const referred = report.referrals.filter((r) => r.givenCount + r.receivedCount > 0);
  parts.push(
    referred.length > 0
      ? simpleTable(
          ['Partner', 'given', 'received', 'balance'],
          referred.map((r) => [r.name, r.givenHours, r.receivedHours, r.balance]),
        )
      : p('No referrals in the period.'),
  );
  if (referred.length > 0 && referred.length < report.referrals.length) {
    parts.push(
      p(`${report.referrals.length - referred.length} more partner(s) without referrals in the period.`),
    );
  }
  parts.push(h2('Open inquiries'));
  parts.push(
    simpleTable(
      ['Status', 'open', '0–7 days', '8–30 days', '31+ days', 'oldest (days)'],
      report.inquiries.byStatus.map((s) => [
        s.status,
        s.count,
        s.byAge['0-7'],
        s.byAge['8-30'],
        s.byAge['31+'],
        s.oldestDays ?? '–',
      ]),
    ),
  );
  parts.push(h2('Purchase pools closed in the period'));
  parts.push(
    p(
      `${report.pools.closed} pool(s); savings against list prices ${euro(report.pools.savingsVsListCents)}, against ordering alone ${euro(report.pools.savingsVsAloneCents)}.`,
    ),
  );
  if (report.scope === 'partner') {
    parts.push(
      p(
        `Your share: ${euro(report.pools.own.savingsVsListCents)} against list prices in ${report.pools.own.pools} pool(s).`,
      ),
    );
  }
  parts.push(p('The attached CSV has every number of the table, per resource kind and week.'));
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>Utilisation report: ${esc(report.network.name)}</title>
${STYLE}</head>
<body style="margin:0;padding:16px;background-color:#ffffff;color:#111827">
${parts.join('\n')}
</body></html>
`;
}

/** The plain-text part: the same numbers for clients that show no HTML. */
export function reportText(report: AnyReport): string {
  const lines = [
    `Utilisation report: ${report.network.name}`,
    periodLine(report),
    `Booked share over the kinds jobs booked: ${kindList(report.allKinds)}.`,
    '',
  ];
  for (const r of heatRows(report)) {
    lines.push(`${r.label}: ${r.cells.map((c) => `${shortWeek(c.week)} ${pct(c)}`).join(', ')}`);
  }
  for (const kind of ['people', 'room', 'machine'] as const) {
    const cells = report.totals.weeks.flatMap((w) => (w.byKind[kind] ? [w.byKind[kind]] : []));
    if (cells.length === 0) continue;
    const booked = report.allKinds.includes(kind) ? '' : ' (not booked)';
    lines.push(
      `Network ${KIND_LABEL[kind]}${booked}: ${cells.map((c) => `${shortWeek(c.week)} ${pct(c)}`).join(', ')}`,
    );
  }
  lines.push('', `Bands: ${BANDS.map((b) => b.label).join('; ')}`);
  if (report.scope === 'network' && report.idle.partners.length > 0) {
    lines.push('', 'Most idle capacity in the coming weeks:');
    for (const i of report.idle.partners) lines.push(`- ${i.name}: ${i.idleHours} h idle`);
  }
  lines.push('', `Open inquiries: ${report.inquiries.open}`);
  lines.push(
    `Purchase pools closed: ${report.pools.closed}, savings ${euro(report.pools.savingsVsListCents)}`,
    '',
    'The attached CSV has every number per resource kind and week.',
  );
  return `${lines.join('\n')}\n`;
}

/** The report e-mail to one recipient: HTML, text, and the CSV of the same version attached. */
export function reportMail(
  report: AnyReport,
  from: { name: string; address: string },
  to: { name?: string; address: string },
  replyTo: { name: string; address: string },
): OutgoingMail {
  const partnerId = report.scope === 'partner' ? report.partners[0]?.partnerId : undefined;
  return {
    from,
    to: [to],
    replyTo,
    subject: `Utilisation report ${report.network.name}: ${report.period.from} to ${report.period.to}`,
    text: reportText(report),
    html: reportHtml(report),
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
