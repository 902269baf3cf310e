import { getNetwork, isPartnerActive, networkIdBySlug } from '#functions/networks/store';
import { NotFoundError } from '#shared/http/errors';
import { verifyRsvpToken } from './rsvp-link';
import { getMeeting, linkKey } from './store';

// apart from meetings.ts, so the public RSVP page loads no mail composition at a cold start
/**
 * What a signed RSVP link names: the network (by its public slug), the meeting, the partner.
 * A wrong slug, a forged or altered token, an expired one, an unknown meeting or a partner no
 * longer active: 404, and nothing says which.
 */
export async function meetingOfRsvpLink(slug: string, token: string, now: Date) {
  const networkId = await networkIdBySlug(slug);
  const key = networkId ? await linkKey(networkId) : undefined;
  const check = networkId && key ? verifyRsvpToken(key, networkId, token, now) : undefined;
  if (!networkId || !check?.ok) throw new NotFoundError('meeting link');
  const [network, found, active] = await Promise.all([
    getNetwork(networkId),
    getMeeting(networkId, check.meetingId),
    isPartnerActive(networkId, check.partnerId),
  ]);
  if (!network || !found || !active) throw new NotFoundError('meeting link');
  return { networkId, network, ...found, partnerId: check.partnerId };
}
