import { renderMarkdown } from './markdown';
import type { Answer, Post, PostKind } from './schema';

/**
 * New posts and answers with their Markdown rendered: kept apart from post.ts so the reading
 * routes do not load the renderer (micromark, ~88 KiB minified) at a cold start.
 */

export function newPost(
  kind: PostKind,
  id: string,
  authorPartnerId: string,
  input: { title: string; body: string; competences: string[] },
  now: string,
): Post {
  return {
    id,
    kind,
    authorPartnerId,
    title: input.title,
    body: input.body,
    html: renderMarkdown(input.body),
    competences: input.competences,
    attachments: [],
    answerCount: 0,
    helpful: 0,
    hidden: false,
    locked: false,
    deleted: false,
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
}

export function newAnswer(
  id: string,
  postId: string,
  authorPartnerId: string,
  body: string,
  now: string,
): Answer {
  return {
    id,
    postId,
    authorPartnerId,
    body,
    html: renderMarkdown(body),
    helpful: 0,
    hidden: false,
    deleted: false,
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
}
