import { useEffect, useState } from 'preact/hooks';
import type { components } from '../../../docs/api/openapi';
import { api } from '../api';
import { number } from '../format';
import { lang, t, tk } from '../i18n';
import { NewResource, type Resource, ResourceCard } from '../resources';
import { Alert, must, useLoad } from '../ui';

type PartnerView = components['schemas']['PartnerView'];
type Competence = components['schemas']['Competence'];
type Note = { kind: 'ok' | 'error'; text: string } | undefined;

const label = (c: Competence | undefined, id: string) =>
  c ? (lang.value === 'de' ? c.label_de : c.label_en) : id;

/** Coordinator: the partners list, one partner's page, or the network's competence taxonomy. */
export default function Partners({ id, view }: { id?: string; view: 'list' | 'partner' | 'taxonomy' }) {
  if (view === 'taxonomy') return <Taxonomy />;
  if (view === 'partner' && id) return <PartnerPage id={id} />;
  return <PartnerList />;
}

function useCompetences() {
  return useLoad(() => must(api.GET('/competences')), []);
}

function PartnerList() {
  const partners = useLoad(() => must(api.GET('/partners')), []);
  const competences = useCompetences();
  if (partners.error) return <Alert kind="error">{t('app.error', { detail: partners.error })}</Alert>;
  if (!partners.data) return <p class="muted">{t('app.loading')}</p>;
  const byId = new Map((competences.data?.items ?? []).map((c) => [c.id, c]));
  const items = partners.data.items as PartnerView[];
  return (
    <section>
      <h1>{t('partners.title')}</h1>
      <p>
        <a href="/verbund/kompetenzen">{t('partners.taxonomyLink')}</a>
      </p>
      {items.length === 0 && <p>{t('partners.empty')}</p>}
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a keyboard user must be able to scroll the wide table */}
      <section class="scroll" tabIndex={0} aria-label={t('partners.title')}>
        <table>
          <thead>
            <tr>
              <th scope="col">{t('partners.name')}</th>
              <th scope="col">{t('partners.region')}</th>
              <th scope="col">{t('partners.competences')}</th>
              <th scope="col">{t('partners.resources')}</th>
              <th scope="col">{t('partners.hoursPerWeek')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((p) => (
              <tr key={p.id}>
                <th scope="row">
                  <a href={`/verbund/betriebe/${encodeURIComponent(p.id)}`}>{p.name}</a>
                  {!p.active && <span class="badge"> {t('partners.inactive')}</span>}
                </th>
                <td>{p.region ?? p.postcode ?? '–'}</td>
                <td>
                  {p.competences
                    .map((c) => `${label(byId.get(c.competenceId), c.competenceId)} (${c.level})`)
                    .join(', ')}
                </td>
                <td>{(p.resources ?? []).length}</td>
                <td>{number((p.resources ?? []).reduce((s, r) => s + r.hoursPerWeek, 0))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </section>
  );
}

function PartnerPage({ id }: { id: string }) {
  const partner = useLoad(
    () => must(api.GET('/partners/{partnerId}', { params: { path: { partnerId: id } } })),
    [id],
  );
  const competences = useCompetences();
  const [resources, setResources] = useState<Resource[]>([]);
  const [levels, setLevels] = useState<{ competenceId: string; level: number }[]>([]);
  const [adding, setAdding] = useState('');
  const [note, setNote] = useState<Note>();
  useEffect(() => {
    if (partner.data) {
      setResources(partner.data.resources);
      setLevels(partner.data.competences);
    }
  }, [partner.data]);

  if (partner.error) return <Alert kind="error">{t('app.error', { detail: partner.error })}</Alert>;
  const p = partner.data;
  if (!p) return <p class="muted">{t('app.loading')}</p>;
  const all = competences.data?.items ?? [];
  const byId = new Map(all.map((c) => [c.id, c]));
  const unused = all.filter((c) => !levels.some((l) => l.competenceId === c.id));

  async function saveCompetences() {
    setNote(undefined);
    try {
      const saved = await must(
        api.PUT('/partners/{partnerId}/competences', {
          params: { path: { partnerId: id } },
          body: { competences: levels },
        }),
      );
      setLevels(saved.competences);
      setNote({ kind: 'ok', text: t('partners.competencesSaved') });
    } catch (err) {
      setNote({ kind: 'error', text: t('app.error', { detail: (err as Error).message }) });
    }
  }

  return (
    <section>
      <p>
        <a href="/verbund/betriebe">{t('partners.back')}</a>
      </p>
      <h1>{p.name}</h1>
      <p>
        {t('partners.contact')}: {p.contact.name} ·{' '}
        <a href={`mailto:${p.contact.email}`}>{p.contact.email}</a>
        {p.region ? ` · ${p.region}` : ''}
        {!p.active && <span class="badge"> {t('partners.inactive')}</span>}
      </p>
      <h2>{t('partners.competences')}</h2>
      {note && <Alert kind={note.kind}>{note.text}</Alert>}
      <table>
        <thead>
          <tr>
            <th scope="col">{t('partners.competence')}</th>
            <th scope="col">{t('partners.level')}</th>
            <th scope="col">
              <span class="sr-only">{t('partners.remove')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {levels.map((l) => {
            const name = label(byId.get(l.competenceId), l.competenceId);
            return (
              <tr key={l.competenceId}>
                <th scope="row">{name}</th>
                <td>
                  <select
                    aria-label={t('partners.levelOf', { name })}
                    value={String(l.level)}
                    onChange={(e) =>
                      setLevels(
                        levels.map((x) =>
                          x.competenceId === l.competenceId
                            ? { ...x, level: Number(e.currentTarget.value) }
                            : x,
                        ),
                      )
                    }
                  >
                    {[1, 2, 3, 4, 5].map((n) => (
                      <option key={n} value={String(n)}>
                        {tk(`partners.levelName.${n}`)}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  <button
                    type="button"
                    class="link"
                    onClick={() => setLevels(levels.filter((x) => x.competenceId !== l.competenceId))}
                  >
                    {t('partners.removeOne', { name })}
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <div class="row">
        <div>
          <label for="add-competence">{t('partners.addCompetence')}</label>
          <select id="add-competence" value={adding} onChange={(e) => setAdding(e.currentTarget.value)}>
            <option value="">–</option>
            {unused.map((c) => (
              <option key={c.id} value={c.id}>
                {label(c, c.id)}
              </option>
            ))}
          </select>
        </div>
        <button
          type="button"
          disabled={!adding}
          onClick={() => {
            setLevels([...levels, { competenceId: adding, level: 3 }]);
            setAdding('');
          }}
        >
          {t('partners.addToList')}
        </button>
        <button type="button" class="primary" onClick={saveCompetences}>
          {t('partners.saveCompetences')}
        </button>
      </div>
      <h2>{t('partners.resources')}</h2>
      {resources.length === 0 && <p>{t('partners.noResources')}</p>}
      {resources.map((r) => (
        <ResourceCard
          key={r.id}
          partnerId={id}
          resource={r}
          onChange={(next) => setResources(resources.map((x) => (x.id === next.id ? next : x)))}
        />
      ))}
      <NewResource partnerId={id} onAdded={(r) => setResources([...resources, r])} />
    </section>
  );
}

function Taxonomy() {
  const competences = useCompetences();
  const [de, setDe] = useState('');
  const [en, setEn] = useState('');
  const [edits, setEdits] = useState<Record<string, { de: string; en: string }>>({});
  const [note, setNote] = useState<Note>();

  async function act(fn: () => Promise<unknown>, ok: string) {
    setNote(undefined);
    try {
      await fn();
      setNote({ kind: 'ok', text: ok });
      competences.reload();
    } catch (err) {
      setNote({ kind: 'error', text: t('app.error', { detail: (err as Error).message }) });
    }
  }

  if (competences.error) return <Alert kind="error">{t('app.error', { detail: competences.error })}</Alert>;
  if (!competences.data) return <p class="muted">{t('app.loading')}</p>;
  return (
    <section>
      <p>
        <a href="/verbund/betriebe">{t('partners.back')}</a>
      </p>
      <h1>{t('partners.taxonomy')}</h1>
      <p>{t('partners.taxonomyIntro')}</p>
      {note && <Alert kind={note.kind}>{note.text}</Alert>}
      <table>
        <thead>
          <tr>
            <th scope="col">{t('partners.labelDe')}</th>
            <th scope="col">{t('partners.labelEn')}</th>
            <th scope="col">
              <span class="sr-only">{t('partners.rename')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {competences.data.items.map((c) => {
            const e = edits[c.id] ?? { de: c.label_de, en: c.label_en };
            return (
              <tr key={c.id}>
                <td>
                  <input
                    aria-label={t('partners.labelDeOf', { id: c.id })}
                    value={e.de}
                    onInput={(ev) => setEdits({ ...edits, [c.id]: { ...e, de: ev.currentTarget.value } })}
                  />
                </td>
                <td>
                  <input
                    aria-label={t('partners.labelEnOf', { id: c.id })}
                    value={e.en}
                    onInput={(ev) => setEdits({ ...edits, [c.id]: { ...e, en: ev.currentTarget.value } })}
                  />
                </td>
                <td>
                  <button
                    type="button"
                    disabled={e.de === c.label_de && e.en === c.label_en}
                    onClick={() =>
                      act(
                        () =>
                          must(
                            api.PATCH('/competences/{competenceId}', {
                              params: { path: { competenceId: c.id } },
                              body: { label_de: e.de, label_en: e.en },
                            }),
                          ),
                        t('partners.renamed', { name: e.de }),
                      )
                    }
                  >
                    {t('partners.renameOne', { name: c.label_de })}
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <form
        class="card"
        aria-labelledby="new-comp-h"
        onSubmit={(ev) => {
          ev.preventDefault();
          void act(
            async () => {
              await must(api.POST('/competences', { body: { label_de: de, label_en: en } }));
              setDe('');
              setEn('');
            },
            t('partners.competenceAdded', { name: de }),
          );
        }}
      >
        <h2 id="new-comp-h">{t('partners.newCompetence')}</h2>
        <div class="row">
          <div>
            <label for="new-de">{t('partners.labelDe')}</label>
            <input id="new-de" required value={de} onInput={(e) => setDe(e.currentTarget.value)} />
          </div>
          <div>
            <label for="new-en">{t('partners.labelEn')}</label>
            <input id="new-en" required value={en} onInput={(e) => setEn(e.currentTarget.value)} />
          </div>
          <button type="submit" class="primary">
            {t('partners.addCompetenceButton')}
          </button>
        </div>
      </form>
    </section>
  );
}
