import type { HtmlToTextOptions } from 'html-to-text';

/**
 * HTML mail (Outlook and Apple Mail often send nothing else) to plain text, with html-to-text:
 * every HTML entity decoded (`m&sup2;`, `&deg;C`, `&sect;`, `&frac12;`), scripts, styles, images
 * and link targets dropped, block elements as line breaks, no hard wrapping. The result is only
 * ever stored and shown as text; nothing here renders HTML. The library (191 KiB minified) is
 * loaded on the first HTML-only message, not at cold start: most mail has a text part.
 */
const OPTIONS: HtmlToTextOptions = {
  wordwrap: false,
  preserveNewlines: false,
  selectors: [
    { selector: 'a', options: { ignoreHref: true } },
    { selector: 'img', format: 'skip' },
    { selector: 'script', format: 'skip' },
    { selector: 'style', format: 'skip' },
    { selector: 'head', format: 'skip' },
    { selector: 'title', format: 'skip' },
    { selector: 'template', format: 'skip' },
    { selector: 'noscript', format: 'skip' },
    { selector: 'svg', format: 'skip' },
    { selector: 'object', format: 'skip' },
    { selector: 'ul', options: { itemPrefix: '• ' } },
    ...['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].map((h) => ({ selector: h, options: { uppercase: false } })),
    { selector: 'table', format: 'dataTable', options: { uppercaseHeaderCells: false } },
  ],
};

let converter: Promise<(html: string) => string> | undefined;

export async function htmlToText(html: string): Promise<string> {
  converter ??= import('html-to-text').then(({ compile }) => compile(OPTIONS));
  return (await converter)(html)
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t\f\v\u00a0]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/**
 * What mail programs put into the text part of an HTML-only message instead of its content
 * ("Bitte HTML-Ansicht verwenden", "This is an HTML message"): a short text that says so.
 */
const PLACEHOLDER = [
  /\bhtml[- ]?(ansicht|darstellung|format|version|nachrichten?|e-?mails?)\b/i,
  /\b(this|the) (is an? )?(html|multi-?part) (message|e-?mail)\b/i,
  /\bhtml (view|version|format)\b/i,
  /\b(view|read|open) (this|the) (message|e-?mail|newsletter) in (a|your) (web )?browser\b/i,
  /\b(mail|e-?mail) (client|program|programm) (does not|doesn't|cannot|can't|kann (kein|keine)) /i,
  /\b(unterstützt|anzeigen|darstellen)\b.*\bhtml\b/i,
  /\bhtml\b.*\b(anzeigen|darstellen|unterstützen|lesen)\b/i,
];
const PLACEHOLDER_MAX = 300;

/** Is this text part only a pointer to the HTML part? */
export function isPlaceholderText(text: string): boolean {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length <= PLACEHOLDER_MAX && PLACEHOLDER.some((p) => p.test(t));
}

/**
 * The text of a message as a person reads it: its text part, unless that is missing, empty or a
 * placeholder and an HTML part exists; then the HTML part, converted.
 */
export async function readableText(text: string | undefined, html: string | undefined): Promise<string> {
  const plain = text?.trim() ?? '';
  if (html && (plain === '' || isPlaceholderText(plain))) {
    const converted = await htmlToText(html);
    if (converted) return converted;
  }
  return plain;
}
