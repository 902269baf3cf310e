import type { Meeting, RsvpAnswer } from './schema';

/**
 * The small page a meeting mail's yes / no / maybe link opens (public function, no account):
 * GET only shows the meeting and the choice; the buttons POST it. Mail scanners follow links, so
 * a GET never records an answer. German, or English with `lang=en` (the partner's language).
 */
const TEXT = {
  de: {
    title: 'Ihre Antwort: {meeting}',
    when: 'Wann',
    where: 'Wo',
    online: 'Online',
    current: 'Ihre bisherige Antwort: {answer}.',
    none: 'Sie haben noch nicht geantwortet.',
    pick: 'Bitte bestätigen Sie Ihre Antwort:',
    saved: 'Danke, gespeichert: {answer}. Sie können Ihre Antwort hier jederzeit ändern.',
    cancelled: 'Diese Erfa-Runde ist abgesagt.',
    answers: { yes: 'Zusage', no: 'Absage', maybe: 'Vielleicht' },
    buttons: { yes: 'Ich komme', no: 'Ich komme nicht', maybe: 'Vielleicht' },
    locale: 'de-AT',
  },
  en: {
    title: 'Your answer: {meeting}',
    when: 'When',
    where: 'Where',
    online: 'Online',
    current: 'Your answer so far: {answer}.',
    none: 'You have not answered yet.',
    pick: 'Please confirm your answer:',
    saved: 'Thank you, saved: {answer}. You can change your answer here at any time.',
    cancelled: 'This meeting has been cancelled.',
    answers: { yes: 'yes', no: 'no', maybe: 'maybe' },
    buttons: { yes: 'I will come', no: 'I will not come', maybe: 'Maybe' },
    locale: 'en-GB',
  },
} as const;

export type RsvpPageLang = keyof typeof TEXT;

export const RSVP_PAGE_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'content-security-policy':
    "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'cache-control': 'no-store',
  'referrer-policy': 'no-referrer',
} as const;

const esc = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const STYLE = `body{margin:0;font:17px/1.5 system-ui,sans-serif;color:#1b1f24;background:#f6f7f9}
main{max-width:36rem;margin:0 auto;padding:1rem}h1{font-size:1.4rem;margin:.5rem 0 1rem;overflow-wrap:anywhere}
dl{display:grid;grid-template-columns:auto 1fr;gap:.25rem 1rem;margin:0 0 1rem}dt{font-weight:600}dd{margin:0;overflow-wrap:anywhere}
form{display:flex;flex-wrap:wrap;gap:.75rem;margin-top:.5rem}button{font:inherit;min-height:48px;padding:.5rem 1.1rem;border:2px solid #0b5cad;border-radius:6px;background:#fff;color:#0b5cad;cursor:pointer;flex:1 1 9rem}
button.chosen{background:#0b5cad;color:#fff}.ok{background:#e3f4ea;color:#1f6f3f;padding:1rem;border-radius:6px}.off{background:#fbe9e7;color:#8a1c12;padding:1rem;border-radius:6px}`;

export function rsvpPage(input: {
  network: string;
  meeting: Meeting;
  token: string;
  lang: RsvpPageLang;
  current?: RsvpAnswer | undefined;
  chosen?: RsvpAnswer | undefined;
  saved?: RsvpAnswer | undefined;
}): string {
  const x = TEXT[input.lang];
  const m = input.meeting;
  const when = new Intl.DateTimeFormat(x.locale, {
    dateStyle: 'full',
    timeStyle: 'short',
    timeZone: m.timezone,
  }).format(new Date(m.startsAt));
  const rows: [string, string][] = [
    [x.when, when],
    ...(m.place ? [[x.where, m.place] as [string, string]] : []),
    ...(m.onlineUrl ? [[x.online, m.onlineUrl] as [string, string]] : []),
  ];
  const highlight = input.saved ?? input.chosen ?? input.current;
  const status = m.cancelledAt
    ? `<p class="off" role="status">${esc(x.cancelled)}</p>`
    : input.saved
      ? `<p class="ok" role="status">${esc(x.saved.replace('{answer}', x.answers[input.saved]))}</p>`
      : `<p>${esc(input.current ? x.current.replace('{answer}', x.answers[input.current]) : x.none)}</p><p>${esc(x.pick)}</p>`;
  const buttons = m.cancelledAt
    ? ''
    : `<form method="post" action="${esc(input.token)}${input.lang === 'en' ? '?lang=en' : ''}">${(
        ['yes', 'no', 'maybe'] as const
      )
        .map(
          (a) =>
            `<button type="submit" name="answer" value="${a}"${a === highlight ? ' class="chosen" aria-pressed="true"' : ''}>${esc(x.buttons[a])}</button>`,
        )
        .join('')}</form>`;
  return `<!doctype html><html lang="${input.lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>${esc(x.title.replace('{meeting}', m.title))} – ${esc(input.network)}</title><style>${STYLE}</style></head><body><main><p>${esc(input.network)}</p><h1>${esc(m.title)}</h1><dl>${rows.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(v)}</dd>`).join('')}</dl>${status}${buttons}</main></body></html>`;
}
