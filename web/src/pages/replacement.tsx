import { useState } from 'preact/hooks';
import type { components } from '../../../docs/api/openapi';
import { api } from '../api';
import { dateTime, number } from '../format';
import { lang, tk } from '../i18n';
import { Alert, must, useLoad } from '../ui';

/** The words of this section, German first (kept here so the page's dictionary stays untouched). */
const TEXT = {
  de: {
    title: 'Abgesagte und abgelaufene Teile',
    declined: 'abgesagt',
    expired: 'Frist abgelaufen',
    replaced: 'ersetzt',
    part: '{partner}: {work}',
    answered: '{state} am {at}',
    propose: 'Ersatz vorschlagen',
    proposeFor: 'Ersatz vorschlagen für {partner}',
    none: 'Kein Ersatz gefunden: {reasons}',
    proposal: 'Ersatz {rank}',
    accept: 'Annehmen',
    acceptLabel: 'Annehmen: Ersatz {rank} für {partner}',
    accepted:
      'Ersatz angenommen: {partners} erhalten ihren Teil vorgemerkt und haben 48 Stunden zum Zusagen.',
    proposed: '{n} Ersatzvorschläge.',
    error: 'Fehler: {detail}',
  },
  en: {
    title: 'Declined and expired parts',
    declined: 'declined',
    expired: 'deadline passed',
    replaced: 'replaced',
    part: '{partner}: {work}',
    answered: '{state} on {at}',
    propose: 'Propose replacement',
    proposeFor: 'Propose replacement for {partner}',
    none: 'No replacement found: {reasons}',
    proposal: 'Replacement {rank}',
    accept: 'Accept',
    acceptLabel: 'Accept: replacement {rank} for {partner}',
    accepted: 'Replacement accepted: {partners} have their part held and 48 hours to confirm.',
    proposed: '{n} replacement proposals.',
    error: 'Error: {detail}',
  },
} as const;
const w = (key: keyof (typeof TEXT)['de'], vars: Record<string, string | number> = {}) =>
  TEXT[lang.value][key].replace(/\{(\w+)\}/g, (_, n: string) => String(vars[n] ?? ''));

/**
 * On an inquiry's page: the parts of its job a partner declined or let expire, each with
 * "Ersatz vorschlagen" (the matcher for just that part, without the team) and the proposals'
 * "Annehmen", which adds the replacement's tentative part to the job. Nothing when no part is open.
 */
export function Replacement({ inquiryId, label }: { inquiryId: string; label: (id: string) => string }) {
  const params = { path: { inquiryId } };
  const job = useLoad(
    async () => (await api.GET('/inquiries/{inquiryId}/job', { params })).data,
    [inquiryId],
  );
  const partners = useLoad(async () => (await api.GET('/partners')).data, []);
  const [runs, setRuns] = useState<Record<string, ReplacementRun>>({});
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string }>();
  const [busy, setBusy] = useState(false);
  const j = job.data;
  const gone = Object.entries(j?.status === 'accepted' ? (j.parts ?? {}) : {}).filter(([, p]) =>
    ['declined', 'expired'].includes(p.state),
  );
  if (!j || gone.length === 0) return null;
  const name = (id: string) =>
    partners.data?.items.find((p) => p.id === id)?.name ??
    Object.values(runs)
      .flatMap((r) => r.proposals.flatMap((p) => p.partners))
      .find((p) => p.partnerId === id)?.name ??
    id;
  const work = (id: string) =>
    j.assignments
      .filter((a) => a.partnerId === id)
      .map((a) => `${label(a.competenceId)} ${number(a.hours)} h`)
      .join(', ');

  async function act(fn: () => Promise<string>) {
    setBusy(true);
    setMessage(undefined);
    try {
      setMessage({ kind: 'ok', text: await fn() });
    } catch (err) {
      setMessage({ kind: 'error', text: w('error', { detail: (err as Error).message }) });
    } finally {
      setBusy(false);
    }
  }
  const propose = (partnerId: string) =>
    act(async () => {
      const run = await must(
        api.POST('/inquiries/{inquiryId}/job/parts/{partnerId}/replacements', {
          params: { path: { inquiryId, partnerId } },
          body: {},
        }),
      );
      setRuns((r) => ({ ...r, [partnerId]: run }));
      return run.proposals.length > 0
        ? w('proposed', { n: run.proposals.length })
        : w('none', { reasons: run.reasons.join('; ') });
    });
  const accept = (proposalId: string) =>
    act(async () => {
      const done = await must(
        // a replacement's proposal is accepted like any proposal: it joins the accepted job
        api.POST('/inquiries/{inquiryId}/proposals/{proposalId}/accept', {
          params: { path: { inquiryId, proposalId } },
          body: {},
        }),
      );
      job.reload();
      return w('accepted', { partners: done.mailed.map(name).join(', ') });
    });

  return (
    <section aria-labelledby="replacement-title">
      <h2 id="replacement-title">{w('title')}</h2>
      {message && <Alert kind={message.kind}>{message.text}</Alert>}
      {gone.map(([partnerId, part]) => {
        const run = part.replacedBy ? undefined : runs[partnerId];
        return (
          <article class="card" key={partnerId} aria-labelledby={`gone-${partnerId}`}>
            <h3 id={`gone-${partnerId}`}>
              {w('part', { partner: name(partnerId), work: work(partnerId) })}{' '}
              <span class="badge">
                {part.replacedBy ? w('replaced') : w(part.state as 'declined' | 'expired')}
              </span>
            </h3>
            <p class="muted">
              {w('answered', {
                state: w(part.state as 'declined' | 'expired'),
                at: dateTime(part.answeredAt ?? part.deadline),
              })}
            </p>
            {!part.replacedBy && (
              <button
                type="button"
                disabled={busy}
                aria-label={w('proposeFor', { partner: name(partnerId) })}
                onClick={() => propose(partnerId)}
              >
                {w('propose')}
              </button>
            )}
            {run && run.proposals.length > 0 && (
              <div class="proposals">
                {run.proposals.map((p) => (
                  <div class="card" key={p.id}>
                    <h4>{w('proposal', { rank: p.rank })}</h4>
                    <ul>
                      {p.assignments.map((a) => (
                        <li key={a.competenceId}>
                          {label(a.competenceId)}: {name(a.partnerId)} ({number(a.hours)} h)
                        </li>
                      ))}
                    </ul>
                    <p class="muted">
                      {p.explanation.map((x) => `${tk(`term.${x.term}`)} ${number(x.value)}`).join(' · ')}
                    </p>
                    {p.complete && (
                      <button
                        type="button"
                        class="primary"
                        disabled={busy}
                        aria-label={w('acceptLabel', { rank: p.rank, partner: name(partnerId) })}
                        onClick={() => accept(p.id)}
                      >
                        {w('accept')}
                      </button>
                    )}
                  </div>
                ))}
              </div>
            )}
          </article>
        );
      })}
    </section>
  );
}

type ReplacementRun = components['schemas']['ReplacementRun'];
