/**
 * iCalendar (RFC 5545) for meeting invitations, written by hand: one VEVENT with METHOD:REQUEST
 * (an invitation the recipient's calendar offers to accept), or METHOD:CANCEL. Times are UTC
 * (`…Z`), which every calendar shows in its own zone, so no VTIMEZONE is needed. Text values are
 * escaped (§3.3.11) and lines folded at 75 octets without splitting a UTF-8 character (§3.1).
 */

export interface IcsEvent {
  uid: string;
  /** Raised with every change, so calendars replace the earlier invitation (§3.8.7.4). */
  sequence: number;
  method: 'REQUEST' | 'CANCEL';
  start: string;
  end: string;
  stamp: string;
  summary: string;
  location?: string;
  url?: string;
  description?: string;
  organizer: { name: string; email: string };
  attendee: { name: string; email: string };
}

const escapeText = (s: string) =>
  s.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');

/** A quoted parameter value (CN=…) may hold anything but control characters and DQUOTE. */
const param = (s: string) =>
  `"${[...s].map((c) => (c === '"' || c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f ? ' ' : c)).join('')}"`;

const utc = (iso: string) => `${new Date(iso).toISOString().replace(/[-:]/g, '').slice(0, 15)}Z`;

/** Folds one content line into chunks of at most 75 octets, continuation lines start with a space. */
export function fold(line: string): string {
  const out: string[] = [];
  let chunk = '';
  let bytes = 0;
  for (const ch of line) {
    const n = Buffer.byteLength(ch);
    const max = out.length === 0 ? 75 : 74; // the leading space counts
    if (bytes + n > max) {
      out.push(chunk);
      chunk = '';
      bytes = 0;
    }
    chunk += ch;
    bytes += n;
  }
  out.push(chunk);
  return out.join('\r\n ');
}

export function icsOf(e: IcsEvent): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Verbund//Know-how exchange//DE',
    'CALSCALE:GREGORIAN',
    `METHOD:${e.method}`,
    'BEGIN:VEVENT',
    `UID:${e.uid}`,
    `SEQUENCE:${e.sequence}`,
    `DTSTAMP:${utc(e.stamp)}`,
    `DTSTART:${utc(e.start)}`,
    `DTEND:${utc(e.end)}`,
    `SUMMARY:${escapeText(e.summary)}`,
    ...(e.location ? [`LOCATION:${escapeText(e.location)}`] : []),
    ...(e.url ? [`URL:${e.url}`] : []),
    ...(e.description ? [`DESCRIPTION:${escapeText(e.description)}`] : []),
    `ORGANIZER;CN=${param(e.organizer.name)}:mailto:${e.organizer.email}`,
    `ATTENDEE;CN=${param(e.attendee.name)};ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:${e.attendee.email}`,
    `STATUS:${e.method === 'CANCEL' ? 'CANCELLED' : 'CONFIRMED'}`,
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return `${lines.map(fold).join('\r\n')}\r\n`;
}
