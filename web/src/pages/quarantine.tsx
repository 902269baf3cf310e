import { useState } from 'preact/hooks';
import { api } from '../api';
import { dateTime } from '../format';
import { t, tk } from '../i18n';
import { Alert, must, useLoad } from '../ui';

/** Quarantined inbound mail: why it was held, and release it into the inbox. */
export default function Quarantine() {
  const list = useLoad(() => must(api.GET('/quarantine')), []);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string }>();

  async function release(mailId: string) {
    setMessage(undefined);
    try {
      await must(api.POST('/quarantine/{mailId}/release', { params: { path: { mailId } } }));
      setMessage({ kind: 'ok', text: t('quarantine.released') });
      list.reload();
    } catch (err) {
      setMessage({ kind: 'error', text: t('app.error', { detail: (err as Error).message }) });
    }
  }

  if (list.error) return <Alert kind="error">{t('app.error', { detail: list.error })}</Alert>;
  if (!list.data) return <p class="muted">{t('app.loading')}</p>;
  return (
    <section>
      <h1>{t('quarantine.title')}</h1>
      {message && <Alert kind={message.kind}>{message.text}</Alert>}
      {list.data.items.length === 0 ? (
        <p>{t('quarantine.empty')}</p>
      ) : (
        <table class="stack">
          <thead>
            <tr>
              <th scope="col">{t('quarantine.received')}</th>
              <th scope="col">{t('quarantine.from')}</th>
              <th scope="col">{t('inbox.subject')}</th>
              <th scope="col">{t('quarantine.reason')}</th>
              <th scope="col">
                <span class="sr-only">{t('quarantine.release')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.data.items.map((m) => (
              <tr key={m.mailId}>
                <td>{dateTime(m.receivedAt)}</td>
                <td>{m.from?.address ?? m.envelopeFrom ?? '–'}</td>
                <td>{m.subject}</td>
                <td>
                  {m.quarantine ? tk(`reason.${m.quarantine.reason}`) : ''}
                  <div class="muted">{m.quarantine?.detail}</div>
                </td>
                <td>
                  {m.state === 'quarantined' && (
                    <button type="button" onClick={() => release(m.mailId)}>
                      {t('quarantine.release')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
