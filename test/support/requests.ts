import { type Route, routes } from '#infra/routes';
import { type Claims, type call, claims } from './api';

const inDays = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString();

/**
 * One valid request body per route that takes one, as a client would send it: the seeds that
 * bad-input tests and the no-5xx fuzz change one field of. Ids in paths need not exist: bodies
 * are parsed before any lookup.
 */
export const validBodies: Record<string, Record<string, unknown>> = {
  'POST /networks': {
    name: 'Netzwerk Nord',
    slug: 'nord',
    contact: { name: 'Maria Huber', email: 'office@nord.example', phone: '+43 1 234 5678' },
    inboundLocalPart: 'nord-office',
    timezone: 'Europe/Vienna',
    referencePrefix: 'NRD',
  },
  'PATCH /network': { name: 'Netzwerk Süd', contact: { name: 'Jana Kovač', email: 'jana@sued.example' } },
  'POST /competences': { label_de: 'Dachdeckerei', label_en: 'Roofing', synonyms: ['Dach', 'Spengler'] },
  'PATCH /competences/{competenceId}': { label_de: 'Dach', label_en: 'Roof', synonyms: ['Ziegel'] },
  'POST /partners': {
    name: 'Tischlerei Gruber',
    contact: { name: 'Franz Gruber', email: 'franz@gruber.example' },
    postcode: '1070',
    region: 'Wien',
    description: 'Möbel und Innenausbau\nseit 1982',
    competences: [{ competenceId: 'carpentry', level: 3 }],
  },
  'PATCH /partners/{partnerId}': { name: 'Tischlerei Gruber KG', region: 'Wien', description: 'Innenausbau' },
  'PUT /partners/{partnerId}/competences': { competences: [{ competenceId: 'carpentry', level: 4 }] },
  'POST /partners/{partnerId}/resources': {
    kind: 'people',
    name: 'Anna Berger',
    hoursPerWeek: 38,
    exceptions: [{ from: '2026-08-03', to: '2026-08-14', hours: 0 }],
  },
  'PATCH /partners/{partnerId}/resources/{resourceId}': { name: 'Anna B.', hoursPerWeek: 30 },
  'POST /public/{slug}/inquiries': {
    customer: { name: 'Jörg Müller', email: 'joerg@kunde.example', phone: '+43 660 1234567' },
    postcode: '1070',
    region: 'Wien',
    subject: 'Einbauküche',
    text: 'Wir suchen einen Tischler.\nBitte um Rückruf.',
    timeframe: { from: '2026-09-01', to: '2026-10-31' },
    budgetCents: 1_500_000,
    consent: true,
  },
  'POST /inquiries': {
    customer: { name: 'Karin Berger', email: 'karin@kunde.example' },
    subject: 'Dachstuhl',
    text: 'Dachstuhl neu',
    region: 'Wien',
    competences: [{ competenceId: 'carpentry', hours: 40 }],
  },
  'POST /inquiries/{inquiryId}/status': { status: 'qualified', reason: 'Rückruf erledigt' },
  'POST /inquiries/{inquiryId}/notes': { text: 'Kundin ruft zurück.' },
  'POST /public/{slug}/status/{token}/messages': { text: 'Wir sind ab 8 Uhr zu Hause.' },
  'POST /inquiries/{inquiryId}/replies': { text: 'Guten Tag,\nwir melden uns.', subject: 'Ihre Anfrage' },
  'PUT /inquiries/{inquiryId}/competences': { competences: [{ competenceId: 'carpentry', hours: 20 }] },
  'POST /inquiries/{inquiryId}/proposals': {
    count: 2,
    competences: [{ competenceId: 'carpentry', hours: 16 }],
    timeframe: { from: '2030-03-04', to: '2030-03-10' },
  },
  'POST /inquiries/{inquiryId}/job/parts/{partnerId}/replacements': { count: 2 },
  'POST /inquiries/{inquiryId}/proposals/{proposalId}/accept': {
    leadPartnerId: 'x1-p1',
    assignments: [{ competenceId: 'carpentry', partnerId: 'x1-p1', hours: 8 }],
  },
  'POST /referrals': {
    customer: { name: 'Eva Wolf', email: 'eva@kunde.example' },
    subject: 'Badsanierung',
    text: 'Bad neu, Fliesen und Elektro.',
    region: 'Graz',
    timeframe: { from: '2030-03-04', to: '2030-03-10' },
  },
  'POST /pools': {
    supplier: { name: 'Holz Großhandel GmbH', email: 'orders@holz.example' },
    article: { name: 'OSB-Platte 18 mm', number: 'OSB-18', unit: 'Stk' },
    listPriceCents: 1500,
    tiers: [{ minQuantity: 10, unitPriceCents: 1300 }],
    deadline: inDays(7),
  },
  'POST /pools/{poolId}/lines': { quantity: 5 },
  'PATCH /pools/{poolId}/lines/{partnerId}': { quantity: 6 },
  'PUT /pools/{poolId}/deadline': { deadline: inDays(8) },
  'POST /pools/{poolId}/cancel': { reason: 'Lieferant insolvent' },
  'PUT /reports/schedule': { frequency: 'weekly', weekday: 'MON', time: '07:00', timezone: 'Europe/Vienna' },
  'PUT /reports/subscription': { subscribed: true },
  // the partners are those of test/support/networks.ts' givenNetwork('ctl')
  'POST /funding/projects': {
    title: 'Digitale Werkstatt',
    start: '2027-01-01',
    end: '2028-12-31',
    partners: [
      { partnerId: 'ctl-p1', role: 'lead', fundingRatePct: 60 },
      { partnerId: 'ctl-p2', role: 'partner', fundingRatePct: 50 },
    ],
    workPackages: [
      { id: 'wp1', title: 'Analyse', plan: [{ partnerId: 'ctl-p1', hours: 100, personnelCents: 850_000 }] },
    ],
    categories: [{ id: 'eng', partnerId: 'ctl-p1', name: 'Technik', hourlyRateCents: 8500 }],
  },
  'POST /funding/checks': {
    title: 'Digitale Werkstatt',
    start: '2027-01-01',
    end: '2028-12-31',
    partners: [{ partnerId: 'ctl-p1', role: 'lead', fundingRatePct: 60 }],
    workPackages: [
      { id: 'wp1', title: 'Analyse', plan: [{ partnerId: 'ctl-p1', hours: 100, personnelCents: 850_000 }] },
    ],
    categories: [{ id: 'eng', partnerId: 'ctl-p1', name: 'Technik', hourlyRateCents: 8500 }],
  },
  'PATCH /funding/projects/{projectId}': { revision: 1, title: 'Digitale Werkstatt 2' },
  'POST /funding/projects/{projectId}/time-records': {
    categoryId: 'eng',
    person: 'A. Berger',
    workPackageId: 'wp1',
    when: '2027-W05',
    hours: 7.5,
    note: 'Workshop\nmit Uni',
  },
  'PATCH /funding/projects/{projectId}/time-records/{recordId}': { hours: 8, person: 'A. B.' },
  'POST /funding/projects/{projectId}/costs': {
    kind: 'travel',
    workPackageId: 'wp1',
    date: '2027-02-03',
    amountCents: 4500,
    description: 'Bahn Wien–Linz',
  },
  'PATCH /funding/projects/{projectId}/costs/{costId}': {
    seen: '2027-02-03T10:00:00.000Z',
    amountCents: 5000,
    description: 'Bahn Wien–Linz\nretour',
  },
  'POST /exchange/questions': {
    title: 'Wie kalkuliert ihr Einbauküchen?',
    body: 'Wir rechnen **pro Laufmeter**.\nUnd ihr?',
    competences: ['carpentry'],
  },
  'POST /exchange/practices': {
    title: 'Unsere Baustellen-Checkliste',
    body: '- Strom\n- Wasser',
    competences: ['carpentry'],
  },
  'PATCH /exchange/posts/{postId}': { version: 1, title: 'Neuer Titel', body: 'Neuer Text' },
  'POST /exchange/posts/{postId}/moderation': { hidden: true, locked: true },
  'POST /exchange/posts/{postId}/answers': { body: 'Mit Stundensätzen.' },
  'PATCH /exchange/posts/{postId}/answers/{answerId}': { version: 1, body: 'Pauschal.' },
  'POST /exchange/meetings': {
    title: 'Erfa-Runde',
    startsAt: inDays(14).slice(0, 16),
    durationMinutes: 90,
    place: 'Werkstatt Gruber',
    agenda: [{ title: 'Kalkulation' }],
  },
  'PUT /exchange/meetings/{meetingId}/rsvp': { answer: 'maybe' },
  'POST /public/{slug}/rsvp/{token}': { answer: 'yes' },
  'POST /public/{slug}/offer/{token}': { answer: 'confirm' },
  'PUT /exchange/meetings/{meetingId}/minutes': { minutes: 'Ergebnis:\n- Vorlagen teilen' },
  'PUT /exchange/preferences': { expertMail: 'digest', weeklyDigest: true },
  'PUT /exchange/digest': { enabled: true, weekday: 'MON', time: '07:00' },
  'PUT /notifications/preference': { delivery: 'daily', language: 'en-GB' },
  'POST /exchange/posts/{postId}/attachments': {
    filename: 'Checkliste.txt',
    contentType: 'text/plain',
    contentBase64: 'U3Ryb20sIFdhc3Nlcg==',
  },
};

/** Fields that are free text: line breaks and tabs belong there, other control characters do not. */
export const multilineFields = new Set(['text', 'description', 'reason', 'note', 'body', 'minutes']);

export type RouteHandler = Parameters<typeof call>[0] & {
  contract: { auth: 'public' | readonly string[]; body?: unknown };
};

export const routeKey = (r: Route) => `${r.method} ${r.path}`;

export const apiRoutes = (routes as readonly Route[]).filter((r) => !r.entry.startsWith('functions/meta/'));

export async function handlerOf(route: Route): Promise<RouteHandler> {
  return ((await import(`../../${route.entry}`)) as { handler: RouteHandler }).handler;
}

/** A caller the route admits, of `networkId` (partner: `<networkId>-p1`). */
export function callerFor(handler: RouteHandler, networkId: string): Claims | undefined {
  const auth = handler.contract.auth;
  if (auth === 'public') return undefined;
  if (auth.includes('coordinator')) return claims.coordinator(networkId);
  if (auth.includes('partner')) return claims.partner(networkId, `${networkId}-p1`);
  return claims.operator();
}

/** The route's path with every parameter filled by a well-formed id that need not exist. */
export const samplePath = (path: string, slug: string) =>
  path.replace(/\{(\w+)\}/g, (_, name: string) =>
    name === 'month'
      ? '2026-11'
      : name === 'mailId'
        ? '0123456789abcdef0123456789abcdef'
        : name === 'proposalId'
          ? '01jabcdefghjkmnpqrstvwxyz0-1'
          : name === 'slug'
            ? slug
            : name === 'token'
              ? path.includes('/rsvp/')
                ? `x1-meeting.x1-partner.1797102000.${'x'.repeat(43)}`
                : path.includes('/offer/')
                  ? `x1-inquiry.x1-job.x1-partner.1797102000.${'x'.repeat(43)}`
                  : path.includes('/calendar/')
                    ? `${'x'.repeat(43)}.ics`
                    : 'x1TokenOfAStatusLinkx1TokenOfASt'
              : `x1-${name.toLowerCase()}`,
  );

/** Every string leaf of a JSON value with its dotted path (`customer.name`, `tiers.0.x`). */
export function stringLeaves(value: unknown, prefix: string[] = []): string[][] {
  if (typeof value === 'string') return [prefix];
  if (Array.isArray(value)) return value.flatMap((v, i) => stringLeaves(v, [...prefix, String(i)]));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => stringLeaves(v, [...prefix, k]));
  }
  return [];
}

/** A deep copy of `value` with the leaf at `path` replaced. */
export function withLeaf(value: unknown, path: readonly string[], leaf: unknown): unknown {
  if (path.length === 0) return leaf;
  const [head, ...rest] = path as [string, ...string[]];
  if (Array.isArray(value)) return value.map((v, i) => (String(i) === head ? withLeaf(v, rest, leaf) : v));
  const obj = value as Record<string, unknown>;
  return { ...obj, [head]: withLeaf(obj[head], rest, leaf) };
}
