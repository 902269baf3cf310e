/**
 * THE mail layout: every mail to a person is a list of blocks rendered twice, as HTML and as a
 * plain-text alternative. The text part never wraps a paragraph by hand (one paragraph, one
 * line), so it reflows on a phone; the HTML part is one column up to 600 px wide, inline styles
 * plus one small style block for dark mode (`prefers-color-scheme`, `color-scheme`), no remote
 * images, no scripts, no web fonts. A mail in two languages (the recipient's is unknown) holds
 * both bodies, German first, divided by a rule.
 */

import type { Lang } from '#shared/i18n';
import { esc } from './html';

export type Block =
  /** One paragraph; its line breaks are collapsed (it reflows). */
  | { kind: 'p'; text: string; strong?: boolean }
  | { kind: 'h'; text: string }
  | { kind: 'list'; items: string[] }
  /** Label and value pairs: `Reference: HHN-2027-0042`. */
  | { kind: 'facts'; rows: [string, string][] }
  /** A table; `numeric` columns align right; `foot` rows are bold (sums). */
  | { kind: 'table'; head: string[]; rows: string[][]; foot?: string[][]; numeric?: number[] }
  /** Someone's own words (the coordinator's reason), its line breaks kept. */
  | { kind: 'quote'; text: string }
  /** A person's own message (a coordinator's reply), its line breaks kept, not quoted. */
  | { kind: 'text'; text: string }
  | { kind: 'link'; label: string; href: string }
  /**
   * A fragment the blocks above cannot say (the report's coloured heat-map): its HTML, already
   * escaped, and its plain-text alternative. Scrolls sideways on a narrow screen.
   */
  | { kind: 'html'; html: string; text: string };

export const p = (text: string, strong = false): Block => ({ kind: 'p', text, strong });
export const h = (text: string): Block => ({ kind: 'h', text });
export const list = (items: string[]): Block => ({ kind: 'list', items });
export const facts = (rows: [string, string | undefined][]): Block => ({
  kind: 'facts',
  rows: rows.filter((r): r is [string, string] => r[1] !== undefined && r[1] !== ''),
});
export const quote = (text: string): Block => ({ kind: 'quote', text });
export const verbatim = (text: string): Block => ({ kind: 'text', text });
export const link = (label: string, href: string): Block => ({ kind: 'link', label, href });
export const table = (
  head: string[],
  rows: string[][],
  opts: { foot?: string[][]; numeric?: number[] } = {},
): Block => ({ kind: 'table', head, rows, ...opts });

/** One language's body of a mail. */
export interface MailBody {
  lang: Lang;
  /** The heading at the top (and the HTML title); empty for a personal message. */
  title: string;
  blocks: Block[];
  /** Closing lines: names, network, phone. */
  signature?: string[];
}

/** The languages a mail is written in: the recipient's, or both when it is unknown. */
export const languagesFor = (lang: Lang | undefined): Lang[] => (lang ? [lang] : ['de', 'en']);

/** The subject of a mail in one or two languages: `Ihre Anfrage / Your inquiry`. */
export const subjectIn = (subjects: string[]) => [...new Set(subjects)].join(' / ');

const oneLine = (s: string) => s.replace(/[ \t\r\n]+/g, ' ').trim();

function textBlock(b: Block): string {
  switch (b.kind) {
    case 'p':
      return oneLine(b.text);
    case 'h':
      return oneLine(b.text).toUpperCase();
    case 'list':
      return b.items.map((i) => `- ${oneLine(i)}`).join('\n');
    case 'facts':
      return b.rows.map(([k, v]) => `${oneLine(k)}: ${oneLine(v)}`).join('\n');
    case 'table': {
      // a phone cannot show columns in plain text: one line per row, headings named once
      const line = (r: string[]) => r.map(oneLine).filter(Boolean).join(' | ');
      return [line(b.head), ...b.rows.map(line), ...(b.foot ?? []).map(line)].join('\n');
    }
    case 'quote':
      return b.text
        .split(/\r?\n/)
        .map((l) => `> ${l.trimEnd()}`)
        .join('\n');
    case 'text':
      return b.text.trim();
    case 'link':
      return `${oneLine(b.label)}: ${b.href}`;
    case 'html':
      return b.text.trim();
  }
}

function bodyText(body: MailBody): string {
  const parts = [body.title, ...body.blocks.map(textBlock)];
  if (body.signature?.length) parts.push(`-- \n${body.signature.join('\n')}`);
  return parts.filter((s) => s.length > 0).join('\n\n');
}

const FONT = "font-family:-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif";
const CELL = 'padding:6px 8px;border-bottom:1px solid #e4e4e7;vertical-align:top;text-align:left';

function htmlBlock(b: Block): string {
  switch (b.kind) {
    case 'p':
      return `<p style="margin:0 0 12px 0">${b.strong ? `<strong>${esc(oneLine(b.text))}</strong>` : esc(oneLine(b.text))}</p>`;
    case 'h':
      return `<h2 style="font-size:16px;margin:20px 0 8px 0">${esc(oneLine(b.text))}</h2>`;
    case 'list':
      return `<ul style="margin:0 0 12px 0;padding-left:20px">${b.items.map((i) => `<li style="margin:0 0 4px 0">${esc(oneLine(i))}</li>`).join('')}</ul>`;
    case 'facts':
      return `<table role="presentation" class="facts" cellpadding="0" cellspacing="0" style="border-collapse:collapse;margin:0 0 12px 0;width:100%">${b.rows
        .map(
          ([k, v]) =>
            `<tr><th scope="row" class="muted" style="${CELL};font-weight:normal;color:#52525b;width:38%">${esc(oneLine(k))}</th><td style="${CELL}">${esc(oneLine(v))}</td></tr>`,
        )
        .join('')}</table>`;
    case 'table': {
      // numbers stay on one line; a numeric column's heading may wrap (a phone has ~340 px for six columns)
      const align = (i: number, tag: 'td' | 'th') =>
        b.numeric?.includes(i) ? `;text-align:right${tag === 'td' ? ';white-space:nowrap' : ''}` : '';
      const cells = (r: string[], tag: 'td' | 'th', extra = '') =>
        r.map((c, i) => `<${tag} style="${CELL}${align(i, tag)}${extra}">${esc(c)}</${tag}>`).join('');
      return `<table class="data" cellpadding="0" cellspacing="0" style="border-collapse:collapse;margin:0 0 12px 0;width:100%;font-size:14px">
<thead><tr>${cells(b.head, 'th', ';font-size:12px;color:#52525b')}</tr></thead>
<tbody>${b.rows.map((r) => `<tr>${cells(r, 'td')}</tr>`).join('')}${(b.foot ?? [])
        .map((r) => `<tr>${cells(r, 'td', ';font-weight:bold')}</tr>`)
        .join('')}</tbody></table>`;
    }
    case 'quote':
      return `<blockquote style="margin:0 0 12px 0;padding:8px 12px;border-left:3px solid #a1a1aa;white-space:pre-wrap">${esc(b.text.trim())}</blockquote>`;
    case 'text':
      return `<div style="margin:0 0 12px 0;white-space:pre-wrap">${esc(b.text.trim())}</div>`;
    case 'link':
      return `<p style="margin:0 0 12px 0"><a href="${esc(b.href)}" style="color:#1d4ed8">${esc(oneLine(b.label))}</a></p>`;
    case 'html':
      return `<div style="margin:0 0 12px 0;overflow-x:auto">${b.html}</div>`;
  }
}

function bodyHtml(body: MailBody): string {
  const signature = body.signature?.length
    ? `<p class="muted" style="margin:20px 0 0 0;color:#52525b">${body.signature.map(esc).join('<br>')}</p>`
    : '';
  return `<div lang="${body.lang}">
${body.title ? `<h1 style="font-size:20px;line-height:1.3;margin:0 0 16px 0">${esc(body.title)}</h1>` : ''}
${body.blocks.map(htmlBlock).join('\n')}
${signature}
</div>`;
}

const STYLE = `<style>
:root{color-scheme:light dark;supported-color-schemes:light dark}
@media (prefers-color-scheme:dark){
body,.page{background-color:#18181b!important;color:#e4e4e7!important}
.card{background-color:#27272a!important;color:#e4e4e7!important}
th,td{border-color:#3f3f46!important}
.muted,th{color:#a1a1aa!important}
a{color:#93c5fd!important}
}
@media (max-width:480px){.card{padding:16px!important}}
</style>`;

/**
 * The HTML and text parts of a mail in one or two languages; `style` adds rules to the style
 * block (a mail with hundreds of table cells styles them by class, not each inline); `maxWidth`
 * widens the column past 600 px for a mail that is a wide table (the utilisation report).
 */
export function renderMail(
  bodies: MailBody[],
  opts: { style?: string; maxWidth?: number } = {},
): { html: string; text: string } {
  if (bodies.length === 0) throw new Error('a mail needs a body');
  const lang = bodies[0]!.lang;
  const title = bodies
    .map((b) => b.title)
    .filter(Boolean)
    .join(' / ');
  const html = `<!DOCTYPE html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="color-scheme" content="light dark"><meta name="supported-color-schemes" content="light dark">
<title>${esc(title)}</title>
${STYLE}${opts.style ? `\n<style>${opts.style}</style>` : ''}</head>
<body class="page" style="margin:0;padding:0;background-color:#f4f4f5;color:#18181b;${FONT};font-size:15px;line-height:1.5">
<div class="page" style="padding:16px 8px;background-color:#f4f4f5">
<div class="card" style="max-width:${opts.maxWidth ?? 600}px;margin:0 auto;padding:24px;background-color:#ffffff;border-radius:6px">
${bodies.map(bodyHtml).join('\n<hr style="border:0;border-top:1px solid #d4d4d8;margin:24px 0">\n')}
</div></div>
</body></html>
`;
  const text = `${bodies.map(bodyText).join('\n\n――――――――――\n\n')}\n`;
  return { html, text };
}
