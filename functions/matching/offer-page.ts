import { formats, type Lang } from '#shared/i18n';
import type { JobPart } from './schema';

/**
 * The small page a job mail's "Zusage / Absage" link opens (public function, no account): GET
 * shows the partner's part and two buttons; only the buttons' plain form POST answers. Mail
 * scanners follow links, so a GET never changes anything. German, or English with `lang=en`
 * (the link carries it for a partner writing English).
 */
const TEXT = {
  de: {
    title: 'Ihr Teil am Auftrag {ref}',
    firm: 'Betrieb',
    request: 'Anfrage',
    work: 'Gewerke',
    hours: 'Stunden',
    dates: 'Zeitraum',
    place: 'Ort der Kundschaft',
    deadline: 'Antwort bis',
    until: '{from} bis {to}',
    requested:
      'Die Stunden sind für Sie vorgemerkt. Bitte sagen Sie zu oder ab; eine Absage gibt die Stunden sofort frei.',
    confirm: 'Zusagen',
    decline: 'Absagen',
    confirmed: 'Zugesagt am {at}. Die Stunden sind fest gebucht.',
    declined: 'Abgesagt am {at}. Die Stunden sind wieder frei; die Koordination ist informiert.',
    expired:
      'Die Frist ist am {at} abgelaufen. Die Stunden sind wieder frei; die Koordination ist informiert.',
    late: 'Die Frist ist abgelaufen. Die Stunden werden freigegeben.',
    cancelled: 'Dieser Auftrag wurde storniert.',
    inactive: 'Ihr Betrieb ist im Netzwerk deaktiviert und kann nicht mehr antworten.',
    savedConfirm: 'Danke, Ihre Zusage ist gespeichert.',
    savedDecline: 'Danke, Ihre Absage ist gespeichert.',
  },
  en: {
    title: 'Your part of job {ref}',
    firm: 'Firm',
    request: 'Inquiry',
    work: 'Trades',
    hours: 'Hours',
    dates: 'Timeframe',
    place: "Customer's place",
    deadline: 'Answer by',
    until: '{from} to {to}',
    requested: 'The hours are held for you. Please confirm or decline; declining frees them at once.',
    confirm: 'Confirm',
    decline: 'Decline',
    confirmed: 'Confirmed on {at}. The hours are booked for good.',
    declined: 'Declined on {at}. The hours are free again; the coordinator has been told.',
    expired: 'The deadline passed on {at}. The hours are free again; the coordinator has been told.',
    late: 'The deadline has passed. The hours are being released.',
    cancelled: 'This job has been cancelled.',
    inactive: 'Your firm is deactivated in the network and can no longer answer.',
    savedConfirm: 'Thank you, your confirmation is saved.',
    savedDecline: 'Thank you, your decline is saved.',
  },
} as const;

export const OFFER_PAGE_HEADERS = {
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
button.yes{background:#0b5cad;color:#fff}.ok{background:#e3f4ea;color:#1f6f3f;padding:1rem;border-radius:6px}.off{background:#fbe9e7;color:#8a1c12;padding:1rem;border-radius:6px}`;

export interface OfferPageInput {
  network: string;
  timezone: string;
  firm: string;
  reference: string;
  subject: string;
  /** The part's competences (labels in the page's language) and hours. */
  work: { label: string; hours: number }[];
  timeframe: { from: string; to: string };
  place?: string | undefined;
  part: JobPart;
  jobCancelled: boolean;
  active: boolean;
  token: string;
  lang: Lang;
  saved?: 'confirm' | 'decline' | undefined;
  now: string;
}

export function offerPage(input: OfferPageInput): string {
  const x = TEXT[input.lang];
  const f = formats(input.lang, input.timezone);
  const { part } = input;
  const hours = input.work.reduce((s, w) => s + w.hours, 0);
  const rows: [string, string][] = [
    [x.firm, input.firm],
    [x.request, `${input.reference} – ${input.subject}`],
    [x.work, input.work.map((w) => `${w.label} ${f.number(w.hours)} h`).join(', ')],
    [x.hours, f.number(hours)],
    [
      x.dates,
      x.until.replace('{from}', f.date(input.timeframe.from)).replace('{to}', f.date(input.timeframe.to)),
    ],
    ...(input.place ? [[x.place, input.place] as [string, string]] : []),
    [x.deadline, f.dateTime(part.deadline)],
  ];
  const at = (iso: string | undefined) => f.dateTime(iso ?? part.deadline);
  const open = part.state === 'requested' && !input.jobCancelled && input.active && part.deadline > input.now;
  const status = input.jobCancelled
    ? `<p class="off" role="status">${esc(x.cancelled)}</p>`
    : part.state === 'confirmed'
      ? `<p class="ok" role="status">${esc(input.saved === 'confirm' ? x.savedConfirm : x.confirmed.replace('{at}', at(part.answeredAt)))}</p>`
      : part.state === 'declined'
        ? `<p class="${input.saved === 'decline' ? 'ok' : 'off'}" role="status">${esc(input.saved === 'decline' ? x.savedDecline : x.declined.replace('{at}', at(part.answeredAt)))}</p>`
        : part.state === 'expired'
          ? `<p class="off" role="status">${esc(x.expired.replace('{at}', at(part.deadline)))}</p>`
          : !input.active
            ? `<p class="off" role="status">${esc(x.inactive)}</p>`
            : part.deadline <= input.now
              ? `<p class="off" role="status">${esc(x.late)}</p>`
              : `<p>${esc(x.requested)}</p>`;
  const action = `${esc(input.token)}${input.lang === 'en' ? '?lang=en' : ''}`;
  const buttons = open
    ? `<form method="post" action="${action}"><button type="submit" class="yes" name="answer" value="confirm">${esc(x.confirm)}</button><button type="submit" name="answer" value="decline">${esc(x.decline)}</button></form>`
    : '';
  const title = x.title.replace('{ref}', input.reference);
  return `<!doctype html><html lang="${input.lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>${esc(title)} – ${esc(input.network)}</title><style>${STYLE}</style></head><body><main><p>${esc(input.network)}</p><h1>${esc(title)}</h1><dl>${rows.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(v)}</dd>`).join('')}</dl>${status}${buttons}</main></body></html>`;
}
