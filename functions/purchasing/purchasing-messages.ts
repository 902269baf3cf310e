import type { Lang } from '#shared/i18n';

/** The purchasing capability's words, German and English, in one place: orders and pool notices. */
export const MESSAGES = {
  de: {
    orderSubject: 'Bestellung',
    orderTitle: (n: string) => `Bestellung ${n}`,
    dear: (name: string) => `Guten Tag ${name},`,
    orders: (network: string) => `${network} bestellt bei Ihnen:`,
    orderNumber: 'Bestellnummer',
    orderDate: 'Bestelldatum',
    deliveryDate: 'Gewünschter Liefertermin',
    contact: 'Ansprechperson',
    deliverTo: 'Lieferung',
    central: (address: string) => `zentral an: ${address}`,
    perPartner: 'an die einzelnen Partner (siehe Lieferungen)',
    articleNo: 'Art.-Nr.',
    article: 'Artikel',
    quantity: 'Menge',
    unit: 'Einheit',
    unitPrice: 'Einzelpreis',
    net: 'Netto',
    shipping: 'Versand',
    netTotal: 'Summe netto',
    vat: (rate: string) => `USt ${rate} %`,
    grossTotal: 'Summe brutto',
    tier: (tier: number) => (tier > 0 ? `Staffel ${tier}` : 'Listenpreis'),
    deliveries: 'Lieferungen',
    partner: 'Partner',
    address: 'Lieferadresse',
    noAddress: 'Adresse folgt',
    attached:
      'Die angehängten Dateien (CSV und PDF) enthalten dieselbe Bestellung. Bitte bestätigen Sie an diese Adresse.',
    hello: (name: string) => `Guten Tag ${name},`,
    confirmedSubject: (q: string, article: string, total: string) =>
      `Bestellung bestätigt: ${q} ${article}, ${total}`,
    confirmedTitle: 'Bestellung bestätigt',
    confirmed: (article: string, network: string, q: string, supplier: string, ref: string) =>
      `der Einkaufspool für ${article} ist geschlossen; ${network} hat ${q} bei ${supplier} bestellt (Bestellnummer ${ref}).`,
    yourPart: 'Ihr Anteil',
    rounding: (asked: number, added: number, pack: number) =>
      `Sie hatten ${asked} angefragt; ${added} kamen dazu, um ganze Packungen zu ${pack} zu bestellen.`,
    shippingShare: 'Versandanteil',
    total: 'Gesamt (netto)',
    saved: (list: string, alone: string, aloneQ: string, alonePrice: string) =>
      `Sie sparen ${list} gegenüber dem Listenpreis und ${alone} gegenüber einer Einzelbestellung (${aloneQ} zu je ${alonePrice}).`,
    cancelledSubject: (article: string) => `Pool abgesagt: ${article}`,
    cancelledTitle: 'Einkaufspool abgesagt',
    cancelled: (article: string, supplier: string) =>
      `der Einkaufspool für ${article} bei ${supplier} wurde abgesagt. Es wurde nichts bestellt, Sie schulden nichts.`,
    reason: 'Grund',
    tierHeadline: (tier: number, price: string, next?: { units: number; tier: number; price: string }) =>
      `Staffel ${tier} erreicht: ${price} pro Einheit; ${next ? `noch ${next.units} Einheiten bis Staffel ${next.tier} (${next.price})` : 'das ist die beste Staffel'}`,
    tierBody: (article: string, q: string, headline: string) =>
      `der Einkaufspool für ${article} hält jetzt ${q}: ${headline}.`,
    closesAt: (when: string, tz: string) => `Er schließt am ${when} (${tz}).`,
    openedSubject: (article: string) => `Neuer Einkaufspool: ${article}`,
    openedTitle: 'Neuer Einkaufspool',
    opened: (network: string, article: string, supplier: string) =>
      `${network} hat einen Einkaufspool für ${article} bei ${supplier} geöffnet. Je mehr mitmachen, desto günstiger wird es für alle.`,
    listPrice: 'Listenpreis',
    tiers: 'Staffeln',
    from: (q: string) => `ab ${q}`,
    deadline: 'Anmeldeschluss',
    join: 'Mitmachen können Sie im Verbund unter „Einkaufspools“.',
    optOut: 'Keine Pool-Mails mehr? Stellen Sie sie in Ihrem Profil ab (poolMails: false).',
    failedSubject: (article: string) => `Pool nicht zustande gekommen: ${article}`,
    failedTitle: 'Ein Einkaufspool ist nicht zustande gekommen',
    failed: (article: string, supplier: string) =>
      `der Einkaufspool für ${article} bei ${supplier} wurde ohne Bestellung geschlossen; die Teilnehmenden sind informiert.`,
    reminderSubject: (article: string) => `Erinnerung: Einkaufspool ${article} schließt bald`,
    reminderTitle: 'Der Einkaufspool schließt bald',
    reminder: (article: string, when: string) => `der Einkaufspool für ${article} schließt am ${when}.`,
    standing: (q: string, headline: string) => `Aktuell ${q}: ${headline}.`,
  },
  en: {
    orderSubject: 'Purchase order',
    orderTitle: (n: string) => `Purchase order ${n}`,
    dear: (name: string) => `Dear ${name},`,
    orders: (network: string) => `${network} orders from you:`,
    orderNumber: 'Order number',
    orderDate: 'Order date',
    deliveryDate: 'Requested delivery date',
    contact: 'Contact person',
    deliverTo: 'Delivery',
    central: (address: string) => `to one address: ${address}`,
    perPartner: 'to each partner (see deliveries)',
    articleNo: 'Article no.',
    article: 'Article',
    quantity: 'Quantity',
    unit: 'Unit',
    unitPrice: 'Unit price',
    net: 'Net',
    shipping: 'Shipping',
    netTotal: 'Total net',
    vat: (rate: string) => `VAT ${rate} %`,
    grossTotal: 'Total gross',
    tier: (tier: number) => (tier > 0 ? `tier ${tier}` : 'list price'),
    deliveries: 'Deliveries',
    partner: 'Partner',
    address: 'Delivery address',
    noAddress: 'address to follow',
    attached: 'The attached files (CSV and PDF) hold the same order. Please confirm to this address.',
    hello: (name: string) => `Hello ${name},`,
    confirmedSubject: (q: string, article: string, total: string) =>
      `Order confirmed: ${q} ${article}, ${total}`,
    confirmedTitle: 'Order confirmed',
    confirmed: (article: string, network: string, q: string, supplier: string, ref: string) =>
      `the pool for ${article} closed and ${network} ordered ${q} from ${supplier} (order number ${ref}).`,
    yourPart: 'Your part',
    rounding: (asked: number, added: number, pack: number) =>
      `You asked for ${asked}; ${added} added to fill whole packs of ${pack}.`,
    shippingShare: 'Shipping share',
    total: 'Total (net)',
    saved: (list: string, alone: string, aloneQ: string, alonePrice: string) =>
      `You saved ${list} against the list price and ${alone} against ordering alone (${aloneQ} at ${alonePrice}).`,
    cancelledSubject: (article: string) => `Pool cancelled: ${article}`,
    cancelledTitle: 'Purchase pool cancelled',
    cancelled: (article: string, supplier: string) =>
      `the purchase pool for ${article} from ${supplier} was cancelled. Nothing was ordered and you owe nothing.`,
    reason: 'Reason',
    tierHeadline: (tier: number, price: string, next?: { units: number; tier: number; price: string }) =>
      `tier ${tier} reached: ${price} per unit; ${next ? `${next.units} units to tier ${next.tier} (${next.price})` : 'this is the best tier'}`,
    tierBody: (article: string, q: string, headline: string) =>
      `the purchase pool for ${article} now holds ${q}: ${headline}.`,
    closesAt: (when: string, tz: string) => `It closes at ${when} (${tz}).`,
    openedSubject: (article: string) => `New purchase pool: ${article}`,
    openedTitle: 'New purchase pool',
    opened: (network: string, article: string, supplier: string) =>
      `${network} opened a purchase pool for ${article} from ${supplier}. The more join, the cheaper it gets for everyone.`,
    listPrice: 'List price',
    tiers: 'Tiers',
    from: (q: string) => `from ${q}`,
    deadline: 'Closes',
    join: 'Join it in Verbund under "Purchase pools".',
    optOut: 'No more pool mails? Turn them off in your profile (poolMails: false).',
    failedSubject: (article: string) => `Pool failed: ${article}`,
    failedTitle: 'A purchase pool failed',
    failed: (article: string, supplier: string) =>
      `the purchase pool for ${article} from ${supplier} closed without an order; its participants were told.`,
    reminderSubject: (article: string) => `Reminder: the purchase pool ${article} closes soon`,
    reminderTitle: 'The purchase pool closes soon',
    reminder: (article: string, when: string) => `the purchase pool for ${article} closes at ${when}.`,
    standing: (q: string, headline: string) => `It now holds ${q}: ${headline}.`,
  },
} satisfies Record<Lang, Record<string, unknown>>;

/**
 * The close rule's reasons (pool.ts `closeDecision`, stored in English on the pool) in German;
 * a coordinator's own reason is shown as written.
 */
const RULE_REASONS_DE: [RegExp, (m: RegExpExecArray) => string][] = [
  [/^nobody joined the pool$/, () => 'niemand hat am Pool teilgenommen'],
  [
    /^the deadline passed and this pool orders only when the coordinator closes it early$/,
    () =>
      'die Frist ist abgelaufen, und dieser Pool bestellt nur, wenn die Koordination ihn vorzeitig schließt',
  ],
  [
    /^the minimum total quantity of (\d+) was not reached \((\d+) requested\)$/,
    (m) => `die Mindestmenge von ${m[1]} wurde nicht erreicht (${m[2]} angefragt)`,
  ],
];

export function reasonIn(lang: Lang, reason: string): string {
  if (lang !== 'de') return reason;
  for (const [re, de] of RULE_REASONS_DE) {
    const m = re.exec(reason);
    if (m) return de(m);
  }
  return reason;
}
