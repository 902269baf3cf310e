import { describe, expect, it } from 'vitest';
import { handler as createCompetence } from '#functions/networks/create-competence.handler';
import { handler as listCompetences } from '#functions/networks/list-competences.handler';
import { handler as updateCompetence } from '#functions/networks/update-competence.handler';
import { call, claims } from '#test/support/api';
import { givenNetwork } from '#test/support/networks';

describe('competence taxonomy', () => {
  it('lets the coordinator add an entry with German and English labels and synonyms', async () => {
    // Prepare
    await givenNetwork('tax1');
    // Act
    const created = await call(createCompetence, {
      method: 'POST',
      path: '/competences',
      claims: claims.coordinator('tax1'),
      body: {
        label_de: 'Fußbodenheizung',
        label_en: 'Underfloor heating',
        synonyms: ['FBH', 'floor heating'],
      },
    });
    const list = await call(listCompetences, {
      method: 'GET',
      path: '/competences',
      claims: claims.partner('tax1', 'tax1-p1'),
    });
    // Assess
    expect(created.status).toBe(201);
    expect(created.body.id).toBe('underfloor-heating');
    expect(list.body.items.map((c: { id: string }) => c.id).sort()).toEqual([
      'carpentry',
      'electrical',
      'underfloor-heating',
    ]);
    expect(list.body.items.find((c: { id: string }) => c.id === 'underfloor-heating')).toEqual({
      id: 'underfloor-heating',
      label_de: 'Fußbodenheizung',
      label_en: 'Underfloor heating',
      synonyms: ['FBH', 'floor heating'],
    });
  });

  it('answers 409 for an id that exists and keeps the original', async () => {
    await givenNetwork('tax2');
    const res = await call(createCompetence, {
      method: 'POST',
      path: '/competences',
      claims: claims.coordinator('tax2'),
      body: { id: 'carpentry', label_de: 'Anders', label_en: 'Other' },
    });
    expect(res.status).toBe(409);
    const list = await call(listCompetences, {
      method: 'GET',
      path: '/competences',
      claims: claims.coordinator('tax2'),
    });
    expect(list.body.items.find((c: { id: string }) => c.id === 'carpentry').label_de).toBe('Tischlerei');
  });

  it('updates labels and synonyms; 404 for an unknown id or one of another network', async () => {
    await givenNetwork('tax3');
    await givenNetwork('tax4');
    const ok = await call(updateCompetence, {
      method: 'PATCH',
      path: '/competences/carpentry',
      claims: claims.coordinator('tax3'),
      body: { synonyms: ['Tischler', 'Schreiner'] },
    });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({
      id: 'carpentry',
      label_de: 'Tischlerei',
      synonyms: ['Tischler', 'Schreiner'],
    });
    const unknown = await call(updateCompetence, {
      method: 'PATCH',
      path: '/competences/masonry',
      claims: claims.coordinator('tax3'),
      body: { label_en: 'Masonry' },
    });
    expect(unknown.status).toBe(404);
    // tax4 has its own `carpentry`; tax3's change must not have touched it
    const other = await call(listCompetences, {
      method: 'GET',
      path: '/competences',
      claims: claims.coordinator('tax4'),
    });
    expect(other.body.items.find((c: { id: string }) => c.id === 'carpentry').synonyms).toEqual(['Tischler']);
  });

  it('names bad fields, rejects unknown ones and writes nothing', async () => {
    await givenNetwork('tax5');
    const res = await call(createCompetence, {
      method: 'POST',
      path: '/competences',
      claims: claims.coordinator('tax5'),
      body: { label_de: '', label_en: 'Roofing', synonyms: 'Dach', colour: 'red' },
    });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      'colour',
      'label_de',
      'synonyms',
    ]);
    const list = await call(listCompetences, {
      method: 'GET',
      path: '/competences',
      claims: claims.coordinator('tax5'),
    });
    expect(list.body.items).toHaveLength(2);
  });

  it('lets only the coordinator change the taxonomy', async () => {
    await givenNetwork('tax6');
    const res = await call(createCompetence, {
      method: 'POST',
      path: '/competences',
      claims: claims.partner('tax6', 'tax6-p1'),
      body: { label_de: 'Dach', label_en: 'Roofing' },
    });
    expect(res.status).toBe(403);
  });

  it('gives one 201 and one 409 when two coordinators add the same entry at once', async () => {
    await givenNetwork('tax7');
    const results = await Promise.all(
      ['Dachdeckerei', 'Bedachung'].map((label_de) =>
        call(createCompetence, {
          method: 'POST',
          path: '/competences',
          claims: claims.coordinator('tax7'),
          body: { label_de, label_en: 'Roofing' },
        }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
  });
});
