import { http, reply } from '#shared/http/handler';
import { summary } from './post';
import { SearchAnswer, SearchQuery } from './schema';
import { checkCursor, combine, newestPage, pageOf, searchTerms } from './search';
import { getPosts, queryTerm, queryTermNewest } from './store';

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
    checkCursor(query.cursor);
    const terms = searchTerms(query);
    const sort = query.sort ?? 'newest';
    const limit = query.limit ?? 20;
    const single = terms.length === 1 && !terms[0]!.prefix && sort === 'newest' ? terms[0]!.term : undefined;
    const { page, cursor } = single
      ? newestPage(await queryTermNewest(caller.networkId, single, limit, query.cursor), limit)
      : pageOf(
          combine(await Promise.all(terms.map((t) => queryTerm(caller.networkId, t.term, t.prefix))), sort),
          limit,
          query.cursor,
        );
    const posts = await getPosts(
      caller.networkId,
      page.map((h) => h.postId),
    );
    const items = posts.filter((p) => !p.hidden && !p.deleted).map(summary);
    return reply.ok({ items, ...(cursor ? { cursor } : {}) });
  },
);
