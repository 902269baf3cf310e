import { useState } from 'preact/hooks';
import { api } from '../api';
import { claims } from '../auth';
import { dateTime } from '../format';
import { lang, t } from '../i18n';
import { navigate, search } from '../router';
import { Alert, must, useLoad } from '../ui';

/**
 * "Erfahrungsaustausch": the network's questions and practice notes (find by words and
 * competence), a thread with its answers, asking, and the experience meetings with RSVP.
 * Partners and the coordinator; only partners write. Post HTML comes sanitised from the API.
 */
export type ExchangeView =
  | { view: 'list' }
  | { view: 'post'; id: string }
  | { view: 'ask' }
  | { view: 'meetings' };

export default function Exchange(props: ExchangeView) {
  return (
    <section class="exchange">
      <nav class="subnav" aria-label={t('exchange.title')}>
        <a href="/austausch" aria-current={props.view === 'list' ? 'page' : undefined}>
          {t('exchange.posts')}
        </a>
        <a href="/austausch/treffen" aria-current={props.view === 'meetings' ? 'page' : undefined}>
          {t('exchange.meetings')}
        </a>
        {claims.value?.role === 'partner' && (
          <a href="/austausch/fragen/neu" aria-current={props.view === 'ask' ? 'page' : undefined}>
            {t('exchange.ask')}
          </a>
        )}
      </nav>
      {props.view === 'list' && <PostList />}
      {props.view === 'post' && <Thread id={props.id} />}
      {props.view === 'ask' && <Ask />}
      {props.view === 'meetings' && <Meetings />}
    </section>
  );
}

const competences = () => must(api.GET('/competences'));
const label = (c: { label_de: string; label_en: string }) => (lang.value === 'en' ? c.label_en : c.label_de);
const who = (partnerId: string) =>
  claims.value?.role === 'partner' && claims.value.partnerId === partnerId ? t('exchange.you') : partnerId;

function PostList() {
  const params = new URLSearchParams(search.value);
  const [q, setQ] = useState(params.get('q') ?? '');
  const [competence, setCompetence] = useState(params.get('competence') ?? '');
  const [kind, setKind] = useState(params.get('kind') ?? '');
  const [sort, setSort] = useState(params.get('sort') ?? 'newest');
  const taxonomy = useLoad(competences, []);
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
      <h1>{t('exchange.title')}</h1>
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
              {t('exchange.counts', { answers: p.answerCount, helpful: p.helpful })}
            </p>
          </li>
        ))}
      </ul>
    </>
  );
}

function Thread({ id }: { id: string }) {
  const post = useLoad(
    () => must(api.GET('/exchange/posts/{postId}', { params: { path: { postId: id } } })),
    [id],
  );
  const [text, setText] = useState('');
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string }>();
  const me = claims.value?.role === 'partner' ? claims.value.partnerId : undefined;

  async function act(fn: () => Promise<unknown>, ok: string) {
    setMessage(undefined);
    try {
      await fn();
      setMessage({ kind: 'ok', text: ok });
      post.reload();
    } catch (err) {
      setMessage({ kind: 'error', text: t('app.error', { detail: (err as Error).message }) });
    }
  }
  async function answer(e: Event) {
    e.preventDefault();
    await act(
      () =>
        must(
          api.POST('/exchange/posts/{postId}/answers', {
            params: { path: { postId: id } },
            body: { body: text },
          }),
        ),
      t('exchange.answered'),
    );
    setText('');
  }

  if (post.error) return <Alert kind="error">{t('app.error', { detail: post.error })}</Alert>;
  if (!post.data) return <p class="muted">{t('app.loading')}</p>;
  const p = post.data;
  const path = { postId: id };
  return (
    <article>
      <h1>{p.title}</h1>
      <p class="muted">
        {t(p.kind === 'question' ? 'exchange.kind.question' : 'exchange.kind.practice')} ·{' '}
        {who(p.authorPartnerId)} · {dateTime(p.createdAt)}
        {p.solved && (
          <>
            {' '}
            · <span class="badge badge-ok">{t('exchange.solved')}</span>
          </>
        )}
      </p>
      {message && <Alert kind={message.kind}>{message.text}</Alert>}
      <div class="card post-body" dangerouslySetInnerHTML={{ __html: p.html }} />
      {p.kind === 'practice' && (
        <p>
          {t('exchange.helpfulCount', { n: p.helpful })}{' '}
          {me && me !== p.authorPartnerId && !p.markedHelpfulByMe && (
            <button
              type="button"
              onClick={() =>
                act(
                  () => must(api.POST('/exchange/posts/{postId}/helpful', { params: { path } })),
                  t('exchange.thanks'),
                )
              }
            >
              {t('exchange.markHelpful')}
            </button>
          )}
        </p>
      )}
      {p.kind === 'question' && (
        <>
          <h2>{t('exchange.answers', { n: p.answers.length })}</h2>
          <ul class="jobs">
            {p.answers.map((a) => (
              <li class={`card${a.isSolution ? ' solution' : ''}`} key={a.id}>
                {a.isSolution && <p class="badge badge-ok">{t('exchange.solution')}</p>}
                <div class="post-body" dangerouslySetInnerHTML={{ __html: a.html }} />
                <p class="muted">
                  {who(a.authorPartnerId)} · {dateTime(a.createdAt)} ·{' '}
                  {t('exchange.helpfulCount', { n: a.helpful })}
                </p>
                <div class="actions">
                  {me && me !== a.authorPartnerId && !a.markedHelpfulByMe && (
                    <button
                      type="button"
                      onClick={() =>
                        act(
                          () =>
                            must(
                              api.POST('/exchange/posts/{postId}/answers/{answerId}/helpful', {
                                params: { path: { postId: id, answerId: a.id } },
                              }),
                            ),
                          t('exchange.thanks'),
                        )
                      }
                    >
                      {t('exchange.markHelpful')}
                    </button>
                  )}
                  {me && me === p.authorPartnerId && !a.isSolution && (
                    <button
                      type="button"
                      class="primary"
                      onClick={() =>
                        act(
                          () =>
                            must(
                              api.POST('/exchange/posts/{postId}/answers/{answerId}/solution', {
                                params: { path: { postId: id, answerId: a.id } },
                              }),
                            ),
                          t('exchange.solutionMarked'),
                        )
                      }
                    >
                      {t('exchange.markSolution')}
                    </button>
                  )}
                </div>
              </li>
            ))}
          </ul>
          {me && !p.locked && (
            <form class="card" onSubmit={answer}>
              <label for="x-answer">{t('exchange.yourAnswer')}</label>
              <textarea id="x-answer" required value={text} onInput={(e) => setText(e.currentTarget.value)} />
              <p class="muted">{t('exchange.markdown')}</p>
              <button type="submit" class="primary">
                {t('exchange.send')}
              </button>
            </form>
          )}
          {p.locked && <p class="muted">{t('exchange.locked')}</p>}
        </>
      )}
    </article>
  );
}

function Ask() {
  const taxonomy = useLoad(competences, []);
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [chosen, setChosen] = useState<string[]>([]);
  const [error, setError] = useState<string>();

  async function submit(e: Event) {
    e.preventDefault();
    setError(undefined);
    try {
      const made = await must(
        api.POST('/exchange/questions', { body: { title, body, competences: chosen } }),
      );
      navigate(`/austausch/beitraege/${made.id}`);
    } catch (err) {
      setError(t('app.error', { detail: (err as Error).message }));
    }
  }
  return (
    <form class="narrow" onSubmit={submit}>
      <h1>{t('exchange.ask')}</h1>
      {error && <Alert kind="error">{error}</Alert>}
      <label for="x-title">{t('exchange.questionTitle')}</label>
      <input
        id="x-title"
        required
        maxLength={160}
        value={title}
        onInput={(e) => setTitle(e.currentTarget.value)}
      />
      <label for="x-body">{t('exchange.questionBody')}</label>
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
      <p class="muted">{t('exchange.expertsHint')}</p>
      <button type="submit" class="primary">
        {t('exchange.askSubmit')}
      </button>
    </form>
  );
}

function Meetings() {
  const [when, setWhen] = useState<'upcoming' | 'past'>('upcoming');
  const list = useLoad(() => must(api.GET('/exchange/meetings', { params: { query: { when } } })), [when]);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string }>();
  const [mine, setMine] = useState<Record<string, string>>({});
  const partner = claims.value?.role === 'partner';
  const answers = ['yes', 'maybe', 'no'] as const;
  const answerLabel = {
    yes: t('exchange.rsvp.yes'),
    maybe: t('exchange.rsvp.maybe'),
    no: t('exchange.rsvp.no'),
  };

  async function rsvp(meetingId: string, answer: (typeof answers)[number]) {
    setMessage(undefined);
    try {
      await must(
        api.PUT('/exchange/meetings/{meetingId}/rsvp', { params: { path: { meetingId } }, body: { answer } }),
      );
      setMine({ ...mine, [meetingId]: answer });
      setMessage({ kind: 'ok', text: t('exchange.rsvpSaved', { answer: answerLabel[answer] }) });
    } catch (err) {
      setMessage({ kind: 'error', text: t('app.error', { detail: (err as Error).message }) });
    }
  }

  return (
    <>
      <h1>{t('exchange.meetings')}</h1>
      <fieldset class="row plain" aria-label={t('exchange.meetings')}>
        {(['upcoming', 'past'] as const).map((w) => (
          <button
            key={w}
            type="button"
            aria-pressed={when === w}
            class={when === w ? 'primary' : ''}
            onClick={() => setWhen(w)}
          >
            {t(w === 'upcoming' ? 'exchange.upcoming' : 'exchange.past')}
          </button>
        ))}
      </fieldset>
      {message && <Alert kind={message.kind}>{message.text}</Alert>}
      {list.error && <Alert kind="error">{t('app.error', { detail: list.error })}</Alert>}
      {list.data?.items.length === 0 && <p>{t('exchange.noMeetings')}</p>}
      <ul class="jobs">
        {list.data?.items.map((m) => (
          <li class="card" key={m.id}>
            <h2>{m.title}</h2>
            <p>
              {dateTime(m.startsAt, m.timezone)}
              {m.place ? ` · ${m.place}` : ''}
            </p>
            {m.onlineUrl && (
              <p>
                <a href={m.onlineUrl}>{t('exchange.online')}</a>
              </p>
            )}
            {m.cancelledAt && <p class="badge badge-err">{t('exchange.cancelled')}</p>}
            {partner && !m.cancelledAt && when === 'upcoming' && (
              <fieldset class="row plain" aria-label={t('exchange.rsvpFor', { title: m.title })}>
                {answers.map((a) => (
                  <button
                    key={a}
                    type="button"
                    aria-pressed={(mine[m.id] ?? m.myAnswer) === a}
                    class={(mine[m.id] ?? m.myAnswer) === a ? 'primary' : ''}
                    onClick={() => rsvp(m.id, a)}
                  >
                    {answerLabel[a]}
                  </button>
                ))}
              </fieldset>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}
