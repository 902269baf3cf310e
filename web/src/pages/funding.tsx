import { useState } from 'preact/hooks';
import { api } from '../api';
import { claims, token } from '../auth';
import { saveFile } from '../files';
import { date, euro, number } from '../format';
import { lang, t } from '../i18n';
import { Alert, must, useLoad } from '../ui';
import { Costs } from './funding-costs';
import { base, Checks, type Note, type View } from './funding-form';
import { Record } from './funding-hours';
import { NewProject } from './funding-new';

type Sums = View['totals']['planned'];

/**
 * Funded projects ("Förderprojekte"): the list, and a project page. The coordinator sees the live
 * checks in words, plan vs actual per partner and work package, the periods (close / reopen) and
 * the reports; a partner records its hours per work package and ISO week on a phone, and both
 * enter costs with receipts. `neu` is the coordinator's form for a new project.
 */
export default function Funding({ id }: { id?: string }) {
  if (id === 'neu') return <NewProject />;
  if (id) return <Project id={id} />;
  return <ProjectList />;
}

function ProjectList() {
  const list = useLoad(() => must(api.GET('/funding/projects')), []);
  if (list.error) return <Alert kind="error">{t('app.error', { detail: list.error })}</Alert>;
  if (!list.data) return <p class="muted">{t('app.loading')}</p>;
  const items = list.data.items;
  // a partner in exactly one project goes straight to recording its hours
  if (claims.value?.role === 'partner' && items.length === 1) return <Project id={items[0]!.id} />;
  return (
    <section>
      <h1>{t('funding.title')}</h1>
      <p>{t('funding.intro')}</p>
      {claims.value?.role === 'coordinator' && (
        <p>
          <a class="button primary" href="/verbund/foerderprojekte/neu">
            {t('funding.new')}
          </a>
        </p>
      )}
      {items.length === 0 && <p>{t('funding.none')}</p>}
      <ul class="plain">
        {items.map((p) => (
          <li key={p.id} class="card">
            <h2>
              <a href={`${base()}/foerderprojekte/${encodeURIComponent(p.id)}`}>{p.title}</a>
            </h2>
            <p class="muted">
              {t('funding.span', { from: date(p.start), to: date(p.end) })} ·{' '}
              {t('funding.partnerCount', { n: p.partnerIds.length })}
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}

function Project({ id }: { id: string }) {
  const project = useLoad(
    () => must(api.GET('/funding/projects/{projectId}', { params: { path: { projectId: id } } })),
    [id],
  );
  if (project.error) return <Alert kind="error">{t('app.error', { detail: project.error })}</Alert>;
  if (!project.data) return <p class="muted">{t('app.loading')}</p>;
  const p = project.data;
  const coordinator = claims.value?.role === 'coordinator';
  return (
    <section>
      <p class="small">
        <a href={`${base()}/foerderprojekte`}>{t('funding.back')}</a>
      </p>
      <h1>{p.title}</h1>
      <p class="muted">{t('funding.span', { from: date(p.start), to: date(p.end) })}</p>
      {coordinator ? (
        <>
          <Checks checks={p.checks} />
          <PartnerTable p={p} />
          <WorkPackages id={id} />
          <Periods p={p} onChange={project.reload} />
          <Costs p={p} onChange={project.reload} />
        </>
      ) : (
        <>
          <Record p={p} onChange={project.reload} />
          <Costs p={p} onChange={project.reload} />
          <PartnerTable p={p} />
        </>
      )}
    </section>
  );
}

/** `actual / plan` hours and costs. */
function PlanActual({ planned, actual }: { planned: Sums; actual: Sums }) {
  return (
    <>
      <td class={actual.hours > planned.hours ? 'b-over' : undefined}>
        {number(actual.hours)} / {number(planned.hours)}
      </td>
      <td class={actual.totalCents > planned.totalCents ? 'b-over' : undefined}>
        {euro(actual.totalCents)} / {euro(planned.totalCents)}
      </td>
    </>
  );
}

function PartnerTable({ p }: { p: View }) {
  return (
    <>
      <h2>{t('funding.byPartner')}</h2>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a keyboard user must be able to scroll the wide table */}
      <section class="scroll" tabIndex={0} aria-label={t('funding.byPartnerCaption')}>
        <table>
          <caption class="sr-only">{t('funding.byPartnerCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('funding.partner')}</th>
              <th scope="col">{t('funding.hours')}</th>
              <th scope="col">{t('funding.costs')}</th>
              <th scope="col">{t('funding.funding')}</th>
            </tr>
          </thead>
          <tbody>
            {p.partnerTotals.map((r) => (
              <tr key={r.partnerId}>
                <th scope="row">{r.name}</th>
                <PlanActual planned={r.planned} actual={r.actual} />
                <td>
                  {euro(r.fundingCents)} ({r.fundingRatePct} %)
                </td>
              </tr>
            ))}
            <tr>
              <th scope="row">{t('funding.total')}</th>
              <PlanActual planned={p.totals.planned} actual={p.totals.actual} />
              <td>{euro(p.totals.fundingCents)}</td>
            </tr>
          </tbody>
        </table>
      </section>
      <p class="small muted">{t('funding.planActualHint')}</p>
    </>
  );
}

/** Plan vs actual per work package and partner, from the final report's figures to date. */
function WorkPackages({ id }: { id: string }) {
  const report = useLoad(
    () =>
      must(
        api.GET('/funding/projects/{projectId}/report', {
          params: { path: { projectId: id }, query: { period: 'final', format: 'json' } },
        }),
      ),
    [id],
  );
  if (report.error) return <Alert kind="error">{t('app.error', { detail: report.error })}</Alert>;
  const r = report.data;
  if (!r || typeof r === 'string') return <p class="muted">{t('app.loading')}</p>;
  return (
    <>
      <h2>{t('funding.byWorkPackage')}</h2>
      {r.workPackages.map((wp) => (
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a keyboard user must be able to scroll the wide table
        <section key={wp.id} class="scroll" tabIndex={0} aria-label={wp.title}>
          <table>
            <caption>
              {wp.title} ({wp.id})
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('funding.partner')}</th>
                <th scope="col">{t('funding.hours')}</th>
                <th scope="col">{t('funding.costs')}</th>
              </tr>
            </thead>
            <tbody>
              {r.cells
                .filter((c) => c.workPackageId === wp.id)
                .map((c) => (
                  <tr key={c.partnerId}>
                    <th scope="row">{c.name}</th>
                    <PlanActual planned={c.planned} actual={c.actualToDate} />
                  </tr>
                ))}
              <tr>
                <th scope="row">{t('funding.total')}</th>
                <PlanActual planned={wp.planned} actual={wp.actualToDate} />
              </tr>
            </tbody>
          </table>
        </section>
      ))}
    </>
  );
}

function Periods({ p, onChange }: { p: View; onChange: () => void }) {
  const [note, setNote] = useState<Note>();
  const status = (periodId: string) => p.periodStates.find((s) => s.periodId === periodId)?.status ?? 'open';
  async function toggle(periodId: string, close: boolean) {
    setNote(undefined);
    const params = { params: { path: { projectId: p.id, periodId } } };
    try {
      await must(
        close
          ? api.POST('/funding/projects/{projectId}/periods/{periodId}/close', params)
          : api.POST('/funding/projects/{projectId}/periods/{periodId}/reopen', params),
      );
      setNote({ kind: 'ok', text: t(close ? 'funding.closed' : 'funding.reopened') });
      onChange();
    } catch (e) {
      setNote({ kind: 'error', text: (e as Error).message });
    }
  }
  return (
    <>
      <h2>{t('funding.periods')}</h2>
      {note && <Alert kind={note.kind}>{note.text}</Alert>}
      <ul class="plain">
        {p.periods.map((period, i) => {
          const closed = status(period.id) === 'closed';
          const label = t('funding.period', { n: i + 1, from: date(period.from), to: date(period.to) });
          return (
            <li key={period.id} class="card">
              <h3>
                {label}{' '}
                <span class={closed ? 'badge badge-err' : 'badge badge-ok'}>
                  {t(closed ? 'funding.statusClosed' : 'funding.statusOpen')}
                </span>
              </h3>
              <p class="row-inline">
                <button type="button" onClick={() => toggle(period.id, !closed)}>
                  {t(closed ? 'funding.reopen' : 'funding.close')}
                </button>
                <Downloads projectId={p.id} period={period.id} label={label} />
              </p>
            </li>
          );
        })}
        <li class="card">
          <h3>{t('funding.final')}</h3>
          <p class="row-inline">
            <Downloads projectId={p.id} period="final" label={t('funding.final')} />
          </p>
        </li>
      </ul>
    </>
  );
}

/** HTML, CSV (the console's dialect) and PDF of a period's report: links, fetched with the token. */
function Downloads({ projectId, period, label }: { projectId: string; period: string; label: string }) {
  const [error, setError] = useState<string>();
  const dialect = lang.value === 'de' ? 'de' : 'rfc4180';
  const formats = [
    ['html', 'HTML'],
    ['csv', 'CSV'],
    ['pdf', 'PDF'],
  ] as const;
  async function get(e: Event, href: string, format: string) {
    e.preventDefault();
    setError(undefined);
    const res = await fetch(href, { headers: { authorization: `Bearer ${token.value ?? ''}` } });
    if (!res.ok) return setError(`HTTP ${res.status}`);
    const name =
      /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ??
      `bericht-${period}.${format}`;
    saveFile(await res.blob(), name);
  }
  return (
    <>
      {formats.map(([format, name]) => {
        const href = `/api/funding/projects/${encodeURIComponent(projectId)}/report?period=${encodeURIComponent(period)}&format=${format}${format === 'csv' ? `&dialect=${dialect}` : ''}`;
        return (
          <a
            key={format}
            href={href}
            download
            aria-label={t('funding.download', { format: name, label })}
            onClick={(e) => get(e, href, format)}
          >
            {name}
          </a>
        );
      })}
      {error && <Alert kind="error">{error}</Alert>}
    </>
  );
}
