import { useEffect, useState } from 'preact/hooks';
import type { components } from '../../../docs/api/openapi';
import { api, problemText } from '../api';
import { claims, token } from '../auth';
import { addDays, today } from '../dates';
import { saveFile } from '../files';
import { date, euro, isoWeek, number } from '../format';
import { lang, t } from '../i18n';
import { Alert, must, useLoad } from '../ui';

type View = components['schemas']['FundingProjectView'];
type Check = components['schemas']['FundingCheck'];
type Sums = View['totals']['planned'];
type Note = { kind: 'ok' | 'error'; text: string } | undefined;

/** `2027-W09` of a day: the ISO week holds the day's Thursday. */
function isoWeekOf(day: string): string {
  const d = new Date(`${day}T12:00:00Z`);
  const thursday = addDays(day, 3 - ((d.getUTCDay() + 6) % 7));
  const year = Number(thursday.slice(0, 4));
  const dayOfYear =
    (Date.parse(`${thursday}T12:00:00Z`) - Date.parse(`${year}-01-01T12:00:00Z`)) / 86_400_000;
  return `${year}-W${String(Math.floor(dayOfYear / 7) + 1).padStart(2, '0')}`;
}

const base = () => (claims.value?.role === 'coordinator' ? '/verbund' : '/firma');
const message = (c: Check) => (lang.value === 'de' ? c.message_de : c.message_en);

/**
 * Funded projects ("Förderprojekte"): the list, and a project page. The coordinator sees the live
 * checks in words, plan vs actual per partner and work package, the periods (close / reopen) and
 * the reports; a partner records its hours per work package and ISO week on a phone.
 */
export default function Funding({ id }: { id?: string }) {
  const list = useLoad(() => must(api.GET('/funding/projects')), []);
  if (id) return <Project id={id} />;
  if (list.error) return <Alert kind="error">{t('app.error', { detail: list.error })}</Alert>;
  if (!list.data) return <p class="muted">{t('app.loading')}</p>;
  const items = list.data.items;
  // a partner in exactly one project goes straight to recording its hours
  if (claims.value?.role === 'partner' && items.length === 1) return <Project id={items[0]!.id} />;
  return (
    <section>
      <h1>{t('funding.title')}</h1>
      <p>{t('funding.intro')}</p>
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
        </>
      ) : (
        <>
          <Record p={p} onChange={project.reload} />
          <PartnerTable p={p} />
        </>
      )}
    </section>
  );
}

function Checks({ checks }: { checks: Check[] }) {
  // broken rules before the notes asking for a look
  const failing = checks
    .filter((c) => !c.ok)
    .sort((a, b) => Number(b.severity === 'error') - Number(a.severity === 'error'));
  const passed = checks.length - failing.length;
  return (
    <>
      <h2>{t('funding.checks')}</h2>
      {failing.length === 0 ? (
        <p>
          <span class="badge badge-ok">{t('funding.checksOk', { n: passed })}</span>
        </p>
      ) : (
        <>
          <p>{t('funding.checksSummary', { failing: failing.length, passed })}</p>
          <ul>
            {failing.map((c) => (
              <li key={`${c.id}-${c.partnerId ?? ''}-${c.workPackageId ?? ''}`}>
                <span class={c.severity === 'error' ? 'badge badge-err' : 'badge'}>
                  {t(c.severity === 'error' ? 'funding.error' : 'funding.warning')}
                </span>{' '}
                {message(c)}
                {c.source && <span class="muted small"> ({t('funding.source', { source: c.source })})</span>}
              </li>
            ))}
          </ul>
        </>
      )}
    </>
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

/** A refused write in words; a closed period (409) said in the console's language, then the API's own words. */
function refusal(status: number, error: unknown): string {
  const detail = problemText(error);
  return status === 409 ? `${t('funding.refusedClosed')} ${detail}` : detail;
}

/** A partner's hours: work package, week (this one or the one before), hours; its records of the week. */
function Record({ p, onChange }: { p: View; onChange: () => void }) {
  const partnerId = claims.value?.partnerId ?? '';
  const thisWeek = isoWeekOf(today());
  const lastWeek = isoWeekOf(addDays(today(), -7));
  const packages = p.workPackages.filter((wp) => wp.plan.some((x) => x.partnerId === partnerId));
  const wps = packages.length > 0 ? packages : p.workPackages;
  const categories = p.categories.filter((c) => c.partnerId === partnerId);
  const [wp, setWp] = useState(wps[0]?.id ?? '');
  const [category, setCategory] = useState(categories[0]?.id ?? '');
  const [week, setWeek] = useState(thisWeek);
  const [hours, setHours] = useState('');
  const [note, setNote] = useState<Note>();
  const records = useLoad(
    () =>
      must(api.GET('/funding/projects/{projectId}/time-records', { params: { path: { projectId: p.id } } })),
    [p.id],
  );
  useEffect(() => setNote(undefined), [week]);
  const title = (wpId: string) => p.workPackages.find((x) => x.id === wpId)?.title ?? wpId;

  async function save(e: Event) {
    e.preventDefault();
    setNote(undefined);
    const h = Number(hours.replace(',', '.'));
    const { error, response } = await api.POST('/funding/projects/{projectId}/time-records', {
      params: { path: { projectId: p.id } },
      body: { workPackageId: wp, categoryId: category, when: week, hours: h },
    });
    if (!response.ok) {
      return setNote({ kind: 'error', text: refusal(response.status, error) });
    }
    setNote({ kind: 'ok', text: t('funding.saved', { hours: number(h), week: isoWeek(week) }) });
    setHours('');
    records.reload();
    onChange();
  }

  async function remove(recordId: string) {
    setNote(undefined);
    const { error, response } = await api.DELETE('/funding/projects/{projectId}/time-records/{recordId}', {
      params: { path: { projectId: p.id, recordId } },
    });
    if (!response.ok) return setNote({ kind: 'error', text: refusal(response.status, error) });
    setNote({ kind: 'ok', text: t('funding.deleted') });
    records.reload();
    onChange();
  }

  const mine = (records.data?.items ?? []).filter((r) => r.when === week);
  return (
    <>
      <h2>{t('funding.record')}</h2>
      <form onSubmit={save} class="card">
        {wps.length > 1 ? (
          <fieldset class="choices">
            <legend>{t('funding.workPackage')}</legend>
            {wps.map((x) => (
              <label key={x.id} class="check">
                <input type="radio" name="wp" checked={wp === x.id} onChange={() => setWp(x.id)} />
                {x.title}
              </label>
            ))}
          </fieldset>
        ) : (
          <p>
            {t('funding.workPackage')}: <strong>{title(wp)}</strong>
          </p>
        )}
        {categories.length > 1 && (
          <p>
            <label for="fund-cat">{t('funding.category')}</label>
            <select id="fund-cat" value={category} onChange={(e) => setCategory(e.currentTarget.value)}>
              {categories.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </p>
        )}
        <fieldset class="quick">
          <legend>{t('funding.week')}</legend>
          <button
            type="button"
            class={week === thisWeek ? 'primary' : undefined}
            aria-pressed={week === thisWeek}
            onClick={() => setWeek(thisWeek)}
          >
            {t('funding.thisWeek', { week: isoWeek(thisWeek) })}
          </button>
          <button
            type="button"
            class={week === lastWeek ? 'primary' : undefined}
            aria-pressed={week === lastWeek}
            onClick={() => setWeek(lastWeek)}
          >
            {t('funding.lastWeek', { week: isoWeek(lastWeek) })}
          </button>
        </fieldset>
        <p>
          <label for="fund-hours">{t('funding.hoursIn', { week: isoWeek(week) })}</label>
          <input
            id="fund-hours"
            inputMode="decimal"
            required
            value={hours}
            onInput={(e) => setHours(e.currentTarget.value)}
          />
        </p>
        <button type="submit" class="primary" disabled={!wp || !category}>
          {t('funding.save')}
        </button>
        {categories.length === 0 && <p class="muted">{t('funding.noCategory')}</p>}
      </form>
      {note && <Alert kind={note.kind}>{note.text}</Alert>}
      <h2>{t('funding.mine', { week: isoWeek(week) })}</h2>
      {records.error && <Alert kind="error">{t('app.error', { detail: records.error })}</Alert>}
      {records.data && mine.length === 0 && <p>{t('funding.noRecords')}</p>}
      <ul class="plain">
        {mine.map((r) => (
          <li key={r.id} class="card row-inline">
            <span>
              <strong>{t('funding.hoursN', { hours: number(r.hours) })}</strong> · {title(r.workPackageId)}
              {r.overbooked && <span class="badge"> {t('funding.overbooked')}</span>}
            </span>
            <button
              type="button"
              aria-label={t('funding.deleteLabel', { hours: number(r.hours), wp: title(r.workPackageId) })}
              onClick={() => remove(r.id)}
            >
              {t('funding.delete')}
            </button>
          </li>
        ))}
      </ul>
    </>
  );
}
