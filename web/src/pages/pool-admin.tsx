import { useState } from 'preact/hooks';
import type { components } from '../../../docs/api/openapi';
import { api } from '../api';
import { DateField } from '../date-field';
import { addDays, today } from '../dates';
import { saveFile } from '../files';
import { date, dateTime, euro, number } from '../format';
import { type Key, t, tk } from '../i18n';
import { Alert, must, useLoad } from '../ui';

type PoolView = components['schemas']['PoolView'];
type Note = { kind: 'ok' | 'error'; text: string } | undefined;
const STATES = ['open', 'closed', 'cancelled'] as const;

/** `15,00` or `15.00` or `15` → 1500 cents (NaN when it is no amount). */
function cents(text: string): number {
  const m = /^\s*(\d+)(?:[.,](\d{1,2}))?\s*$/.exec(text);
  if (!m) return Number.NaN;
  return Number(m[1]) * 100 + Number((m[2] ?? '0').padEnd(2, '0'));
}

/** Coordinator: the pools by state and one pool (joins, tier progress, close, cancel, order). */
export default function PoolAdmin({ id }: { id?: string }) {
  return id ? <PoolPage id={id} /> : <PoolList />;
}

function PoolList() {
  const [state, setState] = useState<(typeof STATES)[number]>('open');
  const pools = useLoad(() => must(api.GET('/pools', { params: { query: { state } } })), [state]);
  return (
    <section>
      <h1>{t('poolAdmin.title')}</h1>
      <div class="row">
        <div>
          <label for="pool-state">{t('poolAdmin.state')}</label>
          <select
            id="pool-state"
            value={state}
            onChange={(e) => setState(e.currentTarget.value as typeof state)}
          >
            {STATES.map((s) => (
              <option key={s} value={s}>
                {tk(`poolAdmin.state.${s}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      {pools.error && <Alert kind="error">{t('app.error', { detail: pools.error })}</Alert>}
      {pools.data?.items.length === 0 && <p>{t('poolAdmin.empty')}</p>}
      <ul class="jobs">
        {pools.data?.items.map((p) => (
          <li class="card" key={p.id}>
            <h2>
              <a href={`/verbund/pools/${encodeURIComponent(p.id)}`}>
                {p.article.name} ({p.supplier.name})
              </a>
            </h2>
            <p>
              {t('poolAdmin.summary', {
                quantity: number(p.totals.quantity),
                unit: p.article.unit,
                participants: p.totals.participants,
                price: euro(p.totals.unitPriceCents),
              })}{' '}
              · {t('poolAdmin.deadline')}: {dateTime(p.deadline, p.timezone)}
            </p>
          </li>
        ))}
      </ul>
      <OpenPool onOpened={() => pools.reload()} />
    </section>
  );
}

function OpenPool({ onOpened }: { onOpened: () => void }) {
  const [f, setF] = useState({
    supplierName: '',
    supplierEmail: '',
    article: '',
    number: '',
    unit: 'Stk',
    listPrice: '',
    tierQuantity: '10',
    tierPrice: '',
    shipping: '0',
    deadlineDay: addDays(today(), 7),
    deadlineTime: '12:00',
  });
  const [note, setNote] = useState<Note>();
  const field = (k: keyof typeof f, labelKey: Key, type: 'text' | 'email' | 'number' = 'text') => (
    <div>
      <label for={`open-${k}`}>{t(labelKey)}</label>
      <input
        id={`open-${k}`}
        type={type as 'text'}
        required
        value={f[k]}
        inputMode={type === 'text' && /Price|shipping/.test(k) ? 'decimal' : undefined}
        onInput={(e) => setF({ ...f, [k]: e.currentTarget.value })}
      />
    </div>
  );

  async function submit(e: Event) {
    e.preventDefault();
    setNote(undefined);
    try {
      // a wall-clock time where the coordinator sits (the network's zone for a coordinator in it)
      const deadline = new Date(`${f.deadlineDay}T${f.deadlineTime}:00`).toISOString();
      const pool = await must(
        api.POST('/pools', {
          body: {
            supplier: { name: f.supplierName, email: f.supplierEmail },
            article: { name: f.article, number: f.number, unit: f.unit },
            listPriceCents: cents(f.listPrice),
            tiers: [{ minQuantity: Number(f.tierQuantity), unitPriceCents: cents(f.tierPrice) }],
            shippingCents: cents(f.shipping),
            deadline,
            endAction: 'order_always',
          },
        }),
      );
      setNote({ kind: 'ok', text: t('poolAdmin.opened', { article: pool.article.name }) });
      onOpened();
    } catch (err) {
      setNote({ kind: 'error', text: t('app.error', { detail: (err as Error).message }) });
    }
  }

  return (
    <form class="card" aria-labelledby="open-pool-h" onSubmit={submit}>
      <h2 id="open-pool-h">{t('poolAdmin.open')}</h2>
      {note && <Alert kind={note.kind}>{note.text}</Alert>}
      <div class="row">
        {field('supplierName', 'poolAdmin.supplierName')}
        {field('supplierEmail', 'poolAdmin.supplierEmail', 'email')}
      </div>
      <div class="row">
        {field('article', 'poolAdmin.article')}
        {field('number', 'poolAdmin.number')}
        {field('unit', 'poolAdmin.unit')}
      </div>
      <div class="row">
        {field('listPrice', 'poolAdmin.listPrice')}
        {field('tierQuantity', 'poolAdmin.tierQuantity', 'number')}
        {field('tierPrice', 'poolAdmin.tierPrice')}
        {field('shipping', 'poolAdmin.shipping')}
      </div>
      <div class="row">
        <DateField
          id="open-deadlineDay"
          label={t('poolAdmin.deadlineDay')}
          value={f.deadlineDay}
          onInput={(v) => setF({ ...f, deadlineDay: v })}
          required
        />
        <div>
          <label for="open-deadlineTime">{t('poolAdmin.deadlineTime')}</label>
          {/* 24-hour `12:00` as in Austria; a native time input follows the browser's language (`12:00 PM`) */}
          <input
            id="open-deadlineTime"
            required
            inputMode="numeric"
            pattern="([01]\d|2[0-3]):[0-5]\d"
            placeholder="12:00"
            value={f.deadlineTime}
            onInput={(e) => setF({ ...f, deadlineTime: e.currentTarget.value })}
          />
        </div>
        <button type="submit" class="primary">
          {t('poolAdmin.openButton')}
        </button>
      </div>
    </form>
  );
}

/** The supplier order as CSV (`;`, decimal comma: what a German spreadsheet opens). */
function orderCsv(p: PoolView, names: Map<string, string>): string {
  const a = p.allocation!;
  const money = (c: number) => (c / 100).toFixed(2).replace('.', ',');
  const rows = [
    ['Betrieb', 'Menge', 'Einheit', 'Preis je Einheit', 'Ware', 'Versand', 'Summe'],
    ...a.lines.map((l) => [
      names.get(l.partnerId) ?? l.partnerId,
      String(l.quantity),
      p.article.unit,
      money(l.unitPriceCents),
      money(l.lineTotalCents),
      money(l.shippingCents),
      money(l.totalCents),
    ]),
    [
      'Gesamt',
      String(a.orderQuantity),
      p.article.unit,
      money(a.unitPriceCents),
      money(a.goodsTotalCents),
      money(a.shippingCents),
      money(a.totalCents),
    ],
  ];
  const cell = (c: string) => (/[;"\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);
  return `\ufeff${rows.map((r) => r.map(cell).join(';')).join('\r\n')}\r\n`;
}

function PoolPage({ id }: { id: string }) {
  const pool = useLoad(() => must(api.GET('/pools/{poolId}', { params: { path: { poolId: id } } })), [id]);
  const partners = useLoad(() => must(api.GET('/partners')), []);
  const [reason, setReason] = useState('');
  const [note, setNote] = useState<Note>();
  const names = new Map((partners.data?.items ?? []).map((p) => [p.id, p.name]));

  async function act(fn: () => Promise<unknown>, ok: string) {
    setNote(undefined);
    try {
      await fn();
      setNote({ kind: 'ok', text: ok });
      pool.reload();
    } catch (err) {
      setNote({ kind: 'error', text: t('app.error', { detail: (err as Error).message }) });
    }
  }

  if (pool.error) return <Alert kind="error">{t('app.error', { detail: pool.error })}</Alert>;
  const p = pool.data;
  if (!p) return <p class="muted">{t('app.loading')}</p>;
  const next = p.totals.nextTier;
  const goal = next?.minQuantity ?? p.tiers.at(-1)?.minQuantity ?? 1;
  return (
    <section>
      <p>
        <a href="/verbund/pools">{t('poolAdmin.back')}</a>
      </p>
      <h1>
        {p.article.name} ({p.supplier.name})
      </h1>
      <p>
        <span class="badge">{tk(`poolAdmin.state.${p.status}`)}</span> {t('poolAdmin.deadline')}:{' '}
        {dateTime(p.deadline, p.timezone)}
        {p.orderNumber ? ` · ${t('poolAdmin.orderNumber')}: ${p.orderNumber}` : ''}
      </p>
      {note && <Alert kind={note.kind}>{note.text}</Alert>}
      <h2>{t('poolAdmin.progress')}</h2>
      <p>
        {t('poolAdmin.summary', {
          quantity: number(p.totals.quantity),
          unit: p.article.unit,
          participants: p.totals.participants,
          price: euro(p.totals.unitPriceCents),
        })}
      </p>
      <progress
        max={goal}
        value={Math.min(p.totals.quantity, goal)}
        aria-label={t('poolAdmin.progressLabel', { quantity: number(p.totals.quantity), goal: number(goal) })}
      />
      <p>
        {next
          ? t('poolAdmin.toNext', {
              units: number(next.unitsToGo),
              unit: p.article.unit,
              price: euro(next.unitPriceCents),
            })
          : t('poolAdmin.bestTier')}
      </p>
      <table>
        <caption class="muted">{t('poolAdmin.tiers')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('poolAdmin.from')}</th>
            <th scope="col">{t('poolAdmin.unitPrice')}</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <td>1</td>
            <td>{euro(p.listPriceCents)}</td>
          </tr>
          {p.tiers.map((tier) => (
            <tr
              key={tier.minQuantity}
              aria-current={p.totals.currentTier.minQuantity === tier.minQuantity ? 'true' : undefined}
            >
              <td>{number(tier.minQuantity)}</td>
              <td>{euro(tier.unitPriceCents)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>{t('poolAdmin.joins')}</h2>
      {(p.lines ?? []).length === 0 ? (
        <p>{t('poolAdmin.noJoins')}</p>
      ) : (
        <ul class="plain">
          {(p.lines ?? []).map((l) => (
            <li key={l.partnerId}>
              {names.get(l.partnerId) ?? l.partnerId}: {number(l.quantity)} {p.article.unit}
            </li>
          ))}
        </ul>
      )}
      {p.status === 'open' && (
        <div class="card">
          <button
            type="button"
            class="primary"
            onClick={() =>
              act(
                () => must(api.POST('/pools/{poolId}/close', { params: { path: { poolId: id } } })),
                t('poolAdmin.closed'),
              )
            }
          >
            {t('poolAdmin.closeNow')}
          </button>
          <form
            class="row"
            onSubmit={(e) => {
              e.preventDefault();
              void act(
                () =>
                  must(
                    api.POST('/pools/{poolId}/cancel', {
                      params: { path: { poolId: id } },
                      body: { reason },
                    }),
                  ),
                t('poolAdmin.cancelled'),
              );
            }}
          >
            <div>
              <label for="cancel-reason">{t('poolAdmin.reason')}</label>
              <input
                id="cancel-reason"
                required
                value={reason}
                onInput={(e) => setReason(e.currentTarget.value)}
              />
            </div>
            <button type="submit">{t('poolAdmin.cancel')}</button>
          </form>
        </div>
      )}
      {p.cancelReason && (
        <p>
          {t('poolAdmin.reason')}: {p.cancelReason}
        </p>
      )}
      {p.allocation && (
        <>
          <h2>{t('poolAdmin.order')}</h2>
          <p>
            {t('poolAdmin.orderIntro', {
              email: p.supplier.email,
              delivery: p.deliveryDate ? date(p.deliveryDate) : '–',
            })}{' '}
            <button
              type="button"
              onClick={() => saveFile(orderCsv(p, names), `bestellung-${p.orderNumber ?? p.id}.csv`)}
            >
              {t('poolAdmin.orderCsv')}
            </button>
          </p>
          {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a keyboard user must be able to scroll the wide table */}
          <section class="scroll" tabIndex={0} aria-label={t('poolAdmin.order')}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('poolAdmin.partner')}</th>
                  <th scope="col">{t('poolAdmin.quantity')}</th>
                  <th scope="col">{t('poolAdmin.unitPrice')}</th>
                  <th scope="col">{t('poolAdmin.shipping')}</th>
                  <th scope="col">{t('poolAdmin.total')}</th>
                  <th scope="col">{t('poolAdmin.savings')}</th>
                </tr>
              </thead>
              <tbody>
                {p.allocation.lines.map((l) => (
                  <tr key={l.partnerId}>
                    <th scope="row">{names.get(l.partnerId) ?? l.partnerId}</th>
                    <td>{number(l.quantity)}</td>
                    <td>{euro(l.unitPriceCents)}</td>
                    <td>{euro(l.shippingCents)}</td>
                    <td>{euro(l.totalCents)}</td>
                    <td>{euro(l.savingsVsAloneCents)}</td>
                  </tr>
                ))}
                <tr>
                  <th scope="row">{t('poolAdmin.total')}</th>
                  <td>{number(p.allocation.orderQuantity)}</td>
                  <td>{euro(p.allocation.unitPriceCents)}</td>
                  <td>{euro(p.allocation.shippingCents)}</td>
                  <td>{euro(p.allocation.totalCents)}</td>
                  <td>{euro(p.allocation.savingsVsAloneCents)}</td>
                </tr>
              </tbody>
            </table>
          </section>
        </>
      )}
    </section>
  );
}
