import { useState } from 'preact/hooks';
import { api } from '../api';
import { token } from '../auth';
import { saveFile } from '../files';
import { dateTime } from '../format';
import { t } from '../i18n';
import { navigate, search } from '../router';
import { Alert, useLoad } from '../ui';
import { FilePicker } from './exchange-posts';
import { isCoordinator, kb, MAX_FILES, myPartnerId, send, upload, useAct, useNames } from './exchange-shared';

/**
 * One question with its answers, or one practice note with its files: answer, mark the solution
 * or helpful, edit and delete one's own (409 when someone changed it meanwhile), and for the
 * coordinator hide / show, lock / unlock and the history of earlier versions.
 */
export function Thread({ id }: { id: string }) {
  const post = useLoad(
    () => send(api.GET('/exchange/posts/{postId}', { params: { path: { postId: id } } })),
    [id],
  );
  const [text, setText] = useState('');
  const [editing, setEditing] = useState<string>();
  const [files, setFiles] = useState<File[]>([]);
  const { act, message } = useAct(() => post.reload());
  const who = useNames();
  const me = myPartnerId();
  const coordinator = isCoordinator();
  const fileRefused = new URLSearchParams(search.value).get('datei');

  if (post.error) return <Alert kind="error">{t('app.error', { detail: post.error })}</Alert>;
  if (!post.data) return <p class="muted">{t('app.loading')}</p>;
  const p = post.data;
  const path = { postId: id };
  const mine = me === p.authorPartnerId && !p.deleted;
  const kindLabel = t(p.kind === 'question' ? 'exchange.kind.question' : 'exchange.kind.practice');
  const moderate = (body: { hidden?: boolean; locked?: boolean; answerId?: string }, ok: string) =>
    act(() => send(api.POST('/exchange/posts/{postId}/moderation', { params: { path }, body })), ok);

  async function answer(e: Event) {
    e.preventDefault();
    const done = await act(
      () => send(api.POST('/exchange/posts/{postId}/answers', { params: { path }, body: { body: text } })),
      t('exchange.answered'),
    );
    if (done) setText('');
  }
  async function download(attachmentId: string, filename: string) {
    const res = await fetch(`/api/exchange/posts/${id}/attachments/${attachmentId}`, {
      headers: { authorization: `Bearer ${token.value ?? ''}` },
    });
    if (res.ok) saveFile(await res.blob(), filename);
  }

  return (
    <article>
      <h1>{p.deleted ? t('exchange.deletedPost') : p.title}</h1>
      <p class="muted">
        {kindLabel} · {who(p.authorPartnerId)} · {dateTime(p.createdAt)}
        {p.version > 1 && !p.deleted && <> · {t('exchange.edited', { when: dateTime(p.updatedAt) })}</>}
      </p>
      <p class="meta">
        {p.solved && <span class="badge badge-ok">{t('exchange.solved')}</span>}{' '}
        {p.locked && <span class="badge badge-err">{t('exchange.lockedBadge')}</span>}{' '}
        {p.hidden && <span class="badge badge-err">{t('exchange.hiddenBadge')}</span>}
      </p>
      {fileRefused && <Alert kind="error">{t('exchange.fileLater', { detail: fileRefused })}</Alert>}
      {message}
      {editing === '-' ? (
        <EditForm
          title={p.title}
          body={p.body}
          onCancel={() => setEditing(undefined)}
          onSave={async (title, body) =>
            (await act(
              () =>
                send(
                  api.PATCH('/exchange/posts/{postId}', {
                    params: { path },
                    body: { version: p.version, title, body },
                  }),
                ),
              t('exchange.saved'),
            )) && setEditing(undefined)
          }
        />
      ) : (
        !p.deleted && <div class="card post-body" dangerouslySetInnerHTML={{ __html: p.html }} />
      )}
      {mine && editing === undefined && (
        <div class="actions">
          <button type="button" onClick={() => setEditing('-')}>
            {t('exchange.edit')}
          </button>
          <button
            type="button"
            onClick={() =>
              confirm(t('exchange.deleteConfirm')) &&
              act(
                () => send(api.DELETE('/exchange/posts/{postId}', { params: { path } })),
                t('exchange.deleted'),
              )
            }
          >
            {t('exchange.delete')}
          </button>
        </div>
      )}
      {coordinator && (
        <fieldset class="card moderation">
          <legend>{t('exchange.moderation')}</legend>
          <div class="actions">
            <button
              type="button"
              onClick={() =>
                moderate({ hidden: !p.hidden }, t(p.hidden ? 'exchange.shownNow' : 'exchange.hiddenNow'))
              }
            >
              {t(p.hidden ? 'exchange.show' : 'exchange.hide')}
            </button>
            {p.kind === 'question' && (
              <button
                type="button"
                onClick={() =>
                  moderate({ locked: !p.locked }, t(p.locked ? 'exchange.unlockedNow' : 'exchange.lockedNow'))
                }
              >
                {t(p.locked ? 'exchange.unlock' : 'exchange.lock')}
              </button>
            )}
          </div>
          <History id={id} />
        </fieldset>
      )}
      {p.kind === 'practice' && !p.deleted && (
        <section aria-labelledby="x-files-h">
          <h2 id="x-files-h">{t('exchange.attachments', { n: p.attachments.length })}</h2>
          <ul class="plain files">
            {p.attachments.map((a) => (
              <li key={a.id}>
                <button type="button" class="link" onClick={() => download(a.id, a.filename)}>
                  {t('exchange.download', { name: a.filename })}
                </button>{' '}
                <span class="muted">{kb(a.size)}</span>
              </li>
            ))}
          </ul>
          {mine && p.attachments.length < MAX_FILES && (
            <form
              class="card"
              onSubmit={async (e) => {
                e.preventDefault();
                if ((await act(() => upload(id, files), t('exchange.filesAdded'))) && fileRefused)
                  navigate(`/austausch/beitraege/${id}`, true);
                setFiles([]);
              }}
            >
              <FilePicker files={files} onChange={setFiles} max={MAX_FILES - p.attachments.length} />
              <button type="submit" disabled={files.length === 0}>
                {t('exchange.addFiles')}
              </button>
            </form>
          )}
          <p>
            {t('exchange.helpfulCount', { n: p.helpful })}{' '}
            {p.markedHelpfulByMe && <span class="muted">{t('exchange.markedByYou')}</span>}
            {me && me !== p.authorPartnerId && !p.markedHelpfulByMe && (
              <button
                type="button"
                onClick={() =>
                  act(
                    () => send(api.POST('/exchange/posts/{postId}/helpful', { params: { path } })),
                    t('exchange.thanks'),
                  )
                }
              >
                {t('exchange.markHelpful')}
              </button>
            )}
          </p>
        </section>
      )}
      {p.kind === 'question' && (
        <>
          <h2>{t('exchange.answers', { n: p.answers.length })}</h2>
          <ul class="jobs">
            {p.answers.map((a) => {
              const answerPath = { postId: id, answerId: a.id };
              return (
                <li class={`card${a.isSolution ? ' solution' : ''}`} key={a.id}>
                  {a.isSolution && <p class="badge badge-ok">{t('exchange.solution')}</p>}
                  {a.hidden && <p class="badge badge-err">{t('exchange.hiddenBadge')}</p>}
                  {a.deleted ? (
                    <p class="muted">{t('exchange.deletedAnswer')}</p>
                  ) : editing === a.id ? (
                    <EditForm
                      body={a.body}
                      onCancel={() => setEditing(undefined)}
                      onSave={async (_, body) =>
                        (await act(
                          () =>
                            send(
                              api.PATCH('/exchange/posts/{postId}/answers/{answerId}', {
                                params: { path: answerPath },
                                body: { version: a.version, body },
                              }),
                            ),
                          t('exchange.saved'),
                        )) && setEditing(undefined)
                      }
                    />
                  ) : (
                    <div class="post-body" dangerouslySetInnerHTML={{ __html: a.html }} />
                  )}
                  <p class="muted">
                    {who(a.authorPartnerId)} · {dateTime(a.createdAt)}
                    {a.version > 1 && !a.deleted && (
                      <> · {t('exchange.edited', { when: dateTime(a.updatedAt) })}</>
                    )}{' '}
                    · {t('exchange.helpfulCount', { n: a.helpful })}
                    {a.markedHelpfulByMe && <> · {t('exchange.markedByYou')}</>}
                  </p>
                  <div class="actions">
                    {me && me !== a.authorPartnerId && !a.markedHelpfulByMe && !a.deleted && (
                      <button
                        type="button"
                        onClick={() =>
                          act(
                            () =>
                              send(
                                api.POST('/exchange/posts/{postId}/answers/{answerId}/helpful', {
                                  params: { path: answerPath },
                                }),
                              ),
                            t('exchange.thanks'),
                          )
                        }
                      >
                        {t('exchange.markHelpful')}
                      </button>
                    )}
                    {mine && !a.isSolution && !a.deleted && (
                      <button
                        type="button"
                        class="primary"
                        onClick={() =>
                          act(
                            () =>
                              send(
                                api.POST('/exchange/posts/{postId}/answers/{answerId}/solution', {
                                  params: { path: answerPath },
                                }),
                              ),
                            t('exchange.solutionMarked'),
                          )
                        }
                      >
                        {t('exchange.markSolution')}
                      </button>
                    )}
                    {me === a.authorPartnerId && !a.deleted && editing === undefined && (
                      <>
                        <button type="button" onClick={() => setEditing(a.id)}>
                          {t('exchange.editAnswer')}
                        </button>
                        <button
                          type="button"
                          onClick={() =>
                            confirm(t('exchange.deleteConfirm')) &&
                            act(
                              () =>
                                send(
                                  api.DELETE('/exchange/posts/{postId}/answers/{answerId}', {
                                    params: { path: answerPath },
                                  }),
                                ),
                              t('exchange.deleted'),
                            )
                          }
                        >
                          {t('exchange.deleteAnswer')}
                        </button>
                      </>
                    )}
                    {coordinator && (
                      <button
                        type="button"
                        onClick={() =>
                          moderate(
                            { answerId: a.id, hidden: !a.hidden },
                            t(a.hidden ? 'exchange.shownNow' : 'exchange.hiddenNow'),
                          )
                        }
                      >
                        {t(a.hidden ? 'exchange.showAnswer' : 'exchange.hideAnswer')}
                      </button>
                    )}
                  </div>
                </li>
              );
            })}
          </ul>
          {me && !p.locked && !p.deleted && (
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

/** Edits a post (title and text) or an answer (text only), in place. */
function EditForm({
  title,
  body,
  onSave,
  onCancel,
}: {
  title?: string;
  body: string;
  onSave: (title: string | undefined, body: string) => void;
  onCancel: () => void;
}) {
  const [t1, setTitle] = useState(title ?? '');
  const [text, setText] = useState(body);
  return (
    <form
      class="card"
      aria-label={t('exchange.edit')}
      onSubmit={(e) => {
        e.preventDefault();
        onSave(title === undefined ? undefined : t1, text);
      }}
    >
      {title !== undefined && (
        <>
          <label for="x-edit-title">{t('exchange.editTitle')}</label>
          <input
            id="x-edit-title"
            required
            maxLength={160}
            value={t1}
            onInput={(e) => setTitle(e.currentTarget.value)}
          />
        </>
      )}
      <label for="x-edit-body">{t('exchange.editBody')}</label>
      <textarea id="x-edit-body" required value={text} onInput={(e) => setText(e.currentTarget.value)} />
      <div class="actions">
        <button type="submit" class="primary">
          {t('exchange.save')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('exchange.cancel')}
        </button>
      </div>
    </form>
  );
}

/** The coordinator's view of earlier versions (what an edit replaced, what a deletion removed). */
function History({ id }: { id: string }) {
  const [open, setOpen] = useState(false);
  const history = useLoad(
    () =>
      open
        ? send(api.GET('/exchange/posts/{postId}/history', { params: { path: { postId: id } } }))
        : Promise.resolve(undefined),
    [id, open],
  );
  return (
    <div class="history">
      <button type="button" aria-expanded={open} onClick={() => setOpen(!open)}>
        {t(open ? 'exchange.historyHide' : 'exchange.historyShow')}
      </button>
      {open && history.error && <Alert kind="error">{t('app.error', { detail: history.error })}</Alert>}
      {open && history.data?.items.length === 0 && <p class="muted">{t('exchange.historyNone')}</p>}
      {open && (history.data?.items.length ?? 0) > 0 && (
        <ol class="plain">
          {history.data!.items.map((h) => (
            <li key={`${h.answerId ?? '-'}-${h.version}`} class="card">
              <p class="muted">
                {t(h.answerId ? 'exchange.historyAnswer' : 'exchange.historyPost', { version: h.version })} ·{' '}
                {t(h.change === 'deleted' ? 'exchange.historyDeleted' : 'exchange.historyEdited', {
                  when: dateTime(h.replacedAt),
                })}
              </p>
              {h.title && <p>{h.title}</p>}
              <pre class="history-body">{h.body}</pre>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
