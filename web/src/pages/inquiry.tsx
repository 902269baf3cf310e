import { useState } from 'preact/hooks';
import { api } from '../api';
import { DateField } from '../date-field';
import { date, dateTime, number } from '../format';
import { lang, t, tk } from '../i18n';
import { Alert, must, useLoad } from '../ui';
import InquiryPhotos from './inquiry-photos';
import { explanationText, timelineText } from './inquiry-texts';
import { JobParts } from './job-parts';
import { Replacement } from './replacement';

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

const inTwoWeeks = () => {
  const d = new Date(Date.now() + 14 * 86_400_000);
  const monday = new Date(d.getTime() - ((d.getUTCDay() + 6) % 7) * 86_400_000);
  return monday.toISOString().slice(0, 10);
};
const plusDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T12:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** One inquiry: timeline, reply, note, status, competences, team proposals side by side. */
export default function InquiryPage({ id }: { id: string }) {
  const inquiryId = { path: { inquiryId: id } };
  const inquiry = useLoad(() => must(api.GET('/inquiries/{inquiryId}', { params: inquiryId })), [id]);
  const taxonomy = useLoad(() => must(api.GET('/competences')), []);
  const directory = useLoad(() => must(api.GET('/partners')), []);
  const proposals = useLoad(async () => {
    const { data } = await api.GET('/inquiries/{inquiryId}/proposals', { params: inquiryId });
    return data && 'requirements' in data ? data : undefined;
  }, [id]);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string }>();
  const [busy, setBusy] = useState(false);
  const [hours, setHours] = useState<Record<string, string>>({});
  const [from, setFrom] = useState(inTwoWeeks());
  const [to, setTo] = useState(plusDays(inTwoWeeks(), 25));

  async function act<R>(fn: () => Promise<R>, ok: string | ((result: R) => string)) {
    setBusy(true);
    setMessage(undefined);
    try {
      const result = await fn();
      setMessage({ kind: 'ok', text: typeof ok === 'function' ? ok(result) : ok });
      inquiry.reload();
      proposals.reload();
    } catch (err) {
      setMessage({ kind: 'error', text: t('app.error', { detail: (err as Error).message }) });
    } finally {
      setBusy(false);
    }
  }

  if (inquiry.error) return <Alert kind="error">{t('app.error', { detail: inquiry.error })}</Alert>;
  const i = inquiry.data;
  if (!i) return <p class="muted">{t('app.loading')}</p>;
  const label = (cid: string) => {
    const c = taxonomy.data?.items.find((x) => x.id === cid);
    return c ? (lang.value === 'de' ? c.label_de : c.label_en) : cid;
  };
  const partnerName = (pid: string) =>
    directory.data?.items.find((p) => p.id === pid)?.name ??
    proposals.data?.proposals.flatMap((p) => p.partners).find((p) => p.partnerId === pid)?.name ??
    pid;
  const names = { partner: partnerName, competence: label };
  const competences = () =>
    i.competences.map((c) => ({
      competenceId: c.competenceId,
      hours: Number(hours[c.competenceId] ?? c.hours ?? 8),
      ...(c.minLevel ? { minLevel: c.minLevel } : {}),
    }));

  const form = (fn: (data: FormData) => Promise<unknown>, ok: string) => (e: Event) => {
    e.preventDefault();
    const el = e.currentTarget as HTMLFormElement;
    void act(async () => {
      await fn(new FormData(el));
      el.reset();
    }, ok);
  };

  return (
    <section>
      <p>
        <a href="/verbund/anfragen">{t('inquiry.back')}</a>
      </p>
      <h1>
        {i.reference}: {i.subject}
      </h1>
      <p>
        <span class="badge">{tk(`status.${i.status}`)}</span> · {tk(`source.${i.source}`)} ·{' '}
        {dateTime(i.createdAt)}
      </p>
      {message && <Alert kind={message.kind}>{message.text}</Alert>}
      <div class="grid2">
        <div>
          <div class="card">
            <h2>{t('inquiry.customer')}</h2>
            <p>
              {i.customer.name} · <a href={`mailto:${i.customer.email}`}>{i.customer.email}</a>
              {i.customer.phone && <> · {i.customer.phone}</>}
              {i.postcode && (
                <>
                  {' '}
                  · {t('inquiry.postcode')} {i.postcode}
                </>
              )}
            </p>
            <p class="msg">{i.text}</p>
            <InquiryPhotos inquiryId={i.id} photos={i.photos ?? []} />
          </div>
          <h2>{t('inquiry.timeline')}</h2>
          <ul class="timeline">
            {i.timeline.map((e) => (
              <li key={e.id}>
                <div class="when">
                  {tk(`kind.${e.kind}`)} · {dateTime(e.at)}
                  {e.by ? ` · ${e.by}` : ''}
                </div>
                <pre>{timelineText(e, names)}</pre>
              </li>
            ))}
          </ul>
          <form
            class="card"
            onSubmit={form(
              (d) =>
                must(
                  api.POST('/inquiries/{inquiryId}/replies', {
                    params: { path: { inquiryId: i.id } },
                    body: { text: String(d.get('text')) },
                  }),
                ),
              t('inquiry.replySent'),
            )}
          >
            <label for="reply">{t('inquiry.reply')}</label>
            <textarea id="reply" name="text" required />
            <p>
              <button type="submit" class="primary" disabled={busy}>
                {t('inquiry.replySend')}
              </button>
            </p>
          </form>
          <form
            class="card"
            onSubmit={form(
              (d) =>
                must(
                  api.POST('/inquiries/{inquiryId}/notes', {
                    params: { path: { inquiryId: i.id } },
                    body: { text: String(d.get('text')) },
                  }),
                ),
              t('kind.note'),
            )}
          >
            <label for="note">{t('inquiry.note')}</label>
            <textarea id="note" name="text" required />
            <p>
              <button type="submit" disabled={busy}>
                {t('inquiry.noteSave')}
              </button>
            </p>
          </form>
        </div>
        <div>
          <form
            class="card"
            onSubmit={form(
              (d) =>
                must(
                  api.POST('/inquiries/{inquiryId}/status', {
                    params: { path: { inquiryId: i.id } },
                    body: { status: String(d.get('status')) as (typeof STATUSES)[number] },
                  }),
                ),
              t('inquiry.statusSave'),
            )}
          >
            <label for="new-status">{t('inquiry.status')}</label>
            <select id="new-status" name="status" value={i.status} key={i.status}>
              {STATUSES.map((s) => (
                <option key={s} value={s}>
                  {tk(`status.${s}`)}
                </option>
              ))}
            </select>
            <p>
              <button type="submit" disabled={busy}>
                {t('inquiry.statusSave')}
              </button>
            </p>
          </form>
          <div class="card">
            <h2>{t('inquiry.competences')}</h2>
            {i.competences.map((c) => (
              <div key={c.competenceId}>
                <label for={`h-${c.competenceId}`}>
                  {label(c.competenceId)} {c.suggested && <span class="badge">{t('inquiry.suggested')}</span>}
                </label>
                <input
                  id={`h-${c.competenceId}`}
                  type="number"
                  min="1"
                  inputMode="numeric"
                  aria-describedby="hours-unit"
                  value={hours[c.competenceId] ?? String(c.hours ?? 8)}
                  onInput={(e) => setHours({ ...hours, [c.competenceId]: e.currentTarget.value })}
                />
              </div>
            ))}
            <p id="hours-unit" class="muted">
              {t('inquiry.hours')}
            </p>
            <button
              type="button"
              disabled={busy || i.competences.length === 0}
              onClick={() =>
                act(
                  () =>
                    must(
                      api.PUT('/inquiries/{inquiryId}/competences', {
                        params: { path: { inquiryId: i.id } },
                        body: { competences: competences() },
                      }),
                    ),
                  t('inquiry.competencesSaved'),
                )
              }
            >
              {t('inquiry.competencesSave')}
            </button>
          </div>
          <div class="card">
            <h2>{t('inquiry.proposals')}</h2>
            <div class="row">
              <DateField id="from" label={t('inquiry.from')} value={from} onInput={setFrom} required />
              <DateField id="to" label={t('inquiry.to')} value={to} onInput={setTo} required />
            </div>
            <p>
              <button
                type="button"
                class="primary"
                disabled={busy}
                onClick={() =>
                  act(
                    async () => {
                      if (i.status === 'new')
                        await must(
                          api.POST('/inquiries/{inquiryId}/status', {
                            params: { path: { inquiryId: i.id } },
                            body: { status: 'qualified' },
                          }),
                        );
                      return must(
                        api.POST('/inquiries/{inquiryId}/proposals', {
                          params: { path: { inquiryId: i.id } },
                          body: { competences: competences(), timeframe: { from, to } },
                        }),
                      );
                    },
                    (run) => t('inquiry.proposed', { n: run.proposals.length }),
                  )
                }
              >
                {t('inquiry.requestProposals')}
              </button>
            </p>
          </div>
        </div>
      </div>
      <JobParts inquiryId={i.id} status={i.status} />
      <h2>{t('inquiry.proposals')}</h2>
      {!proposals.data || proposals.data.proposals.length === 0 ? (
        <p>{t('inquiry.noProposals')}</p>
      ) : (
        <div class="proposals">
          {proposals.data.proposals.map((p) => (
            <article class="card" key={p.id} aria-labelledby={`p-${p.rank}`}>
              <h3 id={`p-${p.rank}`}>
                {t('inquiry.proposal', { rank: p.rank })}{' '}
                <span class="badge">{p.complete ? t('inquiry.complete') : t('inquiry.incomplete')}</span>
              </h3>
              <p class="muted">
                {date(proposals.data!.timeframe.from)} – {date(proposals.data!.timeframe.to)}
              </p>
              <ul>
                {p.assignments.map((a) => (
                  <li key={a.competenceId}>
                    {label(a.competenceId)}: {partnerName(a.partnerId)} ({number(a.hours)} h)
                    {a.partnerId === p.leadPartnerId && <> · {t('inquiry.lead')}</>}
                  </li>
                ))}
              </ul>
              <dl>
                {p.explanation.map((x) => (
                  <div key={x.term}>
                    <dt>
                      <strong>{tk(`term.${x.term}`)}</strong> {number(x.value)}
                    </dt>
                    <dd class="muted">{explanationText(p, x.term, names)}</dd>
                  </div>
                ))}
              </dl>
              {i.status === 'proposed' && (
                <button
                  type="button"
                  class="primary"
                  disabled={busy}
                  onClick={() =>
                    act(
                      () =>
                        must(
                          api.POST('/inquiries/{inquiryId}/proposals/{proposalId}/accept', {
                            params: { path: { inquiryId: i.id, proposalId: p.id } },
                            body: {},
                          }),
                        ),
                      t('inquiry.accepted'),
                    )
                  }
                >
                  {t('inquiry.accept')}
                </button>
              )}
            </article>
          ))}
        </div>
      )}
      <Replacement inquiryId={i.id} label={label} />
    </section>
  );
}
