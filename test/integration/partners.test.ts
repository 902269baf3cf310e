import { describe, expect, it } from 'vitest';
import { handler as createPartner } from '#functions/networks/create-partner.handler';
import { handler as createResource } from '#functions/networks/create-resource.handler';
import { handler as deactivatePartner } from '#functions/networks/deactivate-partner.handler';
import { handler as deleteResource } from '#functions/networks/delete-resource.handler';
import { handler as getPartner } from '#functions/networks/get-partner.handler';
import { handler as listPartners } from '#functions/networks/list-partners.handler';
import { handler as setCompetences } from '#functions/networks/set-partner-competences.handler';
import { getPartner as loadPartner } from '#functions/networks/store';
import { handler as updatePartner } from '#functions/networks/update-partner.handler';
import { handler as updateResource } from '#functions/networks/update-resource.handler';
import { call, claims } from '#test/support/api';
import { givenNetwork } from '#test/support/networks';

const newPartner = (id: string) => ({
  id,
  name: 'Elektro Novak GmbH',
  contact: { name: 'Petra Novak', email: 'petra@novak.example', phone: '+43 1 602 3344' },
  postcode: '1100',
  region: 'Wien',
  competences: [{ competenceId: 'electrical', level: 5 }],
});

describe('partners', () => {
  it('lets the coordinator add a partner that then shows up in the list', async () => {
    await givenNetwork('pa1');
    const created = await call(createPartner, {
      method: 'POST',
      path: '/partners',
      claims: claims.coordinator('pa1'),
      body: newPartner('novak'),
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: 'novak', active: true, resources: [] });
    const list = await call(listPartners, {
      method: 'GET',
      path: '/partners',
      claims: claims.coordinator('pa1'),
    });
    expect(list.body.items.map((p: { id: string }) => p.id).sort()).toEqual(['novak', 'pa1-p1', 'pa1-p2']);
  });

  it('rejects competences outside the taxonomy, naming the entry, and writes nothing', async () => {
    await givenNetwork('pa2');
    const res = await call(createPartner, {
      method: 'POST',
      path: '/partners',
      claims: claims.coordinator('pa2'),
      body: {
        ...newPartner('novak'),
        competences: [
          { competenceId: 'electrical', level: 5 },
          { competenceId: 'welding', level: 3 },
        ],
      },
    });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([
      {
        path: 'competences.1.competenceId',
        message: "welding is not in the network's taxonomy",
        code: 'unknown_competence',
      },
    ]);
    expect(await loadPartner('pa2', 'novak')).toBeUndefined();
  });

  it('names every bad field (level 0, bad e-mail, unknown field) and writes nothing', async () => {
    await givenNetwork('pa3');
    const res = await call(createPartner, {
      method: 'POST',
      path: '/partners',
      claims: claims.coordinator('pa3'),
      body: {
        ...newPartner('novak'),
        contact: { name: 'P', email: 'not-an-email' },
        competences: [{ competenceId: 'electrical', level: 0 }],
        networkId: 'other',
      },
    });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      'competences.0.level',
      'contact.email',
      'networkId',
    ]);
    expect(res.body.errors.find((e: { path: string }) => e.path === 'competences.0.level').message).toBe(
      'must be ≥ 1, got 0',
    );
    expect(await loadPartner('pa3', 'novak')).toBeUndefined();
  });

  it('shows a partner its own profile and 404 for another partner (nothing leaks)', async () => {
    await givenNetwork('pa4');
    const own = await call(getPartner, {
      method: 'GET',
      path: '/partners/pa4-p1',
      claims: claims.partner('pa4', 'pa4-p1'),
    });
    const other = await call(getPartner, {
      method: 'GET',
      path: '/partners/pa4-p2',
      claims: claims.partner('pa4', 'pa4-p1'),
    });
    const missing = await call(getPartner, {
      method: 'GET',
      path: '/partners/nobody',
      claims: claims.partner('pa4', 'pa4-p1'),
    });
    expect(own.status).toBe(200);
    expect(own.body.name).toBe('Firma pa4-p1');
    expect(other.status).toBe(404);
    expect(other.body).toEqual({ ...missing.body });
  });

  it("answers 404 to another network's coordinator for every partner route", async () => {
    await givenNetwork('pa5');
    await givenNetwork('pa6');
    const intruder = claims.coordinator('pa6');
    const responses = await Promise.all([
      call(getPartner, { method: 'GET', path: '/partners/pa5-p1', claims: intruder }),
      call(updatePartner, {
        method: 'PATCH',
        path: '/partners/pa5-p1',
        claims: intruder,
        body: { name: 'X' },
      }),
      call(deactivatePartner, { method: 'POST', path: '/partners/pa5-p1/deactivate', claims: intruder }),
      call(setCompetences, {
        method: 'PUT',
        path: '/partners/pa5-p1/competences',
        claims: intruder,
        body: { competences: [] },
      }),
      call(createResource, {
        method: 'POST',
        path: '/partners/pa5-p1/resources',
        claims: intruder,
        body: { kind: 'room', name: 'Halle', hoursPerWeek: 40 },
      }),
    ]);
    expect(responses.map((r) => r.status)).toEqual([404, 404, 404, 404, 404]);
    const untouched = await loadPartner('pa5', 'pa5-p1');
    expect(untouched?.partner).toMatchObject({
      name: 'Firma pa5-p1',
      active: true,
      competences: [{ competenceId: 'carpentry', level: 3 }],
    });
    expect(untouched?.resources).toEqual([]);
    // and the intruder's own list does not contain pa5's partners
    const list = await call(listPartners, { method: 'GET', path: '/partners', claims: intruder });
    expect(list.body.items.map((p: { id: string }) => p.id).sort()).toEqual(['pa6-p1', 'pa6-p2']);
  });

  it('lets a partner update its own profile but not set active, nor touch another partner', async () => {
    await givenNetwork('pa7');
    const me = claims.partner('pa7', 'pa7-p1');
    const ok = await call(updatePartner, {
      method: 'PATCH',
      path: '/partners/pa7-p1',
      claims: me,
      body: { region: 'Baden' },
    });
    const setActive = await call(updatePartner, {
      method: 'PATCH',
      path: '/partners/pa7-p1',
      claims: me,
      body: { active: false },
    });
    const other = await call(updatePartner, {
      method: 'PATCH',
      path: '/partners/pa7-p2',
      claims: me,
      body: { name: 'Gekapert' },
    });
    expect(ok.status).toBe(200);
    expect(ok.body.region).toBe('Baden');
    expect(setActive.status).toBe(400);
    expect(setActive.body.errors).toEqual([
      { path: 'active', message: 'unknown field', code: 'unrecognized_keys' },
    ]);
    expect(other.status).toBe(404);
    expect((await loadPartner('pa7', 'pa7-p2'))?.partner.name).toBe('Firma pa7-p2');
  });

  it('lets the coordinator deactivate a partner; partners then no longer see it in the directory', async () => {
    await givenNetwork('pa8');
    const byPartner = await call(deactivatePartner, {
      method: 'POST',
      path: '/partners/pa8-p2/deactivate',
      claims: claims.partner('pa8', 'pa8-p2'),
    });
    expect(byPartner.status).toBe(403);
    const res = await call(deactivatePartner, {
      method: 'POST',
      path: '/partners/pa8-p2/deactivate',
      claims: claims.coordinator('pa8'),
    });
    expect(res.status).toBe(200);
    expect(res.body.active).toBe(false);
    const directory = await call(listPartners, {
      method: 'GET',
      path: '/partners',
      claims: claims.partner('pa8', 'pa8-p1'),
    });
    expect(directory.body.items.map((p: { id: string }) => p.id)).toEqual(['pa8-p1']);
    // the directory shows who partners are and what they do, not their contact details or capacity
    expect(Object.keys(directory.body.items[0]).sort()).toEqual(['active', 'competences', 'id', 'name']);
  });

  it('replaces competences after checking the taxonomy; duplicates are named', async () => {
    await givenNetwork('pa9');
    const me = claims.partner('pa9', 'pa9-p1');
    const ok = await call(setCompetences, {
      method: 'PUT',
      path: '/partners/pa9-p1/competences',
      claims: me,
      body: {
        competences: [
          { competenceId: 'electrical', level: 2 },
          { competenceId: 'carpentry', level: 4 },
        ],
      },
    });
    expect(ok.status).toBe(200);
    expect(ok.body.competences).toEqual([
      { competenceId: 'electrical', level: 2 },
      { competenceId: 'carpentry', level: 4 },
    ]);
    const dup = await call(setCompetences, {
      method: 'PUT',
      path: '/partners/pa9-p1/competences',
      claims: me,
      body: {
        competences: [
          { competenceId: 'electrical', level: 2 },
          { competenceId: 'electrical', level: 5 },
        ],
      },
    });
    expect(dup.status).toBe(400);
    expect(dup.body.errors).toEqual([
      { path: 'competences.1.competenceId', message: 'electrical is listed twice', code: 'duplicate' },
    ]);
    expect((await loadPartner('pa9', 'pa9-p1'))?.partner.competences).toHaveLength(2);
  });

  it('gives one 201 and one 409 for two concurrent creates of the same partner id', async () => {
    await givenNetwork('pa10');
    const results = await Promise.all(
      ['Novak A', 'Novak B'].map((name) =>
        call(createPartner, {
          method: 'POST',
          path: '/partners',
          claims: claims.coordinator('pa10'),
          body: { ...newPartner('novak'), name },
        }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
  });
});

describe('resources', () => {
  it('lets a partner add, change and remove its own resources', async () => {
    await givenNetwork('re1');
    const me = claims.partner('re1', 're1-p1');
    const created = await call(createResource, {
      method: 'POST',
      path: '/partners/re1-p1/resources',
      claims: me,
      body: {
        kind: 'people',
        name: 'Tischler (3)',
        hoursPerWeek: 114,
        exceptions: [{ from: '2026-12-24', to: '2027-01-06', hours: 0 }],
      },
    });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const changed = await call(updateResource, {
      method: 'PATCH',
      path: `/partners/re1-p1/resources/${id}`,
      claims: me,
      body: { hoursPerWeek: 76 },
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({
      id,
      kind: 'people',
      hoursPerWeek: 76,
      exceptions: [{ from: '2026-12-24', to: '2027-01-06', hours: 0 }],
    });
    const view = await call(getPartner, { method: 'GET', path: '/partners/re1-p1', claims: me });
    expect(view.body.resources).toEqual([changed.body]);
    const removed = await call(deleteResource, {
      method: 'DELETE',
      path: `/partners/re1-p1/resources/${id}`,
      claims: me,
    });
    expect(removed.status).toBe(204);
    const again = await call(deleteResource, {
      method: 'DELETE',
      path: `/partners/re1-p1/resources/${id}`,
      claims: me,
    });
    expect(again.status).toBe(404);
  });

  it('keeps both exceptions when partner and coordinator add one at once: the second gets 409, then adds on the new version', async () => {
    await givenNetwork('rv1');
    const partner = claims.partner('rv1', 'rv1-p1');
    const coordinator = claims.coordinator('rv1');
    const created = await call(createResource, {
      method: 'POST',
      path: '/partners/rv1-p1/resources',
      claims: partner,
      body: { kind: 'people', name: 'Anna', hoursPerWeek: 38 },
    });
    expect(created.body.version).toBe(1);
    const path = `/partners/rv1-p1/resources/${created.body.id}`;
    const holiday = { from: '2027-08-02', to: '2027-08-13', hours: 0 };
    const sick = { from: '2027-03-01', to: '2027-03-05', hours: 0 };
    const [a, b] = await Promise.all([
      call(updateResource, {
        method: 'PATCH',
        path,
        claims: partner,
        body: { exceptions: [holiday], version: 1 },
      }),
      call(updateResource, {
        method: 'PATCH',
        path,
        claims: coordinator,
        body: { exceptions: [sick], version: 1 },
      }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const [won, lost] = a.status === 200 ? [a, b] : [b, a];
    expect(lost.headers['content-type']).toContain('application/problem+json');
    expect(JSON.stringify(lost.body)).toContain('version');
    expect(won.body.version).toBe(2);
    const loser = won === a ? sick : holiday;
    const retry = await call(updateResource, {
      method: 'PATCH',
      path,
      claims: won === a ? coordinator : partner,
      body: { exceptions: [...(won.body.exceptions as object[]), loser], version: 2 },
    });
    expect(retry.status).toBe(200);
    const stored = (await loadPartner('rv1', 'rv1-p1'))?.resources[0];
    expect(stored?.exceptions).toHaveLength(2);
    expect(stored?.exceptions).toEqual(expect.arrayContaining([holiday, sick]));
    expect(stored?.version).toBe(3);
  });

  it('refuses replacing exceptions without the version it was made on, and writes nothing', async () => {
    await givenNetwork('rv2');
    const me = claims.partner('rv2', 'rv2-p1');
    const created = await call(createResource, {
      method: 'POST',
      path: '/partners/rv2-p1/resources',
      claims: me,
      body: { kind: 'room', name: 'Werkstatt', hoursPerWeek: 40 },
    });
    const path = `/partners/rv2-p1/resources/${created.body.id}`;
    const res = await call(updateResource, {
      method: 'PATCH',
      path,
      claims: me,
      body: { exceptions: [{ from: '2027-01-04', to: '2027-01-08', hours: 0 }] },
    });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain('version');
    const gone = await call(updateResource, {
      method: 'PATCH',
      path: '/partners/rv2-p1/resources/nope',
      claims: me,
      body: { hoursPerWeek: 1, version: 1 },
    });
    expect(gone.status).toBe(404);
    const stored = (await loadPartner('rv2', 'rv2-p1'))?.resources[0];
    expect(stored).toMatchObject({ exceptions: [], version: 1 });
  });

  it('refuses a resource for a partner that does not exist', async () => {
    await givenNetwork('re2');
    const res = await call(createResource, {
      method: 'POST',
      path: '/partners/ghost/resources',
      claims: claims.coordinator('re2'),
      body: { kind: 'room', name: 'Halle', hoursPerWeek: 40 },
    });
    expect(res.status).toBe(404);
    expect(await loadPartner('re2', 'ghost')).toBeUndefined();
  });

  it('names bad capacity input: negative hours, unknown kind, exception ending before it starts', async () => {
    await givenNetwork('re3');
    const res = await call(createResource, {
      method: 'POST',
      path: '/partners/re3-p1/resources',
      claims: claims.coordinator('re3'),
      body: {
        kind: 'robot',
        name: 'X',
        hoursPerWeek: -5,
        exceptions: [{ from: '2026-12-24', to: '2026-12-01', hours: 0 }],
      },
    });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      'exceptions.0.to',
      'hoursPerWeek',
      'kind',
    ]);
    expect((await loadPartner('re3', 're3-p1'))?.resources).toEqual([]);
  });

  it("does not let a partner touch another partner's resources", async () => {
    await givenNetwork('re4');
    const created = await call(createResource, {
      method: 'POST',
      path: '/partners/re4-p2/resources',
      claims: claims.partner('re4', 're4-p2'),
      body: { kind: 'machine', name: 'CNC', hoursPerWeek: 40 },
    });
    const intruder = claims.partner('re4', 're4-p1');
    const path = `/partners/re4-p2/resources/${created.body.id}`;
    const change = await call(updateResource, {
      method: 'PATCH',
      path,
      claims: intruder,
      body: { hoursPerWeek: 0 },
    });
    const remove = await call(deleteResource, { method: 'DELETE', path, claims: intruder });
    const add = await call(createResource, {
      method: 'POST',
      path: '/partners/re4-p2/resources',
      claims: intruder,
      body: { kind: 'room', name: 'X', hoursPerWeek: 1 },
    });
    expect([change.status, remove.status, add.status]).toEqual([404, 404, 404]);
    expect((await loadPartner('re4', 're4-p2'))?.resources.map((r) => r.hoursPerWeek)).toEqual([40]);
  });

  it('keeps a partner with id demo-p1 apart from demo-p10 when reading one partner', async () => {
    await givenNetwork('re5', ['x-p1', 'x-p10']);
    await call(createResource, {
      method: 'POST',
      path: '/partners/x-p10/resources',
      claims: claims.coordinator('re5'),
      body: { kind: 'room', name: 'Halle 10', hoursPerWeek: 40 },
    });
    const p1 = await call(getPartner, {
      method: 'GET',
      path: '/partners/x-p1',
      claims: claims.coordinator('re5'),
    });
    expect(p1.body.resources).toEqual([]);
  });
});
