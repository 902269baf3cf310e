import { ValidationError } from '#shared/http/errors';
import type { SearchQuery } from './schema';
import type { IndexHit } from './store';
import { foldText, stem, termsOf } from './words';

/**
 * A search as index terms: the kind, the competence and each word's stem (by prefix). Every term
 * must hold (AND); without any, all posts (`*`).
 */
export function searchTerms(
  q: Pick<SearchQuery, 'kind' | 'competence' | 'q'>,
): { term: string; prefix: boolean }[] {
  const terms: { term: string; prefix: boolean }[] = [];
  if (q.kind) terms.push({ term: `k:${q.kind}`, prefix: false });
  if (q.competence) terms.push({ term: `c:${q.competence}`, prefix: false });
  if (q.q) {
    const words = termsOf(q.q, 10);
    // a query made only of short or function words finds what each word's stem begins
    const stems = words.length > 0 ? words : foldText(q.q).split(' ').filter(Boolean).map(stem).slice(0, 10);
    for (const w of stems) terms.push({ term: `w:${w}`, prefix: true });
  }
  if (terms.length === 0) terms.push({ term: '*', prefix: false });
  return terms;
}

/** The posts every term found (one hit per post), ordered newest or most helpful first. */
export function combine(perTerm: IndexHit[][], sort: 'newest' | 'helpful'): IndexHit[] {
  const [first, ...rest] = [...perTerm].sort((a, b) => a.length - b.length);
  if (!first) return [];
  const sets = rest.map((hits) => new Set(hits.map((h) => h.postId)));
  const seen = new Set<string>();
  const hits = first.filter((h) => {
    if (seen.has(h.postId)) return false;
    seen.add(h.postId);
    return sets.every((s) => s.has(h.postId));
  });
  // post ids are ULIDs: by id is by creation time, and a stable tie-break
  return hits.sort((a, b) =>
    sort === 'helpful' && a.helpful !== b.helpful ? b.helpful - a.helpful : a.postId < b.postId ? 1 : -1,
  );
}

const badCursor = () =>
  new ValidationError('query.cursor: must be the cursor of the previous page of this search', [
    {
      path: 'query.cursor',
      message: 'must be the cursor of the previous page of this search',
      code: 'invalid_cursor',
    },
  ]);

export interface Cursor {
  postId: string;
  helpful: number;
}

/**
 * A cursor is the last post of the previous page: its id (a lower-case ULID), after its helpful
 * count when sorted by it (`7-01k…`). Anything else is a 400 before any read.
 */
export function readCursor(cursor: string | undefined): Cursor | undefined {
  if (cursor === undefined) return undefined;
  const m = /^(?:(\d{1,6})-)?([0-9a-hjkmnp-tv-z]{26})$/.exec(cursor);
  if (!m) throw badCursor();
  return { postId: m[2]!, helpful: Number(m[1] ?? 0) };
}

export const cursorOf = (hit: IndexHit, sort: 'newest' | 'helpful') =>
  sort === 'helpful' ? `${hit.helpful}-${hit.postId}` : hit.postId;

/** The cursor is the last post id of the page before; a search re-runs and continues behind it. */
export function pageOf(
  hits: IndexHit[],
  limit: number,
  cursor: Cursor | undefined,
  sort: 'newest' | 'helpful' = 'newest',
) {
  let start = 0;
  if (cursor !== undefined) {
    const at = hits.findIndex((h) => h.postId === cursor.postId);
    if (at < 0) throw badCursor();
    start = at + 1;
  }
  const page = hits.slice(start, start + limit);
  const last = page.at(-1);
  return { page, cursor: start + limit < hits.length && last ? cursorOf(last, sort) : undefined };
}

/** A page read newest first straight from the index (one more hit than the page says if more follow). */
export function boundedPage(hits: IndexHit[], limit: number, sort: 'newest' | 'helpful') {
  const page = hits.slice(0, limit);
  const last = page.at(-1);
  return { page, cursor: hits.length > limit && last ? cursorOf(last, sort) : undefined };
}
