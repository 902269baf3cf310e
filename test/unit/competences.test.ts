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

  it('understands German inflections and compounds, and English plurals (Snowball and Porter stems)', () => {
    expect(ids('Neuer Elektroanschluss für die Garage')).toEqual(['electrical']);
    expect(ids('Die Wasserleitungen im Keller tropfen')).toEqual(['plumbing']);
    expect(ids('Zwei Starkstromanschlüsse für die Werkstatt')).toEqual(['electrical']);
    expect(ids('Die Heizungen werden nicht warm')).toEqual(['heating']);
    expect(ids('Lüftungsanlage zu laut')).toEqual(['ventilation']);
    expect(ids('Two bathrooms and new wiring')).toEqual(['electrical', 'plumbing']);
    expect(ids('Rückruf wegen eines Termins, bitte')).toEqual([]);
  });

  it('marks every suggestion as suggested, so the coordinator knows to check it', () => {
    expect(suggestCompetences('Tischler gesucht', taxonomy)).toEqual([
      { competenceId: 'carpentry', suggested: true },
    ]);
  });
});
