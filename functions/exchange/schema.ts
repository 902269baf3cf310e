import * as z from 'zod/mini';
import { cursorParam, id, isoDateTime, limitParam, multilineText, text } from '#shared/schema';

/**
 * The know-how exchange: questions with answers, practice notes ("So machen wir's"), helpful
 * marks and moderation. Everything lives in the network's partition (store.ts), so another
 * network cannot reach it by construction.
 */

export const POST_KINDS = ['question', 'practice'] as const;
export const postKind = z.enum(POST_KINDS);
export type PostKind = z.infer<typeof postKind>;

/** Competence ids from the network's taxonomy (checked against it by the handlers). */
const competenceIds = z.array(id).check(z.minLength(1), z.maxLength(10));

// ---- request bodies ---------------------------------------------------------------------

export const AskQuestionBody = z.strictObject({
  title: text(160),
  body: multilineText(20_000),
  competences: competenceIds,
});
export type AskQuestionBody = z.infer<typeof AskQuestionBody>;

export const PublishPracticeBody = AskQuestionBody;

export const AnswerBody = z.strictObject({ body: multilineText(20_000) });

/** An edit names the version it was made on, so two edits at once cannot overwrite each other. */
export const EditPostBody = z.strictObject({
  version: z.int().check(z.gte(1)),
  title: z.optional(text(160)),
  body: z.optional(multilineText(20_000)),
  competences: z.optional(competenceIds),
});
export type EditPostBody = z.infer<typeof EditPostBody>;

export const EditAnswerBody = z.strictObject({
  version: z.int().check(z.gte(1)),
  body: multilineText(20_000),
});

export const ModerationBody = z
  .strictObject({
    /** Moderate one answer of the thread instead of the thread itself (only `hidden` applies). */
    answerId: z.optional(id),
    hidden: z.optional(z.boolean()),
    locked: z.optional(z.boolean()),
  })
  .check(
    z.superRefine((b, ctx) => {
      if (b.hidden === undefined && b.locked === undefined) {
        ctx.addIssue({ code: 'custom', message: 'give hidden or locked', path: ['hidden'], input: b });
      }
      if (b.answerId !== undefined && b.locked !== undefined) {
        ctx.addIssue({
          code: 'custom',
          message: 'an answer cannot be locked, only its thread',
          path: ['locked'],
          input: b,
        });
      }
    }),
  );
export type ModerationBody = z.infer<typeof ModerationBody>;

// ---- path and query ---------------------------------------------------------------------

export const PostPath = z.strictObject({ postId: id });
export const AnswerPath = z.strictObject({ postId: id, answerId: id });

export const SearchQuery = z.strictObject({
  kind: z.optional(postKind),
  competence: z.optional(id),
  /** Words, German or English; every word must occur (inflections and word starts match). */
  q: z.optional(text(200)),
  sort: z.optional(z.enum(['newest', 'helpful'])),
  limit: limitParam,
  cursor: cursorParam,
});
export type SearchQuery = z.infer<typeof SearchQuery>;

// ---- stored items -----------------------------------------------------------------------

export const Post = z.object({
  id,
  kind: postKind,
  authorPartnerId: id,
  title: z.string(),
  body: z.string(),
  html: z.string(),
  competences: z.array(z.string()),
  /** Questions: open until the asker marks an answer as the solution. */
  solutionAnswerId: z.optional(z.string()),
  answerCount: z.number(),
  /** Helpful marks on the practice itself, or on all answers of a question. */
  helpful: z.number(),
  hidden: z.boolean(),
  locked: z.boolean(),
  deleted: z.boolean(),
  version: z.number(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});
export type Post = z.infer<typeof Post>;

export const Answer = z.object({
  id,
  postId: id,
  authorPartnerId: id,
  body: z.string(),
  html: z.string(),
  helpful: z.number(),
  hidden: z.boolean(),
  deleted: z.boolean(),
  version: z.number(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});
export type Answer = z.infer<typeof Answer>;

/** One earlier version of a post or answer, written before each edit or deletion. */
export const HistoryEntry = z.object({
  postId: id,
  answerId: z.optional(id),
  version: z.number(),
  title: z.optional(z.string()),
  body: z.string(),
  competences: z.optional(z.array(z.string())),
  replacedAt: isoDateTime,
  change: z.enum(['edited', 'deleted']),
});
export type HistoryEntry = z.infer<typeof HistoryEntry>;

// ---- answers (documentation; the integration tests check real bodies against them) -------

export const AnswerView = z.object({
  id,
  authorPartnerId: id,
  body: z.string(),
  html: z.string(),
  helpful: z.number(),
  markedHelpfulByMe: z.boolean(),
  isSolution: z.boolean(),
  hidden: z.boolean(),
  deleted: z.boolean(),
  version: z.number(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});

export const PostView = z.object({
  id,
  kind: postKind,
  authorPartnerId: id,
  title: z.string(),
  body: z.string(),
  html: z.string(),
  competences: z.array(z.string()),
  solved: z.boolean(),
  solutionAnswerId: z.optional(z.string()),
  answerCount: z.number(),
  helpful: z.number(),
  markedHelpfulByMe: z.boolean(),
  hidden: z.boolean(),
  locked: z.boolean(),
  deleted: z.boolean(),
  version: z.number(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});

export const ThreadView = z.object({ ...PostView.def.shape, answers: z.array(AnswerView) });

export const PostSummary = z.object({
  id,
  kind: postKind,
  authorPartnerId: id,
  title: z.string(),
  competences: z.array(z.string()),
  solved: z.boolean(),
  answerCount: z.number(),
  helpful: z.number(),
  createdAt: isoDateTime,
});
export type PostSummary = z.infer<typeof PostSummary>;

export const SearchAnswer = z.object({ items: z.array(PostSummary), cursor: z.optional(z.string()) });

export const HelpfulAnswer = z.object({ helpful: z.number(), markedHelpfulByMe: z.boolean() });

export const HistoryAnswer = z.object({
  items: z.array(
    z.object({
      answerId: z.optional(z.string()),
      version: z.number(),
      title: z.optional(z.string()),
      body: z.string(),
      replacedAt: isoDateTime,
      change: z.enum(['edited', 'deleted']),
    }),
  ),
});
