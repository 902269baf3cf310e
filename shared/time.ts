/** Current time as UTC ISO-8601, the only time format stored. */
export function nowIso(): string {
  return new Date().toISOString();
}

type WallParts = Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', number>;

/** The wall clock in `timezone` at an instant (24-hour, whole seconds). */
function wallParts(ms: number, timezone: string): WallParts {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: timezone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
      .formatToParts(new Date(ms))
      .filter((p) => p.type !== 'literal')
      .map((p) => [p.type, Number(p.value)]),
  );
  return parts as WallParts;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** `YYYY-MM-DD` of an instant as the wall calendar in `timezone` shows it. */
export function wallDate(instant: Date | string, timezone: string): string {
  const p = wallParts(new Date(instant).getTime(), timezone);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
}

/** `YYYY-MM-DDTHH:MM:SS` of an instant as the wall clock in `timezone` shows it. */
export function wallDateTime(instant: Date | string, timezone: string): string {
  const p = wallParts(new Date(instant).getTime(), timezone);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}`;
}

/** Milliseconds `timezone` is ahead of UTC at an instant (Vienna: 1 h in winter, 2 h in summer). */
function offsetMs(ms: number, timezone: string): number {
  const p = wallParts(ms, timezone);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(ms / 1000) * 1000;
}

/**
 * The instant (UTC ISO-8601) a wall-clock time `YYYY-MM-DDTHH:MM[:SS]` means in `timezone`.
 * A time skipped by a DST change (02:30 on the spring Sunday in Vienna) moves forward by the
 * gap; a time that occurs twice (autumn) means its first occurrence.
 */
export function instantOfWallTime(wall: string, timezone: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(wall);
  if (!m) throw new Error(`not a wall-clock time YYYY-MM-DDTHH:MM[:SS]: ${wall}`);
  const asUtc = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +(m[6] ?? 0));
  // try the offsets in force a day before and after: one of them is right
  const candidates = [offsetMs(asUtc - 86_400_000, timezone), offsetMs(asUtc + 86_400_000, timezone)]
    .sort((a, b) => b - a)
    .map((offset) => asUtc - offset);
  const exact = candidates.find((ms) => offsetMs(ms, timezone) === asUtc - ms);
  return new Date(exact ?? candidates[candidates.length - 1]!).toISOString();
}
