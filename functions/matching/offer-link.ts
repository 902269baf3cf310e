import { linkMac, macMatches } from '#shared/links/mac';

/**
 * The "Zusage / Absage" link in a job mail, pure: a token
 * `<inquiryId>.<jobId>.<partnerId>.<exp>.<mac>` where `mac` is HMAC-SHA256 (purpose `offer`)
 * over the network, inquiry, job, partner and expiry (epoch seconds) with the network's link key
 * (shared/links). It names one partner's part of one job and cannot be altered to name another.
 * It works until a week after the part's deadline, so a late click shows that the deadline
 * passed instead of a dead link. The answer is not in the token: the page's POST carries it.
 */
export const OFFER_TOKEN =
  /^[a-z0-9-]{1,64}\.[a-z0-9-]{1,64}\.[a-z0-9-]{1,64}\.[0-9]{1,12}\.[A-Za-z0-9_-]{43}$/;

/** How long after the part's deadline its link still opens the page (which then says so). */
export const LINK_GRACE_DAYS = 7;

export interface OfferLinkTarget {
  inquiryId: string;
  jobId: string;
  partnerId: string;
}

const mac = (key: string, networkId: string, t: OfferLinkTarget, exp: number) =>
  linkMac(key, 'offer', networkId, [t.inquiryId, t.jobId, t.partnerId, exp]);

/** The token for one part, valid until LINK_GRACE_DAYS after `deadline`. */
export function signOfferToken(key: string, networkId: string, t: OfferLinkTarget, deadline: string): string {
  const exp = Math.floor(Date.parse(deadline) / 1000) + LINK_GRACE_DAYS * 86_400;
  return `${t.inquiryId}.${t.jobId}.${t.partnerId}.${exp}.${mac(key, networkId, t, exp)}`;
}

/** Checks a token's MAC (constant time) and expiry; undefined for anything wrong, whatever it was. */
export function verifyOfferToken(
  key: string,
  networkId: string,
  token: string,
  now: Date,
): OfferLinkTarget | undefined {
  if (!OFFER_TOKEN.test(token)) return undefined;
  const [inquiryId, jobId, partnerId, expText, given] = token.split('.') as [
    string,
    string,
    string,
    string,
    string,
  ];
  const exp = Number(expText);
  const target = { inquiryId, jobId, partnerId };
  if (!macMatches(mac(key, networkId, target, exp), given)) return undefined;
  if (exp * 1000 <= now.getTime()) return undefined;
  return target;
}

/** The page's URL on the public function under the console's origin (`/api/…`), in the partner's language. */
export function offerLinkUrl(base: string, slug: string, token: string, lang: 'de' | 'en'): string {
  const at = `${base.replace(/\/$/, '')}/api/public/${encodeURIComponent(slug)}/offer/${token}`;
  return lang === 'en' ? `${at}?lang=en` : at;
}
