import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The MAC of a signed link: HMAC-SHA256 with the network's link key (key.ts) over the lines
 * `purpose`, network id and the link's fields (the last one its expiry), base64url (43 chars).
 * The purpose (`rsvp`, `offer`) keeps one kind of link from verifying as another.
 */
export const linkMac = (
  key: string,
  purpose: string,
  networkId: string,
  fields: readonly (string | number)[],
) =>
  createHmac('sha256', Buffer.from(key, 'base64url'))
    .update([purpose, networkId, ...fields].join('\n'))
    .digest('base64url');

/** Compares a given MAC with the one wanted, in constant time. */
export function macMatches(want: string, given: string): boolean {
  const a = Buffer.from(want);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
