import { describe, expect, it } from 'vitest';
import { handler as createInquiry } from '#functions/inquiries/create-inquiry.handler';
import { handler as setCompetences } from '#functions/inquiries/set-inquiry-competences.handler';
import { call, claims } from '#test/support/api';
import { givenMailNetwork, useMailSandbox } from '#test/support/mail';

useMailSandbox();

/** A coordinator records an inquiry without competences: the suggestion decides them. */
async function record(networkId: string, text: string) {
  const res = await call(createInquiry, {
    method: 'POST',
    path: '/inquiries',
    claims: claims.coordinator(networkId),
    body: { customer: { name: 'Kundin', email: 'kundin@example.com' }, subject: 'Anfrage', text },
  });
  expect(res.status).toBe(201);
  return res.body as { id: string; competences: { competenceId: string; suggested: boolean }[] };
}

const correct = (networkId: string, inquiryId: string, ids: string[]) =>
  call(setCompetences, {
    method: 'PUT',
    path: `/inquiries/${inquiryId}/competences`,
    claims: claims.coordinator(networkId),
    body: { competences: ids.map((competenceId) => ({ competenceId })) },
  });

const suggested = (i: { competences: { competenceId: string }[] }) =>
  i.competences.map((c) => c.competenceId);

describe("the network teaches the competence suggestion by its coordinators' corrections", () => {
  it('learns a word after two corrections, in this network only', async () => {
    // Prepare: "Steckdosen" names no competence of the taxonomy
    await givenMailNetwork('learn');
    await givenMailNetwork('other');
    const first = await record('learn', 'Drei Steckdosen im Flur montieren');
    const second = await record('learn', 'Zusätzliche Steckdosen in der Küche');
    expect(suggested(first)).toEqual([]);
    // Act: the coordinator corrects both, at the same time
    const answers = await Promise.all([
      correct('learn', first.id, ['electrical']),
      correct('learn', second.id, ['electrical']),
    ]);
    const taught = await record('learn', 'Steckdosen für das Büro');
    const elsewhere = await record('other', 'Steckdosen für das Büro');
    // Assess
    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    expect(taught.competences).toEqual([{ competenceId: 'electrical', suggested: true }]);
    expect(suggested(elsewhere)).toEqual([]);
  });

  it('unlearns a word that made a wrong suggestion after two removals', async () => {
    // Prepare: "Tischler" suggests carpentry; in this network it is a family name
    await givenMailNetwork('unlearn');
    const a = await record('unlearn', 'Familie Tischler braucht neue Elektroarbeiten');
    const b = await record('unlearn', 'Herr Tischler wünscht ein Angebot für Elektroarbeiten');
    expect(suggested(a)).toEqual(['carpentry', 'electrical']);
    // Act
    await correct('unlearn', a.id, ['electrical']);
    await correct('unlearn', b.id, ['electrical']);
    const after = await record('unlearn', 'Frau Tischler fragt wegen Elektroarbeiten');
    // Assess
    expect(suggested(after)).toEqual(['electrical']);
  });

  it("gives another network's coordinator 404 and teaches nothing", async () => {
    await givenMailNetwork('mine');
    await givenMailNetwork('theirs');
    const mine = await record('mine', 'Steckdosen im Keller');
    const foreign = await Promise.all([
      correct('theirs', mine.id, ['electrical']),
      correct('theirs', mine.id, ['electrical']),
    ]);
    expect(foreign.map((r) => r.status)).toEqual([404, 404]);
    expect(suggested(await record('theirs', 'Steckdosen im Keller'))).toEqual([]);
    expect(suggested(await record('mine', 'Steckdosen im Keller'))).toEqual([]);
  });
});
