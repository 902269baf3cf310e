import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { fold, icsOf } from '#functions/exchange/ics';

const event = {
  uid: '01kmeeting@inbound.verbund.test',
  sequence: 2,
  method: 'REQUEST' as const,
  start: '2026-12-10T17:00:00.000Z',
  end: '2026-12-10T19:00:00.000Z',
  stamp: '2026-12-01T08:00:00.000Z',
  summary: 'Erfa-Runde: Angebote, Kalkulation; Baustellen',
  location: 'Werkstatt Gruber, Hauptstraße 1, 2340 Mödling',
  url: 'https://meet.example/erfa',
  description: `Tagesordnung:\n1. Wie kalkuliert ihr Einbauküchen?\n2. ${'Sehr lange Überschrift mit Umlauten äöü '.repeat(4)}`,
  organizer: { name: 'Netzwerk "Bad & Küche"', email: 'bkv@inbound.verbund.test' },
  attendee: { name: 'Tischlerei Gruber', email: 'josef@tischlerei-gruber.example' },
};

describe('iCalendar invitations', () => {
  it('parse with ical.js into the event the coordinator scheduled', () => {
    // Act
    const text = icsOf(event);
    const cal = new ICAL.Component(ICAL.parse(text));
    const vevent = cal.getFirstSubcomponent('vevent')!;
    const e = new ICAL.Event(vevent);
    // Assess
    expect(cal.getFirstPropertyValue('method')).toBe('REQUEST');
    expect(e.uid).toBe(event.uid);
    expect(e.sequence).toBe(2);
    expect(e.summary).toBe(event.summary);
    expect(e.location).toBe(event.location);
    expect(e.description).toBe(event.description);
    expect(e.startDate.toJSDate().toISOString()).toBe(event.start);
    expect(e.endDate.toJSDate().toISOString()).toBe(event.end);
    expect(vevent.getFirstPropertyValue('url')).toBe(event.url);
    expect(e.attendees[0]!.getFirstValue()).toBe('mailto:josef@tischlerei-gruber.example');
    expect(e.attendees[0]!.getParameter('rsvp')).toBe('TRUE');
    // a double quote cannot stand in a parameter value (RFC 5545 §3.1): it becomes a space
    expect(vevent.getFirstProperty('organizer')!.getParameter('cn')).toBe('Netzwerk  Bad & Küche ');
  });

  it('ends lines with CRLF and folds them at 75 octets without splitting a character', () => {
    const text = icsOf(event);
    expect(text.endsWith('\r\n')).toBe(true);
    for (const line of text.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    const folded = fold(`DESCRIPTION:${'ä'.repeat(60)}`);
    expect(folded.split('\r\n ').join('')).toBe(`DESCRIPTION:${'ä'.repeat(60)}`);
  });

  it('writes a cancellation as METHOD:CANCEL and STATUS:CANCELLED', () => {
    const cal = new ICAL.Component(ICAL.parse(icsOf({ ...event, method: 'CANCEL', sequence: 3 })));
    expect(cal.getFirstPropertyValue('method')).toBe('CANCEL');
    expect(cal.getFirstSubcomponent('vevent')!.getFirstPropertyValue('status')).toBe('CANCELLED');
  });
});
