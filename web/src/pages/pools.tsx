import { useState } from 'preact/hooks';
import { api } from '../api';
import { claims } from '../auth';
import { dateTime, euro, number } from '../format';
import { t } from '../i18n';
import { Alert, must, useLoad } from '../ui';

/** A partner's view of the open purchasing pools: join with a quantity. */
export default function Pools() {
  const pools = useLoad(() => must(api.GET('/pools', { params: { query: { state: 'open' } } })), []);
  const [quantity, setQuantity] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string }>();
  const partnerId = claims.value?.partnerId ?? '';
  const history = useLoad(
    () => must(api.GET('/partners/{partnerId}/purchases', { params: { path: { partnerId } } })),
    [partnerId],
  );

  async function act(fn: () => Promise<unknown>, ok: string) {
    setMessage(undefined);
    try {
      await fn();
      setMessage({ kind: 'ok', text: ok });
      pools.reload();
    } catch (err) {
      setMessage({ kind: 'error', text: t('app.error', { detail: (err as Error).message }) });
    }
  }

  async function join(poolId: string) {
    const q = Number(quantity[poolId] ?? '1');
    setMessage(undefined);
    try {
      await must(api.POST('/pools/{poolId}/lines', { params: { path: { poolId } }, body: { quantity: q } }));
      setMessage({ kind: 'ok', text: t('pools.joined', { quantity: number(q) }) });
      pools.reload();
    } catch (err) {
      setMessage({ kind: 'error', text: t('app.error', { detail: (err as Error).message }) });
    }
  }

  if (pools.error) return <Alert kind="error">{t('app.error', { detail: pools.error })}</Alert>;
  if (!pools.data) return <p class="muted">{t('app.loading')}</p>;
  return (
    <section>
      <h1>{t('pools.title')}</h1>
      {message && <Alert kind={message.kind}>{message.text}</Alert>}
      {pools.data.items.length === 0 && <p>{t('pools.empty')}</p>}
      <ul class="jobs">
        {pools.data.items.map((p) => (
          <li class="card" key={p.id}>
            <h2>
              {p.article.name} ({p.supplier.name})
            </h2>
            <p>
              {t('pools.price')}: <strong>{euro(p.totals.unitPriceCents)}</strong> · {t('pools.deadline')}:{' '}
              {dateTime(p.deadline, p.timezone)}
            </p>
            <p>
              {t('pools.ordered')}: {number(p.totals.quantity)} {p.article.unit}
            </p>
            {p.myQuantity ? (
              <div class="row">
                <p>
                  <span class="badge">{t('pools.joined', { quantity: number(p.myQuantity) })}</span>
                </p>
                <div>
                  <label for={`q-${p.id}`}>
                    {t('poolAdmin.newQuantity')} ({p.article.unit})
                  </label>
                  <input
                    id={`q-${p.id}`}
                    type="number"
                    min="1"
                    inputMode="numeric"
                    value={quantity[p.id] ?? String(p.myQuantity)}
                    onInput={(e) => setQuantity({ ...quantity, [p.id]: e.currentTarget.value })}
                  />
                </div>
                <button
                  type="button"
                  class="primary"
                  onClick={() => {
                    const q = Number(quantity[p.id] ?? p.myQuantity);
                    void act(
                      () =>
                        must(
                          api.PATCH('/pools/{poolId}/lines/{partnerId}', {
                            params: { path: { poolId: p.id, partnerId } },
                            body: { quantity: q },
                          }),
                        ),
                      t('poolAdmin.changed', { quantity: number(q) }),
                    );
                  }}
                >
                  {t('poolAdmin.change')}
                </button>
                <button
                  type="button"
                  onClick={() =>
                    act(
                      () =>
                        must(
                          api.DELETE('/pools/{poolId}/lines/{partnerId}', {
                            params: { path: { poolId: p.id, partnerId } },
                          }),
                        ),
                      t('poolAdmin.withdrawn'),
                    )
                  }
                >
                  {t('poolAdmin.withdraw')}
                </button>
              </div>
            ) : (
              <div class="row">
                <div>
                  <label for={`q-${p.id}`}>
                    {t('pools.quantity')} ({p.article.unit})
                  </label>
                  <input
                    id={`q-${p.id}`}
                    type="number"
                    min="1"
                    inputMode="numeric"
                    value={quantity[p.id] ?? '1'}
                    onInput={(e) => setQuantity({ ...quantity, [p.id]: e.currentTarget.value })}
                  />
                </div>
                <button type="button" class="primary" onClick={() => join(p.id)}>
                  {t('pools.join')}
                </button>
              </div>
            )}
          </li>
        ))}
      </ul>
      {history.data && (
        <section class="card" aria-labelledby="savings-h">
          <h2 id="savings-h">{t('poolAdmin.mySavings')}</h2>
          <p>
            {t('poolAdmin.savingsLine', {
              pools: history.data.totals.pools,
              spent: euro(history.data.totals.spentCents),
              alone: euro(history.data.totals.savingsVsAloneCents),
              list: euro(history.data.totals.savingsVsListCents),
            })}
          </p>
        </section>
      )}
    </section>
  );
}
