import { useState } from 'preact/hooks';
import type { paths } from '../../../docs/api/openapi';
import { api } from '../api';
import { claims } from '../auth';
import { DateField } from '../date-field';
import { number } from '../format';
import { t } from '../i18n';
import { Alert, must, useLoad } from '../ui';

type Body = paths['/referrals']['post']['requestBody']['content']['application/json'];

/** A partner refers its own customer to the network and sees its referral balance. */
export default function Referral() {
  const partnerId = claims.value?.partnerId ?? '';
  const ledger = useLoad(() => must(api.GET('/referrals/ledger')), []);
  const [f, setF] = useState({
    name: '',
    email: '',
    phone: '',
    postcode: '',
    subject: '',
    text: '',
    from: '',
    to: '',
  });
  const [note, setNote] = useState<{ kind: 'ok' | 'error'; text: string }>();
  const mine = ledger.data?.partners.find((p) => p.partnerId === partnerId);

  async function submit(e: Event) {
    e.preventDefault();
    setNote(undefined);
    if (Boolean(f.from) !== Boolean(f.to)) return setNote({ kind: 'error', text: t('referral.bothDates') });
    const body: Body = { customer: { name: f.name, email: f.email }, subject: f.subject, text: f.text };
    if (f.phone) body.customer.phone = f.phone;
    if (f.postcode) body.postcode = f.postcode;
    if (f.from && f.to) body.timeframe = { from: f.from, to: f.to };
    try {
      const created = await must(
        api.POST('/referrals', {
          body,
        }),
      );
      const reference = (created as { reference?: string }).reference ?? '';
      setNote({ kind: 'ok', text: t('referral.sent', { reference }) });
      setF({ name: '', email: '', phone: '', postcode: '', subject: '', text: '', from: '', to: '' });
    } catch (err) {
      setNote({ kind: 'error', text: t('app.error', { detail: (err as Error).message }) });
    }
  }

  const input = (
    k: keyof typeof f,
    label: Parameters<typeof t>[0],
    type: 'text' | 'email' | 'tel' = 'text',
    required = false,
  ) => (
    <div>
      <label for={`ref-${k}`}>{t(label)}</label>
      <input
        id={`ref-${k}`}
        type={type as 'text'}
        required={required}
        value={f[k]}
        onInput={(e) => setF({ ...f, [k]: e.currentTarget.value })}
      />
    </div>
  );

  return (
    <section class="narrow">
      <h1>{t('referral.title')}</h1>
      <section class="card" aria-labelledby="balance-h">
        <h2 id="balance-h">{t('referral.balance')}</h2>
        {ledger.error && <Alert kind="error">{t('app.error', { detail: ledger.error })}</Alert>}
        {ledger.data &&
          (mine ? (
            <p>
              {t('referral.balanceLine', {
                given: number(mine.givenHours),
                givenJobs: mine.givenCount,
                received: number(mine.receivedHours),
                receivedJobs: mine.receivedCount,
              })}{' '}
              <strong>{t('referral.net', { balance: number(mine.balance) })}</strong>
            </p>
          ) : (
            <p>{t('referral.noBalance')}</p>
          ))}
      </section>
      <p>{t('referral.intro')}</p>
      {note && <Alert kind={note.kind}>{note.text}</Alert>}
      <form onSubmit={submit}>
        {input('name', 'referral.name', 'text', true)}
        {input('email', 'referral.email', 'email', true)}
        {input('phone', 'referral.phone', 'tel')}
        {input('postcode', 'referral.postcode')}
        {input('subject', 'referral.subject', 'text', true)}
        <label for="ref-text">{t('referral.text')}</label>
        <textarea
          id="ref-text"
          required
          value={f.text}
          onInput={(e) => setF({ ...f, text: e.currentTarget.value })}
        />
        <div class="row">
          <DateField
            id="ref-from"
            label={t('referral.from')}
            value={f.from}
            onInput={(v) => setF({ ...f, from: v })}
          />
          <DateField
            id="ref-to"
            label={t('referral.to')}
            value={f.to}
            onInput={(v) => setF({ ...f, to: v })}
          />
        </div>
        <p>
          <button type="submit" class="primary">
            {t('referral.send')}
          </button>
        </p>
      </form>
    </section>
  );
}
