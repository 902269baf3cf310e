import { type CsvCell, toCsv } from '#shared/csv';
import type { Address, OutgoingMail } from '#shared/mail/compose';
import { esc } from '#shared/mail/html';
import { euro, formatCents } from '#shared/money';
import type { Allocation, AllocationLine, TierProgress } from './pool';
import type { Pool } from './schema';

/**
 * The e-mails a pool sends, built without I/O: the supplier's purchase order (HTML + CSV), each
 * participant's confirmation, the cancellation notice and the "tier reached" notice. They all go
 * out in the network's name (its one public face) and answer to its contact person.
 */

export interface Sender {
  from: Address;
  networkName: string;
  contact: { name: string; email: string; phone?: string };
}

export interface Recipient {
  partnerId: string;
  name: string;
  email: string;
}

/** The order reference the supplier quotes back: `PO-` and the pool id. */
export const orderReference = (pool: Pick<Pool, 'id'>) => `PO-${pool.id.toUpperCase()}`;

const signature = (s: Sender) =>
  [s.contact.name, s.networkName, s.contact.email, s.contact.phone].filter(Boolean).join('\n');

/**
 * The purchase order as CSV: one row per delivery (participant), then shipping and the total.
 * Amounts in euros with a dot (`11.40`), so spreadsheets and ERP imports read them alike.
 * Article and partner names come from partners and are guarded by the CSV writer: the file goes
 * to an outside supplier. No byte-order mark, as ERP imports expect plain UTF-8.
 */
export function orderCsv(pool: Pool, allocation: Allocation, names: ReadonlyMap<string, string>): string {
  const header = [
    'reference',
    'article_number',
    'article',
    'unit',
    'deliver_to',
    'quantity',
    'unit_price_eur',
    'line_total_eur',
  ];
  const ref = orderReference(pool);
  const rows: CsvCell[][] = allocation.lines.map((l) => [
    ref,
    pool.article.number,
    pool.article.name,
    pool.article.unit,
    names.get(l.partnerId) ?? l.partnerId,
    l.quantity,
    formatCents(l.unitPriceCents),
    formatCents(l.lineTotalCents),
  ]);
  rows.push([ref, '', 'shipping', '', '', '', '', formatCents(allocation.shippingCents)]);
  rows.push([
    ref,
    pool.article.number,
    'TOTAL',
    pool.article.unit,
    '',
    allocation.orderQuantity,
    formatCents(allocation.unitPriceCents),
    formatCents(allocation.totalCents),
  ]);
  return toCsv(header, rows, { bom: false });
}

/** The purchase order for the supplier, with the CSV attached. */
export function supplierOrderMail(
  pool: Pool,
  allocation: Allocation,
  sender: Sender,
  names: ReadonlyMap<string, string>,
): OutgoingMail {
  const ref = orderReference(pool);
  const { article } = pool;
  const deliveries = allocation.lines.map((l) => ({ name: names.get(l.partnerId) ?? l.partnerId, line: l }));
  const text = [
    `Dear ${pool.supplier.name},`,
    '',
    `${sender.networkName} orders, reference ${ref}:`,
    '',
    `  ${allocation.orderQuantity} ${article.unit} ${article.name} (article no. ${article.number})`,
    `  unit price ${euro(allocation.unitPriceCents)} (your tier ${allocation.tier > 0 ? allocation.tier : 'list price'}), goods ${euro(allocation.goodsTotalCents)}`,
    `  shipping ${euro(allocation.shippingCents)}, total ${euro(allocation.totalCents)}`,
    '',
    'Deliveries:',
    ...deliveries.map((d) => `  ${d.name}: ${d.line.quantity} ${article.unit}`),
    '',
    'The attached CSV lists the same order line by line. Please confirm to this address.',
    '',
    signature(sender),
  ].join('\n');
  const html = `<!doctype html><html><body>
<p>Dear ${esc(pool.supplier.name)},</p>
<p>${esc(sender.networkName)} orders, reference <strong>${esc(ref)}</strong>:</p>
<table border="1" cellpadding="4" cellspacing="0">
<tr><th>Article no.</th><th>Article</th><th>Quantity</th><th>Unit</th><th>Unit price</th><th>Total</th></tr>
<tr><td>${esc(article.number)}</td><td>${esc(article.name)}</td><td>${allocation.orderQuantity}</td><td>${esc(article.unit)}</td><td>${euro(allocation.unitPriceCents)}</td><td>${euro(allocation.goodsTotalCents)}</td></tr>
<tr><td colspan="5">Shipping</td><td>${euro(allocation.shippingCents)}</td></tr>
<tr><td colspan="5"><strong>Total</strong></td><td><strong>${euro(allocation.totalCents)}</strong></td></tr>
</table>
<p>Deliveries:</p>
<ul>${deliveries.map((d) => `<li>${esc(d.name)}: ${d.line.quantity} ${esc(article.unit)}</li>`).join('')}</ul>
<p>The attached CSV lists the same order line by line. Please confirm to this address.</p>
<p>${esc(signature(sender)).replace(/\n/g, '<br>')}</p>
</body></html>`;
  return {
    from: sender.from,
    to: [{ name: pool.supplier.name, address: pool.supplier.email }],
    replyTo: { name: sender.contact.name, address: sender.contact.email },
    subject: `Purchase order ${ref}: ${allocation.orderQuantity} ${article.unit} ${article.name}`,
    text,
    html,
    attachments: [
      {
        filename: `${ref}.csv`,
        contentType: 'text/csv; charset=utf-8',
        content: orderCsv(pool, allocation, names),
      },
    ],
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
  const { article } = pool;
  const rounding =
    line.quantity > line.requestedQuantity
      ? `  (you asked for ${line.requestedQuantity}; ${line.quantity - line.requestedQuantity} added to fill whole packs of ${pool.packSize})`
      : undefined;
  const text = [
    `Hello ${to.name},`,
    '',
    `the pool for ${article.name} closed and ${sender.networkName} ordered ${allocation.orderQuantity} ${article.unit} from ${pool.supplier.name} (reference ${orderReference(pool)}).`,
    '',
    `Your part:`,
    `  ${line.quantity} ${article.unit} at ${euro(line.unitPriceCents)} = ${euro(line.lineTotalCents)}`,
    ...(rounding ? [rounding] : []),
    `  shipping share ${euro(line.shippingCents)}`,
    `  total ${euro(line.totalCents)}`,
    '',
    `You saved ${euro(line.savingsVsListCents)} against the list price and ${euro(line.savingsVsAloneCents)} against ordering alone (${line.aloneQuantity} ${article.unit} at ${euro(line.aloneUnitPriceCents)}).`,
    '',
    signature(sender),
  ].join('\n');
  return {
    from: sender.from,
    to: [{ name: to.name, address: to.email }],
    replyTo: { name: sender.contact.name, address: sender.contact.email },
    subject: `Order confirmed: ${line.quantity} ${article.unit} ${article.name}, ${euro(line.totalCents)}`,
    text,
  };
}

/** A participant learns that the pool was cancelled and why. */
export function cancellationMail(pool: Pool, reason: string, sender: Sender, to: Recipient): OutgoingMail {
  return {
    from: sender.from,
    to: [{ name: to.name, address: to.email }],
    replyTo: { name: sender.contact.name, address: sender.contact.email },
    subject: `Pool cancelled: ${pool.article.name}`,
    text: [
      `Hello ${to.name},`,
      '',
      `the purchase pool for ${pool.article.name} from ${pool.supplier.name} was cancelled: ${reason}.`,
      'Nothing was ordered and you owe nothing.',
      '',
      signature(sender),
    ].join('\n'),
  };
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

/** The headline of a "tier reached" notice: `tier 2 reached: 11.40 € per unit; 30 units to tier 3`. */
export function tierHeadline(progress: TierProgress): string {
  const next = progress.next
    ? `${progress.next.unitsToGo} units to tier ${progress.next.tier} (${euro(progress.next.unitPriceCents)})`
    : 'this is the best tier';
  return `tier ${progress.current.tier} reached: ${euro(progress.current.unitPriceCents)} per unit; ${next}`;
}

export function tierReachedMail(
  pool: Pool,
  progress: TierProgress,
  sender: Sender,
  to: Recipient,
): OutgoingMail {
  const headline = tierHeadline(progress);
  return {
    from: sender.from,
    to: [{ name: to.name, address: to.email }],
    replyTo: { name: sender.contact.name, address: sender.contact.email },
    subject: `${pool.article.name}: ${headline}`,
    text: [
      `Hello ${to.name},`,
      '',
      `the purchase pool for ${pool.article.name} now holds ${progress.quantity} ${pool.article.unit}: ${headline}.`,
      `It closes at ${localTime(pool.deadline, pool.timezone)} (${pool.timezone}).`,
      '',
      signature(sender),
    ].join('\n'),
  };
}
