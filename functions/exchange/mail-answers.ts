import { listPartnersWithResources } from '#functions/networks/store';
import type { TransactItem } from '#shared/db/transact';
import { newId } from '#shared/ids';
import { newAnswer } from './drafts';
import { addAnswer, getPost } from './store';

/**
 * Answers by e-mail: every exchange mail's subject carries its thread's token `[Q-<POSTID>]`,
 * so a reply to it (through the network's inbound address and the intake) becomes an answer by
 * the partner whose contact address sent it. The intake calls these two; they decide, it files.
 */

/** The question a subject answers (`Re: … [Q-01K…]`), as a post id; the first token counts. */
export function questionInSubject(subject: string): string | undefined {
  const m = /\[Q-([0-9A-HJKMNP-TV-Z]{26})\]/i.exec(subject);
  return m ? m[1]!.toLowerCase() : undefined;
}

export type MailAnswerPlan =
  | { ok: true; partnerId: string; postId: string }
  | { ok: false; reason: 'not-a-partner' | 'thread-closed'; detail: string };

const same = (a: string | undefined, b: string | undefined) =>
  !!a && !!b && a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * Who answers, and may they: the From address must be an active partner's contact address (a
 * Reply-To, if any, the same partner's), DMARC must not say the From is forged, and the question
 * must take answers (there, not hidden, locked or deleted).
 */
export async function planMailAnswer(
  networkId: string,
  postId: string,
  mail: { from?: string | undefined; replyTo?: string | undefined; dmarc?: string | undefined },
): Promise<MailAnswerPlan> {
  const [{ partners }, post] = await Promise.all([
    listPartnersWithResources(networkId),
    getPost(networkId, postId),
  ]);
  const who = mail.from ?? 'an unknown sender';
  const partner = partners.find((p) => p.active && same(p.contact.email, mail.from));
  if (!partner || (mail.replyTo && !same(mail.replyTo, mail.from))) {
    return {
      ok: false,
      reason: 'not-a-partner',
      detail: `${who} is not the address of an active partner of this network; only partners answer questions by mail (Q-${postId.toUpperCase()})`,
    };
  }
  if (mail.dmarc === 'FAIL') {
    return {
      ok: false,
      reason: 'not-a-partner',
      detail: `DMARC FAIL for ${who}: the From address may be forged, so the reply to Q-${postId.toUpperCase()} is not taken as ${partner.name}'s answer`,
    };
  }
  if (post?.kind !== 'question' || post.hidden || post.locked || post.deleted) {
    const why =
      !post || post.hidden || post.kind !== 'question'
        ? 'there is no such question'
        : post.locked
          ? 'the thread is locked'
          : 'the question was deleted';
    return {
      ok: false,
      reason: 'thread-closed',
      detail: `${why} (Q-${postId.toUpperCase()}); the reply was not added`,
    };
  }
  return { ok: true, partnerId: partner.id, postId };
}

/** Writes the answer (its text already without the quoted mail), with the intake's `extra` items. */
export async function answerFromMail(
  networkId: string,
  plan: { partnerId: string; postId: string },
  text: string,
  now: string,
  extra: (answerId: string) => TransactItem[],
): Promise<string> {
  const answer = newAnswer(newId(), plan.postId, plan.partnerId, text, now);
  await addAnswer(networkId, answer, extra(answer.id));
  return answer.id;
}
