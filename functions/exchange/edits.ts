import { ConflictError, NotFoundError } from '#shared/http/errors';
import { nowIso } from '#shared/time';
import { renderMarkdown } from './markdown';
import { assertAuthor, assertCanSee, indexTerms, type Member } from './post';
import type { Answer, Post } from './schema';
import { changeOwn, getPost, getThread, indexPost, unindexPost } from './store';

/**
 * Edits and deletions of one's own posts and answers: the replaced version goes to the history,
 * the word index follows the new text. Shared by the four edit/delete handlers.
 */

function assertCurrent(item: { version: number; deleted: boolean }, version: number) {
  if (item.deleted) throw new ConflictError('it was deleted and cannot be changed any more');
  if (item.version !== version) {
    throw new ConflictError(`it is at version ${item.version} now, not ${version}: reload it and try again`, [
      { path: 'body.version', message: 'changed meanwhile', code: 'changed_meanwhile' },
    ]);
  }
}

export async function loadOwnPost(caller: Member, postId: string): Promise<Post> {
  const post = await getPost(caller.networkId, postId);
  assertCanSee(post, caller);
  assertAuthor(post, caller, 'post');
  return post;
}

export async function loadOwnAnswer(caller: Member, postId: string, answerId: string) {
  const thread = await getThread(caller.networkId, postId);
  assertCanSee(thread?.post, caller);
  const answer = thread!.answers.find((a) => a.id === answerId);
  if (!answer || answer.hidden) throw new NotFoundError('answer');
  assertAuthor(answer, caller, 'answer');
  return { post: thread!.post, answer };
}

export async function editPost(
  caller: Member & { partnerId: string },
  post: Post,
  edit: { version: number; title?: string; body?: string; competences?: string[] },
): Promise<Post> {
  assertCurrent(post, edit.version);
  const now = nowIso();
  const change = {
    ...(edit.title !== undefined ? { title: edit.title } : {}),
    ...(edit.body !== undefined ? { body: edit.body, html: renderMarkdown(edit.body) } : {}),
    ...(edit.competences !== undefined ? { competences: edit.competences } : {}),
  };
  await changeOwn(
    caller.networkId,
    { postId: post.id },
    caller.partnerId,
    edit.version,
    change,
    history(post, 'edited', now),
    now,
  );
  const next: Post = { ...post, ...change, version: post.version + 1, updatedAt: now };
  const before = new Set(indexTerms(post));
  const after = indexTerms(next);
  await unindexPost(
    caller.networkId,
    post.id,
    [...before].filter((t) => !after.includes(t)),
  );
  await indexPost(caller.networkId, next, after);
  return next;
}

export async function deletePost(caller: Member & { partnerId: string }, post: Post): Promise<void> {
  if (post.deleted) return;
  const now = nowIso();
  await changeOwn(
    caller.networkId,
    { postId: post.id },
    caller.partnerId,
    post.version,
    { deleted: true },
    history(post, 'deleted', now),
    now,
  );
  await unindexPost(caller.networkId, post.id, indexTerms(post));
}

export async function editAnswer(
  caller: Member & { partnerId: string },
  answer: Answer,
  edit: { version: number; body: string },
): Promise<Answer> {
  assertCurrent(answer, edit.version);
  const now = nowIso();
  const change = { body: edit.body, html: renderMarkdown(edit.body) };
  const target = { postId: answer.postId, answerId: answer.id };
  await changeOwn(
    caller.networkId,
    target,
    caller.partnerId,
    edit.version,
    change,
    answerHistory(answer, 'edited', now),
    now,
  );
  return { ...answer, ...change, version: answer.version + 1, updatedAt: now };
}

export async function deleteAnswer(caller: Member & { partnerId: string }, answer: Answer): Promise<void> {
  if (answer.deleted) return;
  const now = nowIso();
  const target = { postId: answer.postId, answerId: answer.id };
  await changeOwn(
    caller.networkId,
    target,
    caller.partnerId,
    answer.version,
    { deleted: true },
    answerHistory(answer, 'deleted', now),
    now,
  );
}

const history = (post: Post, change: 'edited' | 'deleted', now: string) => ({
  postId: post.id,
  version: post.version,
  title: post.title,
  body: post.body,
  competences: post.competences,
  replacedAt: now,
  change,
});

const answerHistory = (answer: Answer, change: 'edited' | 'deleted', now: string) => ({
  postId: answer.postId,
  answerId: answer.id,
  version: answer.version,
  body: answer.body,
  replacedAt: now,
  change,
});
