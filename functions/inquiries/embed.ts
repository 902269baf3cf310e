import { getNetwork, networkIdBySlug } from '#functions/networks/store';
import type { CorsPolicy } from '#shared/http/cors';
import { SlugPath } from './schema';

/**
 * The hosted form embedded on a network's own website: the browser may post from the origins the
 * network lists in its settings (`embedOrigins`), found by the slug in the path, so one network's
 * website is never allowed for another network's form.
 */
export const embedCors: CorsPolicy = {
  origins: async (event) => {
    // before the path is validated: a malformed slug is left to the handler's 400
    const path = SlugPath.safeParse(event.pathParameters ?? {});
    const networkId = path.success ? await networkIdBySlug(path.data.slug) : undefined;
    const network = networkId ? await getNetwork(networkId) : undefined;
    return network ? (network.embedOrigins ?? []) : undefined;
  },
  preflight: { methods: 'POST', headers: 'content-type, idempotency-key', maxAgeSeconds: 600 },
};
