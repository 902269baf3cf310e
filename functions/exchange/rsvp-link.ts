import { linkMac, macMatches } from '#shared/links/mac';

/**
 * The yes / no / maybe links in meeting mails, pure: a token `<meetingId>.<partnerId>.<exp>.<mac>`
 * where `mac` is HMAC-SHA256 over the network, meeting, partner and expiry (epoch seconds) with
 * the network's link key, base64url. It names one partner of one meeting, cannot be altered to
 * name another, and stops working when the meeting has ended. The answer is not in the token: the
 * link's `?answer=` only preselects it; the page's POST records what the partner chose.
 */
export const RSVP_TOKEN = /^[a-z0-9-]{1,64}\.[a-z0-9-]{1,64}\.[0-9]{1,12}\.[A-Za-z0-9_-]{43}$/;

export { newLinkKey } from '#shared/links/key';

const mac = (key: string, networkId: string, meetingId: string, partnerId: string, exp: number) =>
  linkMac(key, 'rsvp', networkId, [meetingId, partnerId, exp]);

export function signRsvpToken(
  key: string,
  networkId: string,
  meetingId: string,
  partnerId: string,
  expiresAt: string,
): string {
  const exp = Math.floor(Date.parse(expiresAt) / 1000);
  return `${meetingId}.${partnerId}.${exp}.${mac(key, networkId, meetingId, partnerId, exp)}`;
}

export type RsvpTokenCheck =
  | { ok: true; meetingId: string; partnerId: string }
  | { ok: false; reason: 'malformed' | 'forged' | 'expired' };

/** Checks a token's MAC (constant time) and expiry. */
export function verifyRsvpToken(key: string, networkId: string, token: string, now: Date): RsvpTokenCheck {
  if (!RSVP_TOKEN.test(token)) return { ok: false, reason: 'malformed' };
  const [meetingId, partnerId, expText, given] = token.split('.') as [string, string, string, string];
  const exp = Number(expText);
  if (!macMatches(mac(key, networkId, meetingId, partnerId, exp), given))
    return { ok: false, reason: 'forged' };
  if (exp * 1000 <= now.getTime()) return { ok: false, reason: 'expired' };
  return { ok: true, meetingId, partnerId };
}

/** The three links of a mail, on the public function under the console's origin (`/api/…`). */
export function rsvpLinks(
  base: string,
  slug: string,
  token: string,
  lang: 'de' | 'en',
): Record<'yes' | 'no' | 'maybe', string> {
  const at = `${base.replace(/\/$/, '')}/api/public/${encodeURIComponent(slug)}/rsvp/${token}`;
  const l = lang === 'en' ? '&lang=en' : '';
  return { yes: `${at}?answer=yes${l}`, no: `${at}?answer=no${l}`, maybe: `${at}?answer=maybe${l}` };
}
