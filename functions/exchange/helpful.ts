import { nowIso } from '#shared/time';
import type { Member } from './post';
import { addHelpful, getPost, raiseIndexedHelpful } from './store';

/**
 * Marks a practice or an answer helpful for the calling partner, once: a second mark changes
 * nothing. Then the search index learns the thread's new count.
 */
export async function markHelpful(
  caller: Member & { partnerId: string },
  postId: string,
  answerId?: string,
): Promise<void> {
  const counted = await addHelpful(caller.networkId, postId, answerId, caller.partnerId, nowIso());
  if (!counted) return;
  const post = await getPost(caller.networkId, postId);
  if (post && !post.hidden && !post.deleted) await raiseIndexedHelpful(caller.networkId, post, post.helpful);
}
