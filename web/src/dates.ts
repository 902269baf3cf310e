/**
 * Calendar days for the pages that take dates: today and ISO weeks in the network's time zone,
 * as `YYYY-MM-DD` (what `<input type="date">` and the API take; the browser shows them in its
 * locale, `01.03.2027` in de-AT).
 */
export function today(timeZone = 'Europe/Vienna', now = new Date()): string {
  // en-CA writes ISO dates
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** Monday and Sunday of the ISO week `offset` weeks from the one holding `day`. */
export function weekOf(day: string, offset = 0): { from: string; to: string } {
  const d = new Date(`${day}T12:00:00Z`);
  const monday = addDays(day, -((d.getUTCDay() + 6) % 7) + 7 * offset);
  return { from: monday, to: addDays(monday, 6) };
}

/** `2027-03` of a day. */
export const monthOf = (day: string) => day.slice(0, 7);
