import * as z from 'zod/mini';
import { getNetwork, networkIdBySlug } from '#functions/networks/store';
import { NotFoundError } from '#shared/http/errors';
import { http } from '#shared/http/handler';
import { FORM_PAGE_HEADERS, formPage } from './form-page';
import { reference, SlugPath } from './schema';

export const handler = http(
  {
    summary:
      "The network's hosted inquiry form as HTML (works without JavaScript; served at /{slug}/anfrage)",
    description:
      'German by default, `?lang=en` for English; `?gesendet=<reference>` shows the thank-you after the form post.',
    auth: 'public',
    params: SlugPath,
    query: z.strictObject({ lang: z.optional(z.enum(['de', 'en'])), gesendet: z.optional(reference) }),
    produces: ['text/html'],
  },
  async ({ params, query }) => {
    const networkId = await networkIdBySlug(params.slug);
    const network = networkId && (await getNetwork(networkId));
    if (!network) throw new NotFoundError('network');
    return {
      status: 200,
      headers: { ...FORM_PAGE_HEADERS },
      text: formPage({
        slug: params.slug,
        network: network.name,
        lang: query.lang ?? 'de',
        sent: query.gesendet,
      }),
    };
  },
);
