import { describe, expect, it } from 'vitest';
import { allocate, tierProgress } from '#functions/purchasing/pool';
import {
  cancellationMail,
  localTime,
  orderCsv,
  supplierOrderMail,
  tierHeadline,
} from '#functions/purchasing/purchasing-mail';
import type { Pool } from '#functions/purchasing/schema';

const pool: Pool = {
  id: '01jabc',
  supplier: { name: 'Kabel & Co', email: 'po@kabel.example' },
  article: { name: 'NYM-J 3x1,5 "Ring"', number: 'NYM-315', unit: 'Ring' },
  listPriceCents: 8900,
  tiers: [{ minQuantity: 20, unitPriceCents: 7900 }],
  deadline: '2026-12-01T16:00:00.000Z',
  timezone: 'Europe/Vienna',
  endAction: 'order_always',
  shippingCents: 1999,
  shippingSplit: 'by_value',
  showParticipantQuantities: false,
  createdBy: { role: 'coordinator' },
  status: 'closed',
  totalQuantity: 25,
  participants: 2,
  tierNotified: 1,
  createdAt: '2026-11-01T10:00:00.000Z',
  updatedAt: '2026-12-01T16:00:00.000Z',
};
const sender = {
  from: { name: 'Bad & Küche Verbund', address: 'bkv@inbound.verbund.test' },
  networkName: 'Bad & Küche Verbund',
  contact: { name: 'Jana Kovač', email: 'jana@bkv.example' },
};
const allocation = allocate(pool, [
  { partnerId: 'p1', quantity: 15, joinedAt: '2026-11-02T00:00:00.000Z' },
  { partnerId: 'p2', quantity: 10, joinedAt: '2026-11-03T00:00:00.000Z' },
]);
const names = new Map([
  ['p1', 'Elektro "Blitz" GmbH'],
  ['p2', 'Novak, Installationen'],
]);

describe('supplier order', () => {
  it('writes a CSV with one row per delivery, shipping and total, quoting commas and quotes', () => {
    const rows = orderCsv(pool, allocation, names).trimEnd().split('\r\n');
    expect(rows).toEqual([
      'reference,article_number,article,unit,deliver_to,delivery_address,requested_delivery_date,quantity,unit_price_eur,line_total_eur',
      'PO-01JABC,NYM-315,"NYM-J 3x1,5 ""Ring""",Ring,"Elektro ""Blitz"" GmbH",,,15,79.00,1185.00',
      'PO-01JABC,NYM-315,"NYM-J 3x1,5 ""Ring""",Ring,"Novak, Installationen",,,10,79.00,790.00',
      'PO-01JABC,,shipping,,,,,,,19.99',
      'PO-01JABC,NYM-315,TOTAL,Ring,,,,25,79.00,1994.99',
      'PO-01JABC,,VAT 20 %,,,,,,,399.00',
      'PO-01JABC,,TOTAL incl. VAT,,,,,,,2393.99',
    ]);
  });

  it('guards article and partner names a spreadsheet would run as formulas', () => {
    const hostile = {
      ...pool,
      article: { name: '=HYPERLINK("http://evil.example","Rabatt")', number: '+1', unit: '@A1' },
    };
    const csv = orderCsv(
      hostile,
      allocation,
      new Map([
        ['p1', '-2+3'],
        ['p2', 'Novak; Installationen'],
      ]),
    );
    const cells = csv
      .trimEnd()
      .split('\r\n')
      .slice(1)
      .map((r) => r.split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/));
    expect(cells[0]).toEqual([
      'PO-01JABC',
      "'+1",
      `"'=HYPERLINK(""http://evil.example"",""Rabatt"")"`,
      "'@A1",
      "'-2+3",
      '',
      '',
      '15',
      '79.00',
      '1185.00',
    ]);
    expect(cells[1]?.[4]).toBe('"Novak; Installationen"');
    expect(csv).not.toMatch(/(^|,)[=+\-@]/m);
  });

  it('mails it from the network to the supplier, answering to the contact person, HTML escaped', () => {
    const mail = supplierOrderMail(pool, allocation, sender, names);
    expect(mail.from).toEqual({ name: 'Bad & Küche Verbund', address: 'bkv@inbound.verbund.test' });
    expect(mail.to).toEqual([{ name: 'Kabel & Co', address: 'po@kabel.example' }]);
    expect(mail.replyTo).toEqual({ name: 'Jana Kovač', address: 'jana@bkv.example' });
    // the supplier's language is unknown: German first, then English
    expect(mail.subject).toBe('Bestellung / Purchase order PO-01JABC: 25 Ring NYM-J 3x1,5 "Ring"');
    expect(mail.html).toContain('Guten Tag Kabel &amp; Co');
    expect(mail.html).toContain('Dear Kabel &amp; Co');
    expect(mail.html).not.toContain('"Ring"');
    expect(mail.attachments?.[0]).toMatchObject({
      filename: 'PO-01JABC.csv',
      contentType: 'text/csv; charset=utf-8',
    });
    // de-AT groups thousands with a no-break space (CLDR)
    expect(mail.text).toContain('Summe netto | 1\u00a0994,99 €');
    expect(mail.text).toContain('USt 20 % | 399,00 €');
    expect(mail.text).toContain('Summe brutto | 2\u00a0393,99 €');
    expect(mail.text).toContain('Total gross | €2,393.99');
  });

  it('tells participants why a pool was cancelled', () => {
    const mail = cancellationMail(pool, 'nobody joined the pool', sender, {
      partnerId: 'p1',
      name: 'Blitz',
      email: 'b@x.example',
    });
    // a partner without its own language reads the network's (de-AT by default)
    expect(mail.subject).toBe('Pool abgesagt: NYM-J 3x1,5 "Ring"');
    expect(mail.text).toContain('wurde abgesagt');
    // the close rule's reason in German too
    expect(mail.text).toContain('> niemand hat am Pool teilgenommen');
  });
});

describe('notices', () => {
  it('words the tier headline and shows deadlines in the pool timezone', () => {
    const terms = {
      listPriceCents: 1500,
      tiers: [
        { minQuantity: 10, unitPriceCents: 1300 },
        { minQuantity: 50, unitPriceCents: 1140 },
        { minQuantity: 100, unitPriceCents: 1000 },
      ],
    };
    expect(tierHeadline(tierProgress(terms, 70))).toBe(
      'tier 2 reached: €11.40 per unit; 30 units to tier 3 (€10.00)',
    );
    expect(tierHeadline(tierProgress(terms, 70), 'de')).toBe(
      'Staffel 2 erreicht: 11,40 € pro Einheit; noch 30 Einheiten bis Staffel 3 (10,00 €)',
    );
    expect(tierHeadline(tierProgress(terms, 100))).toBe(
      'tier 3 reached: €10.00 per unit; this is the best tier',
    );
    expect(localTime('2026-12-01T16:00:00.000Z', 'Europe/Vienna')).toBe('2026-12-01 17:00');
  });
});
