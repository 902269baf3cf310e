import { getNetwork, networkIdBySlug } from '#functions/networks/store';
import { NotFoundError } from '#shared/http/errors';
import { clientBucket, enforceRate } from '#shared/http/rate-limit';
import { inquiryIdByStatusToken } from './store';

/** Reads of status links per client network and 10 minutes: enough for a person, not for guessing. */
export const STATUS_READS_PER_CLIENT = { limit: 60, windowSeconds: 10 * 60 } as const;

/**
 * The inquiry behind a status link of the network with this slug. Every miss (unknown slug,
 * unknown token, another network's token) is the same 404, and every try counts toward the
 * client's limit, so guessing is slow and learns nothing.
 */
export async function inquiryOfStatusLink(
  slug: string,
  token: string,
  sourceIp: string,
): Promise<{ networkId: string; inquiryId: string; networkName: string }> {
  const networkId = await networkIdBySlug(slug);
  if (!networkId) throw new NotFoundError('status link');
  const { limit, windowSeconds } = STATUS_READS_PER_CLIENT;
  await enforceRate(networkId, `status-${clientBucket(sourceIp)}`, limit, windowSeconds);
  const [inquiryId, network] = await Promise.all([
    inquiryIdByStatusToken(networkId, token),
    getNetwork(networkId),
  ]);
  if (!inquiryId || !network) throw new NotFoundError('status link');
  return { networkId, inquiryId, networkName: network.name };
}
