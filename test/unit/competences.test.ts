import { describe, expect, it } from 'vitest';
import { fold, suggestCompetences } from '#functions/inquiries/competences';
import { DEMO_COMPETENCES } from '#infra/local/demo-data';

const taxonomy = DEMO_COMPETENCES.map((c) => ({ ...c, synonyms: [...c.synonyms] }));
const ids = (text: string) =>
  suggestCompetences(text, taxonomy)
    .map((c) => c.competenceId)
    .sort();

describe('competence suggestion from the inquiry text', () => {
  it('folds case, umlauts and ß so spellings meet', () => {
    expect(fold('Wärmepumpe')).toBe(fold('WAERMEPUMPE'));
    expect(fold('Fußbodenheizung')).toBe(fold('fussbodenheizung'));
    expect(fold('Café')).toBe(' cafe ');
  });

  it('finds German terms with and without umlauts, inside compounds', () => {
    expect(ids('Wir wollen eine Waermepumpe und Fußbodenheizung')).toEqual(['heating']);
    expect(ids('Badezimmersanierung und neue Wasserleitung')).toEqual(['plumbing']);
    expect(ids('Neuer Dachstuhl, außerdem PV auf das Dach')).toEqual(['solar', 'timber-construction']);
  });

  it('finds English labels and synonyms', () => {
    expect(ids('We need an electrician and a plumber for our bathroom')).toEqual(['electrical', 'plumbing']);
  });

  it('matches short terms only as whole words', () => {
    expect(ids('Umbau der Badminton-Halle, Pvc-Boden')).toEqual([]);
    expect(ids('Neues Bad gewünscht')).toEqual(['plumbing']);
  });

  it('marks every suggestion as suggested, so the coordinator knows to check it', () => {
    expect(suggestCompetences('Tischler gesucht', taxonomy)).toEqual([
      { competenceId: 'carpentry', suggested: true },
    ]);
  });
});
