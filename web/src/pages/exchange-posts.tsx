import { useState } from 'preact/hooks';
import { api } from '../api';
import { dateTime } from '../format';
import { t } from '../i18n';
import { navigate, search } from '../router';
import { Alert, must, useLoad } from '../ui';
import {
  competences,
  FILE_TYPES,
  failure,
  label,
  MAX_FILES,
  myPartnerId,
  send,
  upload,
  useNames,
} from './exchange-shared';

/** The exchange's list with its search (words, competence, kind, order) and the ask / publish form. */

export function PostList() {
  const params = new URLSearchParams(search.value);
  const [q, setQ] = useState(params.get('q') ?? '');
  const [competence, setCompetence] = useState(params.get('competence') ?? '');
  const [kind, setKind] = useState(params.get('kind') ?? '');
  const [sort, setSort] = useState(params.get('sort') ?? 'newest');
  const taxonomy = useLoad(competences, []);
  const who = useNames();
  const query = search.value;
  const found = useLoad(() => {
    const p = new URLSearchParams(query);
    return must(
      api.GET('/exchange/posts', {
        params: {
          query: {
            ...(p.get('q') ? { q: p.get('q')! } : {}),
            ...(p.get('competence') ? { competence: p.get('competence')! } : {}),
            ...(p.get('kind') ? { kind: p.get('kind') as 'question' | 'practice' } : {}),
            sort: p.get('sort') === 'helpful' ? 'helpful' : 'newest',
          },
        },
      }),
    );
  }, [query]);
  const names = new Map((taxonomy.data?.items ?? []).map((c) => [c.id, label(c)]));
  const practices = new URLSearchParams(query).get('kind') === 'practice';

  function submit(e: Event) {
    e.preventDefault();
    const p = new URLSearchParams();
    if (q.trim()) p.set('q', q.trim());
    if (competence) p.set('competence', competence);
    if (kind) p.set('kind', kind);
    if (sort !== 'newest') p.set('sort', sort);
    navigate(`/austausch${p.size > 0 ? `?${p}` : ''}`);
  }

  return (
    <>
      <h1>{practices ? t('exchange.practices') : t('exchange.title')}</h1>
      {practices && myPartnerId() && (
        <p>
          <a class="button primary" href="/austausch/praxis/neu">
            {t('exchange.publish')}
          </a>
        </p>
      )}
      <form class="card" aria-label={t('exchange.find')} onSubmit={submit}>
        <label for="x-q">{t('exchange.search')}</label>
        <input id="x-q" type="search" value={q} onInput={(e) => setQ(e.currentTarget.value)} />
        <div class="row">
          <div>
            <label for="x-competence">{t('exchange.competence')}</label>
            <select
              id="x-competence"
              value={competence}
              onChange={(e) => setCompetence(e.currentTarget.value)}
            >
              <option value="">{t('exchange.allCompetences')}</option>
              {(taxonomy.data?.items ?? []).map((c) => (
                <option key={c.id} value={c.id}>
                  {label(c)}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label for="x-kind">{t('exchange.kind')}</label>
            <select id="x-kind" value={kind} onChange={(e) => setKind(e.currentTarget.value)}>
              <option value="">{t('exchange.kind.all')}</option>
              <option value="question">{t('exchange.kind.question')}</option>
              <option value="practice">{t('exchange.kind.practice')}</option>
            </select>
          </div>
          <div>
            <label for="x-sort">{t('exchange.sort')}</label>
            <select id="x-sort" value={sort} onChange={(e) => setSort(e.currentTarget.value)}>
              <option value="newest">{t('exchange.sort.newest')}</option>
              <option value="helpful">{t('exchange.sort.helpful')}</option>
            </select>
          </div>
          <button type="submit" class="primary">
            {t('exchange.find')}
          </button>
        </div>
      </form>
      {found.error && <Alert kind="error">{t('app.error', { detail: found.error })}</Alert>}
      {!found.data && !found.error && <p class="muted">{t('app.loading')}</p>}
      {found.data?.items.length === 0 && <p>{t('exchange.none')}</p>}
      <ul class="jobs">
        {found.data?.items.map((p) => (
          <li class="card" key={p.id}>
            <h2>
              <a href={`/austausch/beitraege/${p.id}`}>{p.title}</a>
            </h2>
            <p class="meta">
              <span class="badge">
                {t(p.kind === 'question' ? 'exchange.kind.question' : 'exchange.kind.practice')}
              </span>{' '}
              {p.solved && <span class="badge badge-ok">{t('exchange.solved')}</span>}{' '}
              {p.competences.map((c) => names.get(c) ?? c).join(', ')}
            </p>
            <p class="muted">
              {who(p.authorPartnerId)} · {dateTime(p.createdAt)} ·{' '}
              {p.kind === 'question'
                ? t('exchange.counts', { answers: p.answerCount, helpful: p.helpful })
                : t('exchange.helpfulCount', { n: p.helpful })}
            </p>
          </li>
        ))}
      </ul>
    </>
  );
}

/** Ask a question, or publish a practice note with its files. */
export function Compose({ kind }: { kind: 'question' | 'practice' }) {
  const taxonomy = useLoad(competences, []);
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [chosen, setChosen] = useState<string[]>([]);
  const [files, setFiles] = useState<File[]>([]);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const question = kind === 'question';

  async function submit(e: Event) {
    e.preventDefault();
    setError(undefined);
    if (chosen.length === 0) return setError(t('exchange.pickTopic'));
    setBusy(true);
    let made: { id: string } | undefined;
    try {
      made = await send(
        api.POST(question ? '/exchange/questions' : '/exchange/practices', {
          body: { title, body, competences: chosen },
        }),
      );
      await upload(made.id, files);
      navigate(`/austausch/beitraege/${made.id}`);
    } catch (err) {
      // the note is published even if a file was refused: show it, the author can add files there
      if (made)
        navigate(`/austausch/beitraege/${made.id}?datei=${encodeURIComponent((err as Error).message)}`);
      else setError(failure(err));
    } finally {
      setBusy(false);
    }
  }
  return (
    <form class="narrow" onSubmit={submit}>
      <h1>{question ? t('exchange.ask') : t('exchange.publish')}</h1>
      {error && <Alert kind="error">{error}</Alert>}
      <label for="x-title">{question ? t('exchange.questionTitle') : t('exchange.practiceTitle')}</label>
      <input
        id="x-title"
        required
        maxLength={160}
        value={title}
        onInput={(e) => setTitle(e.currentTarget.value)}
      />
      <label for="x-body">{question ? t('exchange.questionBody') : t('exchange.practiceBody')}</label>
      <textarea id="x-body" required value={body} onInput={(e) => setBody(e.currentTarget.value)} />
      <p class="muted">{t('exchange.markdown')}</p>
      <fieldset class="choices">
        <legend>{t('exchange.topics')}</legend>
        {(taxonomy.data?.items ?? []).map((c) => (
          <label class="check" key={c.id}>
            <input
              type="checkbox"
              value={c.id}
              checked={chosen.includes(c.id)}
              onChange={(e) =>
                setChosen(e.currentTarget.checked ? [...chosen, c.id] : chosen.filter((x) => x !== c.id))
              }
            />
            {label(c)}
          </label>
        ))}
      </fieldset>
      {question ? (
        <p class="muted">{t('exchange.expertsHint')}</p>
      ) : (
        <FilePicker files={files} onChange={setFiles} max={MAX_FILES} />
      )}
      <button type="submit" class="primary" disabled={busy}>
        {question ? t('exchange.askSubmit') : t('exchange.publishSubmit')}
      </button>
    </form>
  );
}

/** A file field with the limits written next to it; refused files are named before anything is sent. */
export function FilePicker({
  files,
  onChange,
  max,
}: {
  files: File[];
  onChange: (files: File[]) => void;
  max: number;
}) {
  const accept = Object.keys(FILE_TYPES)
    .map((e) => `.${e}`)
    .join(',');
  return (
    <div class="files">
      <label for="x-files">{t('exchange.files')}</label>
      <input
        id="x-files"
        type="file"
        multiple
        accept={accept}
        aria-describedby="x-files-limits"
        onChange={(e) => onChange([...(e.currentTarget.files ?? [])].slice(0, max))}
      />
      <p id="x-files-limits" class="muted small">
        {t('exchange.fileLimits', { n: max })}
      </p>
      {files.length > 0 && (
        <ul class="plain">
          {files.map((f) => (
            <li key={f.name}>{f.name}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
