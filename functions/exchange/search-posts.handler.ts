import { http, reply } from '#shared/http/handler';
import { summary } from './post';
import { SearchAnswer, SearchQuery } from './schema';
import { boundedPage, combine, pageOf, readCursor, searchTerms } from './search';
import { getPosts, queryTerm, queryTermHelpful, queryTermNewest } from './store';

export const handler = http(
  {
    summary: 'Find questions and practice notes by kind, competence and words, newest or most helpful first',
    description:
      'Every word must occur; German inflections meet (Angebot, Angebote, Angeboten) and a word finds longer words it begins (Wärme → Wärmepumpe).',
    auth: ['coordinator', 'partner'],
    query: SearchQuery,
    response: SearchAnswer,
  },
  async ({ caller, query }) => {
    const after = readCursor(query.cursor);
    const terms = searchTerms(query);
    const sort = query.sort ?? 'newest';
    const limit = query.limit ?? 20;
    // one exact term (all, a kind, a competence): read just the page, in either order
    const single = terms.length === 1 && !terms[0]!.prefix ? terms[0]!.term : undefined;
    const { page, cursor } = single
      ? boundedPage(
          sort === 'newest'
            ? await queryTermNewest(caller.networkId, single, limit, after?.postId)
            : await queryTermHelpful(caller.networkId, single, limit, after),
          limit,
          sort,
        )
      : pageOf(
          combine(await Promise.all(terms.map((t) => queryTerm(caller.networkId, t.term, t.prefix))), sort),
          limit,
          after,
          sort,
        );
    const posts = await getPosts(
      caller.networkId,
      page.map((h) => h.postId),
    );
    const items = posts.filter((p) => !p.hidden && !p.deleted).map(summary);
    return reply.ok({ items, ...(cursor ? { cursor } : {}) });
  },
);
