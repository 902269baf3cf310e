import type { Notice } from '#functions/notifications/index';
import { type CsvCell, toCsv } from '#shared/csv';
import { type Formats, formats, type Lang, langOf, langOr } from '#shared/i18n';
import type { Address, OutgoingMail } from '#shared/mail/compose';
import {
  type Block,
  facts,
  languagesFor,
  list,
  type MailBody,
  p,
  quote,
  renderMail,
  subjectIn,
  table,
} from '#shared/mail/layout';
import type { Allocation, AllocationLine, TierProgress } from './pool';
import { MESSAGES, reasonIn } from './purchasing-messages';
import type { Pool } from './schema';

/**
 * The e-mails a pool sends, built without I/O: the supplier's purchase order (HTML + CSV, the
 * PDF is added by order-pdf.ts), each participant's confirmation, the cancellation notice, the
 * "tier reached" notice, the "pool opened" mail and the reminder before the deadline. They go
 * out in the network's name and answer to its contact person, each in its recipient's language:
 * a partner's own or the network's; a supplier's own or, unknown, German and English.
 */

export interface Sender {
  from: Address;
  networkName: string;
  contact: { name: string; email: string; phone?: string };
  /** The network's language tag and time zone (formats); `de-AT` and Vienna when absent. */
  language?: string;
  timezone?: string;
}

export interface Recipient {
  partnerId: string;
  name: string;
  email: string;
  language?: string;
  deliveryAddress?: string;
  /** The partner turned pool announcements off. */
  poolMailsOff?: boolean;
  active?: boolean;
}

/** What an order names for each delivery: the partner's name and its address. */
export type Deliveries = ReadonlyMap<string, string | Pick<Recipient, 'name' | 'deliveryAddress'>>;

/** The order number the supplier quotes back: the pool's short one, `PO-` and the id for older pools. */
export const orderReference = (pool: Pick<Pool, 'id' | 'orderNumber'>) =>
  pool.orderNumber ?? `PO-${pool.id.toUpperCase()}`;

const signature = (s: Sender) =>
  [s.contact.name, s.networkName, s.contact.email, s.contact.phone].filter((x): x is string => !!x);

const senderLang = (s: Sender): Lang => langOr(s.language ?? 'de-AT', 'de');
const recipientLang = (s: Sender, to: Pick<Recipient, 'language'>): Lang =>
  langOr(to.language, senderLang(s));
const fmtFor = (s: Sender, lang: Lang, tag?: string) =>
  formats(lang, s.timezone ?? 'Europe/Vienna', tag ?? s.language);

const delivery = (d: Deliveries, partnerId: string) => {
  const v = d.get(partnerId);
  return typeof v === 'string' ? { name: v } : (v ?? { name: partnerId });
};

/** Net, VAT and gross of an order: VAT rounded to the cent on the net total. */
export function orderAmounts(pool: Pick<Pool, 'vatRatePct'>, allocation: Allocation) {
  const vatRatePct = pool.vatRatePct ?? 20;
  const netCents = allocation.totalCents;
  const vatCents = Math.round((netCents * vatRatePct) / 100);
  return { netCents, vatRatePct, vatCents, grossCents: netCents + vatCents };
}

/**
 * The purchase order as CSV: one row per delivery (participant, with its address), then
 * shipping, the net total, VAT and the gross total. Amounts are numbers with two decimals.
 * Article and partner names come from partners and are guarded by the CSV writer: the file goes
 * to an outside supplier. No byte-order mark, as ERP imports expect plain UTF-8.
 */
export function orderCsv(pool: Pool, allocation: Allocation, deliveries: Deliveries): string {
  const header = [
    'reference',
    'article_number',
    'article',
    'unit',
    'deliver_to',
    'delivery_address',
    'requested_delivery_date',
    'quantity',
    'unit_price_eur',
    'line_total_eur',
  ];
  const ref = orderReference(pool);
  const date = pool.deliveryDate ?? '';
  const rows: CsvCell[][] = allocation.lines.map((l) => {
    const d = delivery(deliveries, l.partnerId);
    return [
      ref,
      pool.article.number,
      pool.article.name,
      pool.article.unit,
      d.name,
      (pool.centralDeliveryAddress ?? d.deliveryAddress ?? '').replace(/\s*\n\s*/g, ', '),
      date,
      l.quantity,
      { cents: l.unitPriceCents },
      { cents: l.lineTotalCents },
    ];
  });
  const a = orderAmounts(pool, allocation);
  const sum = (label: string, cents: number): CsvCell[] => [
    ref,
    '',
    label,
    '',
    '',
    '',
    '',
    '',
    '',
    { cents },
  ];
  rows.push(sum('shipping', allocation.shippingCents));
  rows.push([
    ref,
    pool.article.number,
    'TOTAL',
    pool.article.unit,
    '',
    '',
    date,
    allocation.orderQuantity,
    { cents: allocation.unitPriceCents },
    { cents: a.netCents },
  ]);
  rows.push(sum(`VAT ${a.vatRatePct} %`, a.vatCents), sum('TOTAL incl. VAT', a.grossCents));
  return toCsv(header, rows, { bom: false });
}

/** The order as language-neutral rows: what the HTML, the text part and the PDF all show. */
export function orderDocument(
  pool: Pool,
  allocation: Allocation,
  sender: Sender,
  deliveries: Deliveries,
  lang: Lang,
  now: string,
) {
  const m = MESSAGES[lang];
  const f = fmtFor(sender, lang, pool.supplier.language);
  const ref = orderReference(pool);
  const { article } = pool;
  const a = orderAmounts(pool, allocation);
  const contact = [sender.contact.name, sender.contact.email, sender.contact.phone]
    .filter(Boolean)
    .join(', ');
  const factRows: [string, string | undefined][] = [
    [m.orderNumber, ref],
    [m.orderDate, f.date(now.slice(0, 10))],
    [m.deliveryDate, pool.deliveryDate ? f.date(pool.deliveryDate) : undefined],
    [m.contact, contact],
    [
      m.deliverTo,
      pool.centralDeliveryAddress
        ? m.central(pool.centralDeliveryAddress.replace(/\s*\n\s*/g, ', '))
        : m.perPartner,
    ],
  ];
  const head = [m.articleNo, m.article, m.quantity, m.unitPrice, m.net];
  const rows = [
    [
      article.number,
      `${article.name} (${m.tier(allocation.tier)})`,
      `${f.number(allocation.orderQuantity)} ${article.unit}`,
      f.money(allocation.unitPriceCents),
      f.money(allocation.goodsTotalCents),
    ],
  ];
  const foot = [
    ['', m.shipping, '', '', f.money(allocation.shippingCents)],
    ['', m.netTotal, '', '', f.money(a.netCents)],
    ['', m.vat(f.number(a.vatRatePct)), '', '', f.money(a.vatCents)],
    ['', m.grossTotal, '', '', f.money(a.grossCents)],
  ];
  const deliveryRows = allocation.lines.map((l) => {
    const d = delivery(deliveries, l.partnerId);
    return [
      d.name,
      pool.centralDeliveryAddress ? '–' : (d.deliveryAddress?.replace(/\s*\n\s*/g, ', ') ?? m.noAddress),
      `${f.number(l.quantity)} ${article.unit}`,
    ];
  });
  return {
    title: m.orderTitle(ref),
    greeting: m.dear(pool.supplier.name),
    intro: m.orders(sender.networkName),
    facts: factRows,
    table: { head, rows, foot },
    deliveries: { title: m.deliveries, head: [m.partner, m.address, m.quantity], rows: deliveryRows },
    closing: m.attached,
    signature: signature(sender),
  };
}

/** The languages an order is written in: the supplier's, or German and English. */
export const supplierLanguages = (pool: Pick<Pool, 'supplier'>) =>
  languagesFor(langOf(pool.supplier.language));

/** The purchase order for the supplier, with the CSV attached (the PDF is added by the caller). */
export function supplierOrderMail(
  pool: Pool,
  allocation: Allocation,
  sender: Sender,
  deliveries: Deliveries,
  now = new Date().toISOString(),
): OutgoingMail {
  const ref = orderReference(pool);
  const { article } = pool;
  const langs = supplierLanguages(pool);
  const bodies: MailBody[] = langs.map((lang) => {
    const d = orderDocument(pool, allocation, sender, deliveries, lang, now);
    return {
      lang,
      title: d.title,
      blocks: [
        p(d.greeting),
        p(d.intro),
        facts(d.facts),
        table(d.table.head, d.table.rows, { foot: d.table.foot, numeric: [2, 3, 4] }),
        { kind: 'h', text: d.deliveries.title },
        table(d.deliveries.head, d.deliveries.rows, { numeric: [2] }),
        p(d.closing),
      ],
      signature: d.signature,
    };
  });
  return {
    from: sender.from,
    to: [{ name: pool.supplier.name, address: pool.supplier.email }],
    replyTo: { name: sender.contact.name, address: sender.contact.email },
    subject: `${subjectIn(langs.map((l) => MESSAGES[l].orderSubject))} ${ref}: ${allocation.orderQuantity} ${article.unit} ${article.name}`,
    ...renderMail(bodies),
    attachments: [
      {
        filename: `${ref}.csv`,
        contentType: 'text/csv; charset=utf-8',
        content: orderCsv(pool, allocation, deliveries),
      },
    ],
  };
}

function partnerMail(sender: Sender, to: Recipient, subject: string, body: MailBody): OutgoingMail {
  return {
    from: sender.from,
    to: [{ name: to.name, address: to.email }],
    replyTo: { name: sender.contact.name, address: sender.contact.email },
    subject,
    ...renderMail([body]),
    headers: { 'Auto-Submitted': 'auto-generated' },
  };
}

/** A participant's confirmation: what it gets, what it pays, what it saved. */
export function confirmationMail(
  pool: Pool,
  allocation: Allocation,
  line: AllocationLine,
  sender: Sender,
  to: Recipient,
): OutgoingMail {
  const lang = recipientLang(sender, to);
  const m = MESSAGES[lang];
  const f = fmtFor(sender, lang, to.language);
  const { article } = pool;
  const q = (n: number) => `${f.number(n)} ${article.unit}`;
  const blocks: Block[] = [
    p(m.hello(to.name)),
    p(
      m.confirmed(
        article.name,
        sender.networkName,
        q(allocation.orderQuantity),
        pool.supplier.name,
        orderReference(pool),
      ),
    ),
    { kind: 'h', text: m.yourPart },
    facts([
      [m.quantity, `${q(line.quantity)} × ${f.money(line.unitPriceCents)} = ${f.money(line.lineTotalCents)}`],
      [m.shippingShare, f.money(line.shippingCents)],
      [m.total, f.money(line.totalCents)],
    ]),
  ];
  if (line.quantity > line.requestedQuantity) {
    blocks.push(
      p(m.rounding(line.requestedQuantity, line.quantity - line.requestedQuantity, pool.packSize ?? 1)),
    );
  }
  blocks.push(
    p(
      m.saved(
        f.money(line.savingsVsListCents),
        f.money(line.savingsVsAloneCents),
        q(line.aloneQuantity),
        f.money(line.aloneUnitPriceCents),
      ),
    ),
  );
  return partnerMail(
    sender,
    to,
    m.confirmedSubject(q(line.quantity), article.name, f.money(line.totalCents)),
    {
      lang,
      title: m.confirmedTitle,
      blocks,
      signature: signature(sender),
    },
  );
}

/** A participant learns that the pool was cancelled and why (the coordinator's or the rule's words). */
export function cancellationMail(pool: Pool, reason: string, sender: Sender, to: Recipient): OutgoingMail {
  const lang = recipientLang(sender, to);
  const m = MESSAGES[lang];
  return partnerMail(sender, to, m.cancelledSubject(pool.article.name), {
    lang,
    title: m.cancelledTitle,
    blocks: [
      p(m.hello(to.name)),
      p(m.cancelled(pool.article.name, pool.supplier.name)),
      p(`${m.reason}:`),
      quote(reasonIn(lang, reason)),
    ],
    signature: signature(sender),
  });
}

/** `2026-12-01 17:00` in the pool's timezone: how people read a deadline. */
export function localTime(iso: string, timezone: string): string {
  return new Intl.DateTimeFormat('sv-SE', {
    timeZone: timezone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(iso));
}

/** The headline of a "tier reached" notice: `Staffel 2 erreicht: 11,40 € pro Einheit; …`. */
export function tierHeadline(
  progress: TierProgress,
  lang: Lang = 'en',
  f: Formats = formats(lang, 'Europe/Vienna'),
): string {
  const next = progress.next
    ? {
        units: progress.next.unitsToGo,
        tier: progress.next.tier,
        price: f.money(progress.next.unitPriceCents),
      }
    : undefined;
  return MESSAGES[lang].tierHeadline(progress.current.tier, f.money(progress.current.unitPriceCents), next);
}

export function tierReachedMail(
  pool: Pool,
  progress: TierProgress,
  sender: Sender,
  to: Recipient,
): OutgoingMail {
  const lang = recipientLang(sender, to);
  const m = MESSAGES[lang];
  const f = formats(lang, pool.timezone, to.language ?? sender.language);
  const headline = tierHeadline(progress, lang, f);
  return partnerMail(sender, to, `${pool.article.name}: ${headline}`, {
    lang,
    title: pool.article.name,
    blocks: [
      p(m.hello(to.name)),
      p(m.tierBody(pool.article.name, `${f.number(progress.quantity)} ${pool.article.unit}`, headline)),
      p(m.closesAt(f.dateTime(pool.deadline), pool.timezone)),
    ],
    signature: signature(sender),
  });
}

function poolFacts(pool: Pool, f: Formats, lang: Lang): Block[] {
  const m = MESSAGES[lang];
  return [
    facts([
      [m.article, `${pool.article.name} (${pool.article.number})`],
      [m.listPrice, `${f.money(pool.listPriceCents)} / ${pool.article.unit}`],
      [m.deadline, `${f.dateTime(pool.deadline)} (${pool.timezone})`],
    ]),
    { kind: 'h', text: m.tiers },
    list(
      pool.tiers.map(
        (t) => `${m.from(`${f.number(t.minQuantity)} ${pool.article.unit}`)}: ${f.money(t.unitPriceCents)}`,
      ),
    ),
  ];
}

/** A partner may join a pool that just opened (partners who turned pool mails off get none). */
export function poolOpenedMail(pool: Pool, sender: Sender, to: Recipient): OutgoingMail {
  const lang = recipientLang(sender, to);
  const m = MESSAGES[lang];
  const f = formats(lang, pool.timezone, to.language ?? sender.language);
  return partnerMail(sender, to, m.openedSubject(pool.article.name), {
    lang,
    title: m.openedTitle,
    blocks: [
      p(m.hello(to.name)),
      p(m.opened(sender.networkName, pool.article.name, pool.supplier.name)),
      ...poolFacts(pool, f, lang),
      p(m.join),
      p(m.optOut),
    ],
    signature: signature(sender),
  });
}

/** The reminder before the deadline, to partners who may still join or change their quantity. */
export function poolReminderMail(
  pool: Pool,
  progress: TierProgress,
  sender: Sender,
  to: Recipient,
): OutgoingMail {
  const lang = recipientLang(sender, to);
  const m = MESSAGES[lang];
  const f = formats(lang, pool.timezone, to.language ?? sender.language);
  return partnerMail(sender, to, m.reminderSubject(pool.article.name), {
    lang,
    title: m.reminderTitle,
    blocks: [
      p(m.hello(to.name)),
      p(m.reminder(pool.article.name, `${f.dateTime(pool.deadline)} (${pool.timezone})`)),
      p(m.standing(`${f.number(progress.quantity)} ${pool.article.unit}`, tierHeadline(progress, lang, f))),
      p(m.join),
      p(m.optOut),
    ],
    signature: signature(sender),
  });
}

/**
 * The notice of a pool that closed without an order, for the contact person and the coordinators
 * who opted in (at once or in their daily summary; one per pool).
 */
export function poolFailedNoticeOf(pool: Pool, reason: string): Notice {
  return {
    kind: 'pool-failed',
    key: pool.id.replace(/[^A-Za-z0-9_-]/g, '').slice(0, 80),
    content: (lang) => {
      const m = MESSAGES[lang];
      return {
        subject: m.failedSubject(pool.article.name),
        title: m.failedTitle,
        blocks: [p(m.failed(pool.article.name, pool.supplier.name)), quote(reasonIn(lang, reason))],
        line: `${pool.article.name} (${pool.supplier.name}): ${reasonIn(lang, reason)}`,
      };
    },
  };
}
