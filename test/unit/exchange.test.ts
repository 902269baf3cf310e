import { describe, expect, it } from 'vitest';
import { newPost } from '#functions/exchange/drafts';
import { expertQuestionMail } from '#functions/exchange/exchange-mail';
import { expertsFor, languageOf } from '#functions/exchange/expertise';
import { renderMarkdown } from '#functions/exchange/markdown';
import { indexTerms } from '#functions/exchange/post';
import { combine, pageOf, readCursor, searchTerms } from '#functions/exchange/search';
import { stem, termsOf } from '#functions/exchange/words';

describe('Markdown rendering', () => {
  it('renders Markdown and keeps no script, raw HTML, javascript: link or self-loading image', () => {
    const html = renderMarkdown(
      '# Checkliste\n\n**Strom** <script>alert(1)</script> <img src=x onerror=alert(1)>\n\n' +
        '[klick](javascript:alert(1)) ![Pixel](https://tracker.example/p.gif "t")\n\n- eins\n- zwei',
    );
    expect(html).toContain('<h1>Checkliste</h1>');
    expect(html).toContain('<strong>Strom</strong>');
    expect(html).toContain('<li>eins</li>');
    expect(html).not.toMatch(/<script|<img|javascript:/);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('<a href="https://tracker.example/p.gif" rel="nofollow noopener">Pixel</a>');
  });
});

describe('word stems', () => {
  it('lets German inflections and spelled-out umlauts meet', () => {
    const same = (words: string[]) => new Set(words.map((w) => termsOf(w)[0])).size;
    expect(same(['Angebot', 'Angebote', 'Angeboten', 'Angebots'])).toBe(1);
    expect(same(['Wärmepumpe', 'Waermepumpe', 'Wärmepumpen'])).toBe(1);
    expect(same(['Haus', 'Häuser'])).toBe(1);
    expect(same(['Lieferant', 'Lieferanten'])).toBe(1);
  });

  it('drops function words and short words, and keeps each stem once', () => {
    expect(termsOf('Wie und wo? Die Fliesen, die Fliesen!')).toEqual([stem('fliesen')]);
  });
});

describe('search terms and ranking', () => {
  it('makes a term of kind, competence and each word; no criteria means all posts', () => {
    expect(searchTerms({})).toEqual([{ term: '*', prefix: false }]);
    expect(searchTerms({ kind: 'practice', competence: 'carpentry', q: 'Angebote schreiben' })).toEqual([
      { term: 'k:practice', prefix: false },
      { term: 'c:carpentry', prefix: false },
      { term: `w:${stem('angebote')}`, prefix: true },
      { term: `w:${stem('schreiben')}`, prefix: true },
    ]);
  });

  it('keeps the posts every term found, newest or most helpful first, and pages behind a cursor', () => {
    const hit = (postId: string, helpful = 0) => ({ postId, createdAt: '2026-01-01T00:00:00Z', helpful });
    const perTerm = [
      [hit('01a', 5), hit('01b', 1), hit('01c', 3), hit('01c', 3)],
      [hit('01b', 1), hit('01c', 3), hit('01d')],
    ];
    expect(combine(perTerm, 'newest').map((h) => h.postId)).toEqual(['01c', '01b']);
    expect(combine([[hit('01a', 1), hit('01b', 4), hit('01c', 4)]], 'helpful').map((h) => h.postId)).toEqual([
      '01c',
      '01b',
      '01a',
    ]);
    const all = combine([[hit('01a'), hit('01b'), hit('01c')]], 'newest');
    const first = pageOf(all, 2, undefined);
    expect(first.page.map((h) => h.postId)).toEqual(['01c', '01b']);
    expect(first.cursor).toBe('01b');
    const second = pageOf(all, 2, { postId: first.cursor!, helpful: 0 });
    expect(second.page.map((h) => h.postId)).toEqual(['01a']);
    expect(second.cursor).toBeUndefined();
    expect(() => pageOf(all, 2, { postId: 'zzz', helpful: 0 })).toThrow(/cursor/);
    // a helpful-sorted page hands out its last post's count with the id
    expect(pageOf(all, 1, undefined, 'helpful').cursor).toBe('0-01c');
  });

  it('reads back only cursors a page can hand out', () => {
    const id = '01kbx0z3c6y9q8w5e4r2t1m0n7';
    expect(readCursor(id)).toEqual({ postId: id, helpful: 0 });
    expect(readCursor(`12-${id}`)).toEqual({ postId: id, helpful: 12 });
    for (const bad of ['nonsense', `x-${id}`, `1234567-${id}`, `12.${id}`, `${id}#`, id.toUpperCase()]) {
      expect(() => readCursor(bad), bad).toThrow(/cursor/);
    }
  });

  it('indexes a post by all, kind, competences and words', () => {
    const post = newPost(
      'question',
      '01q',
      'p1',
      { title: 'Fliesen', body: 'kleben', competences: ['tiles'] },
      '2026-01-01T00:00:00.000Z',
    );
    expect(indexTerms(post)).toEqual([
      '*',
      'k:question',
      'c:tiles',
      `w:${stem('fliesen')}`,
      `w:${stem('kleben')}`,
    ]);
  });
});

describe('ask the expert', () => {
  const partner = (id: string, level: number, active = true, competenceId = 'carpentry') => ({
    id,
    active,
    competences: [{ competenceId, level }],
  });

  it('picks active partners with a tagged competence at level 4 or 5, never the asker', () => {
    const experts = expertsFor({ competences: ['carpentry', 'tiles'], authorPartnerId: 'asker' }, [
      partner('asker', 5),
      partner('five', 5),
      partner('four-tiles', 4, true, 'tiles'),
      partner('three', 3),
      partner('inactive', 5, false),
      partner('other-topic', 5, true, 'electrical'),
    ]);
    expect(experts.map((p) => p.id)).toEqual(['five', 'four-tiles']);
  });

  it('writes German unless the partner chose English', () => {
    const post = newPost(
      'question',
      '01q',
      'p1',
      { title: 'Fugen?', body: '**wie**', competences: ['tiles'] },
      '2026-01-01T00:00:00.000Z',
    );
    const sender = { from: { name: 'Netz', address: 'netz@in.example' }, networkName: 'Netz' };
    const to = (lang: 'de' | 'en') => ({ partnerId: 'p2', name: 'Firma <B>', email: 'b@x.example', lang });
    expect(languageOf({})).toBe('de');
    expect(languageOf({ language: 'en' })).toBe('en');
    const de = expertQuestionMail(post, ['Fliesen'], sender, to('de'));
    const en = expertQuestionMail(post, ['Tiles'], sender, to('en'));
    expect(de.subject).toBe('Frage an die Fachleute: Fugen? [Q-01Q]');
    expect(en.subject).toBe('Question for the experts: Fugen? [Q-01Q]');
    expect(de.html).toContain('Firma &lt;B&gt;');
    expect(de.html).toContain('<strong>wie</strong>');
  });
});
