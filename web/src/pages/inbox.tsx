import { useState } from 'preact/hooks';
import { api } from '../api';
import { age } from '../format';
import { t, tk } from '../i18n';
import { navigate } from '../router';
import { Alert, must, useLoad } from '../ui';

const STATUSES = [
  'new',
  'qualified',
  'matching',
  'proposed',
  'accepted',
  'in_progress',
  'completed',
  'declined',
  'spam',
] as const;
type Status = (typeof STATUSES)[number];
const REFERENCE = /^[A-Z]{2,6}-\d{4}-\d{4,}$/;

/** The coordinator's inbox: newest first, filter by status, find by reference or customer name. */
export default function Inbox() {
  const [status, setStatus] = useState<Status | ''>('');
  const [query, setQuery] = useState('');
  const [error, setError] = useState<string>();
  const list = useLoad(
    () => must(api.GET('/inquiries', { params: { query: { ...(status ? { status } : {}), limit: '100' } } })),
    [status],
  );
  const q = query.trim().toLowerCase();
  const items = (list.data?.items ?? []).filter(
    (i) => !q || i.reference.toLowerCase().includes(q) || i.customer.name.toLowerCase().includes(q),
  );

  async function search(e: Event) {
    e.preventDefault();
    const ref = query.trim().toUpperCase();
    if (!REFERENCE.test(ref)) return;
    // a reference number opens the inquiry directly, also one beyond the loaded page
    const { data, response } = await api.GET('/inquiries/{inquiryId}', {
      params: { path: { inquiryId: ref } },
    });
    if (data) navigate(`/verbund/anfragen/${data.id}`);
    else setError(response.status === 404 ? t('inbox.empty') : `HTTP ${response.status}`);
  }

  return (
    <section>
      <h1>{t('inbox.title')}</h1>
      <form class="row" onSubmit={search}>
        <div>
          <label for="status">{t('inbox.filter')}</label>
          <select
            id="status"
            value={status}
            onChange={(e) => setStatus(e.currentTarget.value as Status | '')}
          >
            <option value="">{t('inbox.all')}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {tk(`status.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label for="q">{t('inbox.search')}</label>
          <input id="q" type="search" value={query} onInput={(e) => setQuery(e.currentTarget.value)} />
        </div>
        <button type="submit">{t('inbox.searchButton')}</button>
      </form>
      {error && <Alert kind="error">{error}</Alert>}
      {list.error && <Alert kind="error">{t('app.error', { detail: list.error })}</Alert>}
      {list.loading && !list.data ? (
        <p class="muted">{t('app.loading')}</p>
      ) : items.length === 0 ? (
        <p>{t('inbox.empty')}</p>
      ) : (
        <table class="stack">
          <thead>
            <tr>
              <th scope="col">{t('inbox.reference')}</th>
              <th scope="col">{t('inbox.customer')}</th>
              <th scope="col">{t('inbox.subject')}</th>
              <th scope="col">{t('inbox.filter')}</th>
              <th scope="col">{t('inbox.source')}</th>
              <th scope="col">{t('inbox.age')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((i) => {
              const a = age(i.createdAt);
              return (
                <tr key={i.id}>
                  <td>
                    <a href={`/verbund/anfragen/${i.id}`}>{i.reference}</a>
                  </td>
                  <td>{i.customer.name}</td>
                  <td>{i.subject}</td>
                  <td>
                    <span class="badge">{tk(`status.${i.status}`)}</span>
                  </td>
                  <td>{tk(`source.${i.source}`)}</td>
                  <td>
                    {a.n === 0 && a.unit === 'minutes' ? t('age.now') : tk(`age.${a.unit}`, { n: a.n })}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
