import type { CallerOf } from '#shared/http/auth';
import { ForbiddenError, NotFoundError } from '#shared/http/errors';
import type { Answer, Post, PostSummary } from './schema';
import { termsOf } from './words';

/** Pure rules of the exchange: who sees and may change what, views, and a post's index terms. */

export type Member = CallerOf<'coordinator' | 'partner'>;

/** A hidden thread is the coordinator's alone: to partners it does not exist (404, as for any id). */
export function assertCanSee(post: Post | undefined, caller: Member): asserts post is Post {
  if (!post || (post.hidden && caller.role !== 'coordinator')) throw new NotFoundError('post');
}

/** Only the author changes a post or answer; anyone else learns only that it is not theirs. */
export function assertAuthor(
  item: { authorPartnerId: string; deleted: boolean },
  caller: Member,
  what: string,
) {
  if (caller.role !== 'partner' || caller.partnerId !== item.authorPartnerId) {
    throw new ForbiddenError(`only the author of the ${what} may change it`);
  }
}

/**
 * The terms a visible post is found by: `*` (every post), its kind, each competence and each
 * word stem of title and body. Deterministic from the post, so an edit or a helpful mark finds
 * the index items to change without reading them.
 */
export function indexTerms(post: Pick<Post, 'kind' | 'title' | 'body' | 'competences'>): string[] {
  return [
    '*',
    `k:${post.kind}`,
    ...post.competences.map((c) => `c:${c}`),
    ...termsOf(`${post.title} ${post.body}`).map((w) => `w:${w}`),
  ];
}

export function summary(post: Post): PostSummary {
  return {
    id: post.id,
    kind: post.kind,
    authorPartnerId: post.authorPartnerId,
    title: post.title,
    competences: post.competences,
    solved: post.solutionAnswerId !== undefined,
    answerCount: post.answerCount,
    helpful: post.helpful,
    createdAt: post.createdAt,
  };
}

/** What a deleted post or answer still shows: that it was there, not what it said. */
const blanked = { title: '', body: '', html: '', attachments: [] };

export function postView(post: Post, markedByMe: boolean) {
  const { solutionAnswerId, ...rest } = post;
  return {
    ...rest,
    ...(post.deleted ? blanked : {}),
    solved: solutionAnswerId !== undefined,
    ...(solutionAnswerId ? { solutionAnswerId } : {}),
    markedHelpfulByMe: markedByMe,
  };
}

/** The answers a caller sees: hidden ones only the coordinator; the solution flagged. */
export function answerViews(post: Post, answers: Answer[], caller: Member, marked: ReadonlySet<string>) {
  return answers
    .filter((a) => !a.hidden || caller.role === 'coordinator')
    .map(({ postId: _, body, html, ...a }) => ({
      ...a,
      body: a.deleted ? '' : body,
      html: a.deleted ? '' : html,
      isSolution: post.solutionAnswerId === a.id,
      markedHelpfulByMe: marked.has(a.id),
    }));
}
