import ICAL from 'ical.js';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { customerNotice, networkSender } from '#functions/inquiries/inquiries-mail';
import { formatThreadToken } from '#functions/inquiries/reference';
import { cancelMails, jobMails } from '#functions/matching/matching-mail';
import { orderPdf } from '#functions/purchasing/order-pdf';
import { allocate } from '#functions/purchasing/pool';
import { orderDocument } from '#functions/purchasing/purchasing-mail';
import { csvDialectOf, toCsv } from '#shared/csv';
import { detectLanguage } from '#shared/detect-language';
import { formats } from '#shared/i18n';
import { renderMail } from '#shared/mail/layout';
import { inquiryIn, jobContext, NOW, network, pool, samples, sender } from '#test/support/mail-samples';

const de = samples('de');
const en = samples('en');
const both = samples(undefined);
const KINDS = Object.keys(de);

/** The events of an iCalendar attachment, parsed by ical.js. */
function calendarOf(mail: { attachments?: { contentType: string; content: Buffer | string }[] }) {
  const att = mail.attachments?.find((a) => a.contentType.startsWith('text/calendar'));
  if (!att) throw new Error('no calendar attached');
  const cal = new ICAL.Component(ICAL.parse(String(att.content)));
  return {
    method: cal.getFirstPropertyValue('method'),
    events: cal.getAllSubcomponents('vevent').map((v) => {
      const e = new ICAL.Event(v);
      return {
        uid: e.uid,
        start: e.startDate.toString(),
        end: e.endDate.toString(),
        allDay: e.startDate.isDate,
        summary: e.summary,
        sequence: e.sequence,
        status: v.getFirstPropertyValue('status'),
      };
    }),
  };
}

describe('formats', () => {
  it('writes money, weeks and dates the Austrian way in German and the British way in English', () => {
    const g = formats('de', 'Europe/Vienna');
    const e = formats('en', 'Europe/Vienna');
    expect([g.money(1140), g.week('2027-W09'), g.date('2027-03-01')]).toEqual([
      '11,40 €',
      'KW 9/2027',
      '01.03.2027',
    ]);
    expect([e.money(1140), e.week('2027-W09'), e.date('2027-03-01')]).toEqual([
      '€11.40',
      'week 9/2027',
      '01/03/2027',
    ]);
    // an instant in the network's time zone: 16:00 UTC is 17:00 in Vienna in winter
    expect(g.dateTime('2027-02-26T16:00:00.000Z')).toBe('26.02.2027, 17:00');
    expect(g.weekWithDays('2027-W09')).toBe('KW 9/2027 (01.03.–07.03.2027)');
  });

  it('tells German from English inquiry text and gives up on a few letters', async () => {
    expect(
      await detectLanguage('Wir brauchen neue Fliesen im Bad und einen Starkstromanschluss in der Garage.'),
    ).toBe('de');
    expect(await detectLanguage('We would like new tiles in the bathroom and a socket in the garage.')).toBe(
      'en',
    );
    expect(await detectLanguage('Hallo')).toBeUndefined();
  });
});

describe('the mail layout', () => {
  it.each(KINDS)('%s: HTML and a text part that reflows, nothing remote, readable in dark mode', (kind) => {
    for (const mail of [de[kind]!, en[kind]!]) {
      expect(mail.html).toBeTruthy();
      expect(mail.text.length).toBeGreaterThan(20);
      expect(mail.html).not.toMatch(/<script|<img|<link|src=|url\(|@import/i);
      expect(mail.html).toContain('<meta name="color-scheme" content="light dark">');
      expect(mail.html).toContain('@media (prefers-color-scheme:dark)');
      expect(mail.html).toContain('name="viewport"');
      // no paragraph is broken by hand: every line break in the text part ends a block or a row
      const paragraphs = mail.text.split('\n\n');
      for (const para of paragraphs) {
        if (!/^(- |> |\S+ \| )/m.test(para) && !para.includes(': ') && !para.startsWith('-- ')) {
          expect(para.split('\n').length, para).toBe(1);
        }
      }
    }
  });

  it('keeps a long paragraph on one line in the text part', () => {
    const long = 'Wort '.repeat(80).trim();
    const { text } = renderMail([{ lang: 'de', title: 'T', blocks: [{ kind: 'p', text: long }] }]);
    expect(text).toBe(`T\n\n${long}\n`);
  });
});

describe('every mail in its recipient language', () => {
  it.each(KINDS)('%s: German for German readers, English for English ones', (kind) => {
    expect(de[kind]!.html).toMatch(/<html lang="de">/);
    expect(en[kind]!.html).toMatch(/<html lang="en">/);
    // a reply is the coordinator's own words: only its language tag differs
    if (kind !== 'reply') expect(de[kind]!.text).not.toEqual(en[kind]!.text);
  });

  it('writes the customer and the supplier in both languages only when their language is unknown', () => {
    expect(both.acknowledgement!.subject).toBe(
      `${formatThreadToken(inquiryIn(undefined))} Ihre Anfrage / Your inquiry: Dachgeschossausbau mit Gaube, neuen Fenstern und Elektroins…`,
    );
    expect(both.acknowledgement!.html).toContain('<div lang="de">');
    expect(both.acknowledgement!.html).toContain('<div lang="en">');
    expect(both.supplierOrder!.subject).toMatch(/^Bestellung \/ Purchase order HHN-B-2027-0007/);
    expect(de.supplierOrder!.subject).toMatch(/^Bestellung HHN-B-2027-0007/);
    expect(en.supplierOrder!.subject).toMatch(/^Purchase order HHN-B-2027-0007/);
    // a partner without a language of its own reads the network's, never both
    expect(both.job!.html).not.toContain('<div lang="en">');
  });
});

describe('acknowledgement', () => {
  it('restates the request in one line: shortened subject, recognised trades in the language, postcode', () => {
    expect(de.acknowledgement!.subject).toBe(
      `${formatThreadToken(inquiryIn('de'))} Ihre Anfrage: Dachgeschossausbau mit Gaube, neuen Fenstern und Elektroins…`,
    );
    expect(de.acknowledgement!.text).toContain(
      'wir haben Ihre Anfrage „Dachgeschossausbau mit Gaube, neuen Fenstern und Elektroins…“ (Tischlerei, Elektroinstallation; PLZ 1070) unter der Nummer HHN-2027-0042 erfasst.',
    );
    expect(en.acknowledgement!.text).toContain('(Joinery, Electrical installation; Postcode 1070)');
    expect(de.acknowledgement!.text).toContain('Maria Huber meldet sich in Kürze bei Ihnen.');
  });

  it("repeats no free text of the form beyond the shortened subject: not the text, not the sender's name", () => {
    for (const mail of [de.acknowledgement!, en.acknowledgement!, both.acknowledgement!]) {
      for (const part of [mail.text, mail.html!]) {
        expect(part).not.toContain('spam.example');
        expect(part).not.toContain('Dachgeschoßes');
        expect(part).not.toContain('Karin Berger');
        expect(part).not.toContain('mit Gaube, neuen Fenstern und Elektroinstallation im ganzen');
      }
    }
  });

  it('links the status page when there is one', () => {
    expect(de.acknowledgement!.text).toContain(
      'Stand Ihrer Anfrage ansehen: https://verbund.example/status/HHN-2027-0042#t=abc',
    );
    expect(de.acknowledgement!.html).toContain('href="https://verbund.example/status/HHN-2027-0042#t=abc"');
  });
});

describe('customer notices', () => {
  it('tells the customer the team, the coordinator’s words on a decline, and that the job is done', () => {
    expect(de.teamSet!.subject).toMatch(/^\[HHN-2027-0042 #[0-9a-z]{8}\] Ihr Team steht fest: /);
    expect(de.teamSet!.text).toContain('Ihre Ansprechperson ist Tischlerei Gruber');
    expect(de.teamSet!.text).toContain('Zeitraum: 01.03.2027 – 26.03.2027');
    expect(en.teamSet!.text).toContain('Timeframe: 01/03/2027 – 26/03/2027');
    expect(de.declined!.text).toContain(
      'Maria Huber schreibt dazu:\n\n> Im März sind alle Teams ausgebucht.\n> Versuchen Sie es gerne im Mai wieder.',
    );
    expect(en.declined!.subject).toMatch(/^\[HHN-2027-0042 #[0-9a-z]{8}\] Your inquiry: /);
    expect(de.done!.subject).toMatch(/Ihr Auftrag ist abgeschlossen/);
    expect(en.done!.subject).toMatch(/Your job is done/);
    // threaded onto the customer's conversation
    expect(de.done!.inReplyTo).toBe('<c1@gmx.example>');
  });

  it('goes out in both languages when the customer’s language is unknown', () => {
    const mail = customerNotice(
      network,
      inquiryIn(undefined),
      networkSender(network, 'x.test'),
      { kind: 'done' },
      (l) => formats(l, 'Europe/Vienna'),
    );
    expect(mail.subject).toMatch(/Ihr Auftrag ist abgeschlossen \/ Your job is done/);
  });
});

describe('job mails and calendars', () => {
  it('writes each partner in its language with its own labels, weeks as KW and hours with a decimal comma', () => {
    const mails = jobMails(jobContext('en-GB'));
    const [lead, other] = [mails[0]!.mail, mails[1]!.mail];
    expect(lead.subject).toBe(
      '[HHN-2027-0042] Auftrag (Lead): Dachgeschossausbau mit Gaube, neuen Fenstern und Elektroinstallation im ganzen Stockwerk',
    );
    expect(lead.text).toContain('Tischlerei | 60');
    expect(lead.text).toContain('KW 9/2027 (01.03.–07.03.2027) | Montageteam | 30');
    expect(lead.text).toContain('Zeitraum: 01.03.2027 bis 26.03.2027.');
    expect(other.subject).toMatch(/^\[HHN-2027-0042\] Job: /);
    expect(other.text).toContain('Electrical installation | 22.5');
    expect(other.text).toContain('week 9/2027 (01/03–07/03/2027) | Elektriker | 12.5');
    const de2 = jobMails(jobContext())[1]!.mail;
    expect(de2.text).toContain('Elektroinstallation | 22,5');
  });

  it('attaches one all-day event per run of booked weeks, which a calendar parser reads', () => {
    const [lead, other] = jobMails(jobContext()).map((m) => calendarOf(m.mail));
    expect(lead!.method).toBe('REQUEST');
    // p1: weeks 9 and 10 in a row → one event Monday 1 March to Monday 15 March (exclusive)
    expect(lead!.events).toEqual([
      expect.objectContaining({
        start: '2027-03-01',
        end: '2027-03-15',
        allDay: true,
        sequence: 0,
        status: 'CONFIRMED',
      }),
    ]);
    expect(lead!.events[0]!.summary).toMatch(/^HHN-2027-0042 Auftrag \(Lead\): /);
    // p2: weeks 9 and 11 → two events
    expect(other!.events.map((e) => [e.start, e.end])).toEqual([
      ['2027-03-01', '2027-03-08'],
      ['2027-03-15', '2027-03-22'],
    ]);
  });

  it('cancels the same events with METHOD:CANCEL, the same UIDs and a higher sequence', () => {
    const booked = jobMails(jobContext()).map((m) => calendarOf(m.mail));
    const cancelled = cancelMails({ ...jobContext(), reason: 'Kundin sagt ab' }).map((m) =>
      calendarOf(m.mail),
    );
    expect(cancelled.map((c) => c.method)).toEqual(['CANCEL', 'CANCEL']);
    expect(cancelled.flatMap((c) => c.events.map((e) => e.uid))).toEqual(
      booked.flatMap((c) => c.events.map((e) => e.uid)),
    );
    expect(cancelled.flatMap((c) => c.events.map((e) => [e.sequence, e.status]))).toEqual([
      [1, 'CANCELLED'],
      [1, 'CANCELLED'],
      [1, 'CANCELLED'],
    ]);
    const mail = cancelMails({ ...jobContext(), reason: 'Kundin sagt ab' })[0]!.mail;
    expect(mail.subject).toMatch(/^\[HHN-2027-0042\] Auftrag storniert: /);
    expect(mail.text).toContain('Die 60 Stunden auf Ihren Ressourcen sind wieder frei.');
  });
});

describe('supplier order', () => {
  it('names order number, dates, contact, delivery addresses, net, VAT and gross', () => {
    const text = de.supplierOrder!.text;
    expect(text).toContain('Bestellnummer: HHN-B-2027-0007');
    expect(text).toContain('Bestelldatum: 15.02.2027');
    expect(text).toContain('Gewünschter Liefertermin: 01.03.2027');
    expect(text).toContain('Ansprechperson: Maria Huber, office@hhn.example, +43 1 234 5678');
    expect(text).toContain('Tischlerei Gruber | Werkstraße 4, 1210 Wien | 32 Stk');
    expect(text).toContain('Elektro Özdemir | Gewerbepark 2, 2351 Wiener Neudorf | 23 Stk');
    expect(text).toContain('Summe netto | 637,01 €');
    expect(text).toContain('USt 20 % | 127,40 €');
    expect(text).toContain('Summe brutto | 764,41 €');
    expect(en.supplierOrder!.text).toContain('Total gross | €764.41');
  });

  it('makes a PDF of the order that a PDF reader opens, one page per language', async () => {
    const p = pool(undefined);
    const allocation = allocate(p, [
      { partnerId: 'p1', quantity: 32, joinedAt: NOW },
      { partnerId: 'p2', quantity: 21, joinedAt: NOW },
    ]);
    const docs = (['de', 'en'] as const).map((l) => orderDocument(p, allocation, sender, new Map(), l, NOW));
    const bytes = await orderPdf(docs);
    expect(Buffer.from(bytes.slice(0, 5)).toString()).toBe('%PDF-');
    const read = await PDFDocument.load(bytes);
    expect(read.getPageCount()).toBe(2);
    expect(read.getTitle()).toBe('Bestellung HHN-B-2027-0007');
  });
});

describe('pool notices', () => {
  it('confirms, cancels, announces tiers, opens and reminds in the partner’s language', () => {
    expect(de.confirmation!.subject).toBe('Bestellung bestätigt: 32 Stk OSB-Platte 18 mm, 370,62 €');
    expect(en.confirmation!.subject).toBe('Order confirmed: 32 Stk OSB-Platte 18 mm, €370.62');
    expect(de.poolCancelled!.text).toContain('> niemand hat am Pool teilgenommen');
    expect(en.poolCancelled!.text).toContain('> nobody joined the pool');
    expect(de.tierReached!.subject).toBe(
      'OSB-Platte 18 mm: Staffel 2 erreicht: 11,40 € pro Einheit; das ist die beste Staffel',
    );
    expect(de.tierReached!.text).toContain('Er schließt am 26.02.2027, 17:00 (Europe/Vienna).');
    expect(de.poolOpened!.subject).toBe('Neuer Einkaufspool: OSB-Platte 18 mm');
    expect(de.poolOpened!.text).toContain('- ab 20 Stk: 13,00 €');
    expect(en.poolOpened!.subject).toBe('New purchase pool: OSB-Platte 18 mm');
    expect(de.poolReminder!.subject).toBe('Erinnerung: Einkaufspool OSB-Platte 18 mm schließt bald');
    expect(de.poolReminder!.text).toContain(
      'Aktuell 30 Stk: Staffel 1 erreicht: 13,00 € pro Einheit; noch 16 Einheiten bis Staffel 2 (11,40 €).',
    );
  });
});

describe('CSV dialects', () => {
  it('writes the same data with ; and decimal commas for German spreadsheets, formula guard included', () => {
    const rows = [
      ['Tischlerei; Holz', 4.2, { cents: 1140 }],
      ['=HYPERLINK("x")', -1.5, null],
    ];
    expect(toCsv(['name', 'hours', 'eur'], rows)).toBe(
      '\uFEFFname,hours,eur\r\n"Tischlerei; Holz",4.2,11.40\r\n"\'=HYPERLINK(""x"")",-1.5,\r\n',
    );
    expect(toCsv(['name', 'hours', 'eur'], rows, { dialect: 'de' })).toBe(
      '\uFEFFname;hours;eur\r\n"Tischlerei; Holz";4,2;11,40\r\n"\'=HYPERLINK(""x"")";-1,5;\r\n',
    );
  });

  it('picks the dialect from the query first, then from Accept-Language', () => {
    expect(csvDialectOf(undefined, undefined)).toBe('rfc4180');
    expect(csvDialectOf(undefined, 'de-AT,de;q=0.9')).toBe('de');
    expect(csvDialectOf(undefined, 'en-GB,de;q=0.5')).toBe('rfc4180');
    expect(csvDialectOf('rfc4180', 'de')).toBe('rfc4180');
    expect(csvDialectOf('de', 'en')).toBe('de');
  });
});
