/**
 * iCalendar (RFC 5545) text, pure. Jobs are booked by ISO week, so an event is an all-day span
 * (`DTSTART;VALUE=DATE` Monday to `DTEND` the Monday after its last week): dates, not instants,
 * so every calendar shows the same weeks whatever its time zone, and the weeks are those of the
 * network's calendar (`X-WR-TIMEZONE` names it). Mail invitations use iTIP methods (RFC 5546):
 * `REQUEST` with the job, `CANCEL` with the same UIDs and a higher SEQUENCE when it is cancelled;
 * feeds use `PUBLISH`.
 */

import { addWeeks, weekMondayDay } from '#shared/weeks';

export interface CalendarEvent {
  /** Stable per event: the cancellation names the same UID. */
  uid: string;
  /** First day (inclusive) and the day after the last (exclusive), `YYYY-MM-DD`. */
  start: string;
  end: string;
  summary: string;
  description?: string;
  location?: string;
  /** 0 for the first version; a cancellation or change counts up. */
  sequence?: number;
  status?: 'CONFIRMED' | 'CANCELLED';
  organizer?: { name: string; email: string };
  attendees?: { name: string; email: string }[];
}

export interface Calendar {
  method?: 'REQUEST' | 'CANCEL' | 'PUBLISH';
  name?: string;
  timezone?: string;
  /** When the calendar was made (DTSTAMP), ISO-8601. */
  stamp: string;
  events: CalendarEvent[];
}

/** TEXT values: backslash, semicolon, comma and line breaks escaped (RFC 5545 §3.3.11). */
const text = (s: string) =>
  s.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');

/** A parameter value (a CN): quoted, without the characters a quoted value cannot hold. */
const param = (s: string) => `"${s.replace(/["\r\n]/g, '')}"`;

const enc = new TextEncoder();

/** Lines longer than 75 octets are folded: CRLF and a space, never inside a UTF-8 character. */
function fold(line: string): string {
  if (enc.encode(line).length <= 75) return line;
  const out: string[] = [];
  let current = '';
  let size = 0;
  for (const ch of line) {
    const n = enc.encode(ch).length;
    if (size + n > (out.length === 0 ? 75 : 74)) {
      out.push(current);
      current = '';
      size = 0;
    }
    current += ch;
    size += n;
  }
  out.push(current);
  return out.join('\r\n ');
}

const date = (d: string) => d.replace(/-/g, '');
const stampOf = (iso: string) => `${iso.slice(0, 19).replace(/[-:]/g, '')}Z`;

/** The calendar as RFC 5545 text (CRLF line ends). */
export function icsText(cal: Calendar): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Verbund//Verbund back office//DE',
    'CALSCALE:GREGORIAN',
  ];
  if (cal.method) lines.push(`METHOD:${cal.method}`);
  if (cal.name) lines.push(`X-WR-CALNAME:${text(cal.name)}`);
  if (cal.timezone) lines.push(`X-WR-TIMEZONE:${cal.timezone}`);
  for (const e of cal.events) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${e.uid}`,
      `DTSTAMP:${stampOf(cal.stamp)}`,
      `DTSTART;VALUE=DATE:${date(e.start)}`,
      `DTEND;VALUE=DATE:${date(e.end)}`,
      `SUMMARY:${text(e.summary)}`,
    );
    if (e.description) lines.push(`DESCRIPTION:${text(e.description)}`);
    if (e.location) lines.push(`LOCATION:${text(e.location)}`);
    lines.push(`SEQUENCE:${e.sequence ?? 0}`, `STATUS:${e.status ?? 'CONFIRMED'}`, 'TRANSP:TRANSPARENT');
    if (e.organizer) lines.push(`ORGANIZER;CN=${param(e.organizer.name)}:mailto:${e.organizer.email}`);
    for (const a of e.attendees ?? [])
      lines.push(`ATTENDEE;CN=${param(a.name)};ROLE=REQ-PARTICIPANT:mailto:${a.email}`);
    lines.push('END:VEVENT');
  }
  lines.push('END:VCALENDAR');
  return `${lines.map(fold).join('\r\n')}\r\n`;
}

const DAY = 86_400_000;
const dayDate = (day: number) => new Date(day * DAY).toISOString().slice(0, 10);

/**
 * Runs of consecutive ISO weeks (`2027-W09`, `2027-W10`, `2027-W12` → two spans) with the hours
 * booked in them: one calendar event per span.
 */
export function weekSpans(
  bookings: readonly { week: string; hours: number }[],
): { first: string; last: string; start: string; end: string; hours: number }[] {
  const hours = new Map<string, number>();
  for (const b of bookings) hours.set(b.week, (hours.get(b.week) ?? 0) + b.hours);
  const weeks = [...hours.keys()].sort();
  const spans: { first: string; last: string; start: string; end: string; hours: number }[] = [];
  for (const week of weeks) {
    const open = spans.at(-1);
    if (open && addWeeks(open.last, 1) === week) {
      open.last = week;
      open.hours += hours.get(week)!;
    } else {
      spans.push({ first: week, last: week, start: '', end: '', hours: hours.get(week)! });
    }
  }
  for (const s of spans) {
    s.start = dayDate(weekMondayDay(s.first));
    s.end = dayDate(weekMondayDay(s.last) + 7);
  }
  return spans;
}
