import { useState } from 'preact/hooks';
import { api } from '../api';
import { token } from '../auth';
import { isoWeek, number } from '../format';
import { t, tk } from '../i18n';
import { Alert, must, useLoad } from '../ui';

const BAND_CLASS: Record<string, string> = {
  under: 'b-under',
  good: 'b-good',
  busy: 'b-busy',
  over: 'b-over',
  none: 'b-none',
};

/**
 * Capacity: partners × ISO weeks, booked of available hours and the utilisation band, the same
 * numbers as the utilisation report (it is the report, on screen), with its CSV download.
 */
export default function Capacity() {
  const report = useLoad(() => must(api.GET('/reports/utilisation')), []);
  const [error, setError] = useState<string>();

  async function download() {
    setError(undefined);
    const res = await fetch('/api/reports/utilisation?format=csv', {
      headers: { authorization: `Bearer ${token.value ?? ''}` },
    });
    if (!res.ok) return setError(`HTTP ${res.status}`);
    const url = URL.createObjectURL(await res.blob());
    const a = document.createElement('a');
    a.href = url;
    a.download =
      /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? 'auslastung.csv';
    a.click();
    URL.revokeObjectURL(url);
  }

  if (report.error) return <Alert kind="error">{t('app.error', { detail: report.error })}</Alert>;
  const r = report.data;
  if (!r || typeof r === 'string') return <p class="muted">{t('app.loading')}</p>;
  const weeks = r.period.weeks;
  return (
    <section>
      <h1>{t('capacity.title')}</h1>
      <p>
        {t('capacity.intro', { from: isoWeek(weeks[0] ?? ''), to: isoWeek(weeks.at(-1) ?? '') })}{' '}
        <button type="button" onClick={download}>
          {t('capacity.csv')}
        </button>
      </p>
      {error && <Alert kind="error">{error}</Alert>}
      <p class="legend">
        {r.bands.map((b) => (
          <span key={b.band} class={`cell ${BAND_CLASS[b.band] ?? ''}`}>
            {tk(`band.${b.band}`)}
          </span>
        ))}
      </p>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a keyboard user must be able to scroll the wide grid (axe: scrollable-region-focusable) */}
      <section class="scroll" tabIndex={0} aria-label={t('capacity.caption')}>
        <table class="grid">
          <caption class="muted">{t('capacity.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('capacity.partner')}</th>
              {weeks.map((w) => (
                <th scope="col" key={w} aria-current={w === r.period.currentWeek ? 'date' : undefined}>
                  {isoWeek(w)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {r.partners.map((p) => (
              <tr key={p.partnerId}>
                <th scope="row">{p.name}</th>
                {p.weeks.map((c) => (
                  <td key={c.week} class={`cell ${BAND_CLASS[c.band] ?? ''}`}>
                    {number(c.booked)}/{number(c.available)}
                    <span class="pct">
                      {c.utilisationPct === null ? '–' : `${number(c.utilisationPct)} %`}
                    </span>
                  </td>
                ))}
              </tr>
            ))}
            <tr>
              <th scope="row">{t('capacity.total')}</th>
              {r.totals.weeks.map((c) => (
                <td key={c.week} class={`cell ${BAND_CLASS[c.band] ?? ''}`}>
                  {number(c.booked)}/{number(c.available)}
                  <span class="pct">{c.utilisationPct === null ? '–' : `${number(c.utilisationPct)} %`}</span>
                </td>
              ))}
            </tr>
          </tbody>
        </table>
      </section>
    </section>
  );
}
