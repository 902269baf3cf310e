/**
 * HTML mail (Outlook sends nothing else) to plain text. The result is only ever stored and shown
 * as text: markup, scripts and styles are dropped, entities decoded, block elements become line
 * breaks. It is not a sanitiser for rendering HTML, and nothing here renders HTML.
 */

const NAMED: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  auml: 'ä',
  ouml: 'ö',
  uuml: 'ü',
  Auml: 'Ä',
  Ouml: 'Ö',
  Uuml: 'Ü',
  szlig: 'ß',
  eacute: 'é',
  egrave: 'è',
  agrave: 'à',
  euro: '€',
  copy: '©',
  reg: '®',
  trade: '™',
  ndash: '–',
  mdash: '—',
  hellip: '…',
  laquo: '«',
  raquo: '»',
  bdquo: '„',
  ldquo: '“',
  rdquo: '”',
  lsquo: '‘',
  rsquo: '’',
  middot: '·',
  bull: '•',
  shy: '',
  zwnj: '',
};

function codePoint(n: number): string {
  if (!Number.isInteger(n) || n <= 0 || n > 0x10ffff || (n >= 0xd800 && n <= 0xdfff)) return '\ufffd';
  return String.fromCodePoint(n);
}

export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]{2,8});?/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const hex = name[1] === 'x' || name[1] === 'X';
      return codePoint(Number.parseInt(name.slice(hex ? 2 : 1), hex ? 16 : 10));
    }
    return NAMED[name] ?? NAMED[name.toLowerCase()] ?? whole;
  });
}

const BLOCK =
  /<\/?(?:p|div|br|hr|h[1-6]|ul|ol|tr|table|blockquote|pre|section|article|header|footer|address|dd|dt|dl)\b[^>]*>/gi;

export function htmlToText(html: string): string {
  return decodeEntities(
    html
      // whole elements whose content is not text a person reads
      .replace(/<!--[\s\S]*?(?:-->|$)/g, '')
      .replace(/<(script|style|head|title|template|noscript|svg|object)\b[^>]*>[\s\S]*?(?:<\/\1\s*>|$)/gi, '')
      // source line breaks are spaces in HTML; only elements break lines
      .replace(/\s+/g, ' ')
      .replace(/<(td|th)\b[^>]*>/gi, ' ')
      .replace(/<li\b[^>]*>/gi, '\n• ')
      .replace(BLOCK, '\n')
      // any other tag, closed or cut off at the end
      .replace(/<\/?[a-z!?][^>]*(?:>|$)/gi, ''),
  )
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t\f\v\u00a0]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
