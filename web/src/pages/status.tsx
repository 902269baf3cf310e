import { useState } from 'preact/hooks';
import { api } from '../api';
import { dateTime, fileSize } from '../format';
import { t, tk } from '../i18n';
import { Alert, must, useLoad } from '../ui';

/** The customer's status page (no account): reached by the link in the acknowledgement. */
export default function Status({ slug, token }: { slug: string; token: string }) {
  const params = { path: { slug, token } };
  const status = useLoad(() => must(api.GET('/public/{slug}/status/{token}', { params })), [slug, token]);
  const [text, setText] = useState('');
  const [sent, setSent] = useState(false);
  const [error, setError] = useState<string>();

  async function send(e: Event) {
    e.preventDefault();
    setError(undefined);
    try {
      await must(api.POST('/public/{slug}/status/{token}/messages', { params, body: { text } }));
      setText('');
      setSent(true);
      status.reload();
    } catch (err) {
      setError((err as Error).message);
    }
  }

  if (status.error) return <Alert kind="error">{t('status.invalid')}</Alert>;
  const s = status.data;
  if (!s) return <p class="muted">{t('app.loading')}</p>;
  return (
    <section class="narrow">
      <p class="muted">{s.network.name}</p>
      <h1>{t('status.title', { reference: s.reference })}</h1>
      <div class="card">
        <span class="muted">{t('status.current')}: </span>
        <span class="stage">{tk(`status.stage.${s.stage}`)}</span>
      </div>
      {s.photos.length > 0 && (
        <>
          <h2>{t('status.photos', { count: s.photos.length })}</h2>
          <ul class="plain">
            {s.photos.map((p, n) => (
              <li key={`${n}-${p.filename}`}>
                {p.filename} · {fileSize(p.size)}
              </li>
            ))}
          </ul>
        </>
      )}
      <h2>{t('status.conversation')}</h2>
      <ul class="timeline">
        {s.messages.map((m) => (
          <li key={m.at + m.from}>
            <div class="when">
              {m.from === 'customer' ? t('status.you') : t('status.team')} · {dateTime(m.at)}
            </div>
            <p class="msg">{m.text}</p>
          </li>
        ))}
      </ul>
      <form onSubmit={send}>
        <label for="message">{t('status.message')}</label>
        <textarea
          id="message"
          required
          maxLength={5000}
          value={text}
          onInput={(e) => setText(e.currentTarget.value)}
        />
        <p>
          <button type="submit" class="primary">
            {t('status.send')}
          </button>
        </p>
      </form>
      {sent && <Alert kind="ok">{t('status.sent')}</Alert>}
      {error && <Alert kind="error">{error}</Alert>}
    </section>
  );
}
