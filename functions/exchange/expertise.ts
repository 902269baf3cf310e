import type { Lang } from './exchange-mail';
import type { Post } from './schema';

/** Who counts as an expert for a question, and in which language they read (pure). */

/** The level from which a partner counts as an expert in a competence (1–5). */
export const EXPERT_LEVEL = 4;

/**
 * The partners a question goes to: active, holding one of its competences at level ≥ 4, never
 * the asker. Pure, over the partners as the networks store returns them.
 */
export function expertsFor<
  P extends { id: string; active: boolean; competences: { competenceId: string; level: number }[] },
>(post: Pick<Post, 'competences' | 'authorPartnerId'>, partners: readonly P[]): P[] {
  const tags = new Set(post.competences);
  return partners.filter(
    (p) =>
      p.active &&
      p.id !== post.authorPartnerId &&
      p.competences.some((c) => tags.has(c.competenceId) && c.level >= EXPERT_LEVEL),
  );
}

/** A partner's language if it has one (another capability may add it), else German. */
export const languageOf = (partner: object): Lang =>
  (partner as { language?: unknown }).language === 'en' ? 'en' : 'de';
