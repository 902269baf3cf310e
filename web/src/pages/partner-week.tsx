import { useState } from 'preact/hooks';
import { api } from '../api';
import { date, isoWeek, number } from '../format';
import { lang, t } from '../i18n';
import { Alert, must, useLoad } from '../ui';
import { PartAnswerCard, PartBadge, shownState } from './job-parts';

/** The partner's jobs, phone first: "Meine Woche" (this and the coming weeks) and "Meine Aufträge" (all). */
export default function PartnerWeek({ view }: { view: 'week' | 'jobs' }) {
  const jobs = useLoad(fetchJobs, []);
  const network = useLoad(() => must(api.GET('/network')), []);
  const [notice, setNotice] = useState<{ kind: 'ok' | 'error'; text: string }>();
  // answered here (or refused: answered elsewhere): the card stays, showing the state it has now
  const [answered, setAnswered] = useState<string[]>([]);
  if (jobs.error) return <Alert kind="error">{t('app.error', { detail: jobs.error })}</Alert>;
  if (!jobs.data) return <p class="muted">{t('app.loading')}</p>;
  const items = jobs.data.items;
  // tentative parts wait for the firm's answer; declined or expired ones hold no hours any more
  const open = items.filter((j) => j.part && shownState(j.part) === 'requested');
  const offers = items.filter(
    (j) => j.part && (shownState(j.part) === 'requested' || answered.includes(j.jobId)),
  );
  const holding = items.filter((j) => !j.part || ['requested', 'confirmed'].includes(shownState(j.part)));
  // "Meine Woche": by ISO week, the hours booked for this firm in it
  const weeks = [...new Set(holding.flatMap((j) => j.weeks.map((w) => w.week)))].sort();
  return (
    <section>
      <h1>{view === 'week' ? t('partner.week') : t('partner.jobs')}</h1>
      {notice && <Alert kind={notice.kind}>{notice.text}</Alert>}
      {offers.length > 0 && (
        <div class="offers">
          <h2>{open.length > 0 ? t('offer.toAnswer', { n: open.length }) : t('offer.yourAnswers')}</h2>
          <ul class="jobs">
            {offers.map((j) => (
              <PartAnswerCard
                key={j.jobId}
                inquiryId={j.inquiryId}
                title={`${j.reference}: ${j.subject}`}
                hours={j.hours}
                part={j.part!}
                timeZone={network.data?.timezone}
                onAnswered={(outcome) => {
                  setNotice({ kind: outcome.kind, text: outcome.text });
                  setAnswered((ids) => [...ids, j.jobId]);
                  if (outcome.settled) jobs.reload();
                }}
              />
            ))}
          </ul>
        </div>
      )}
      {items.length === 0 && <p>{t('partner.noJobs')}</p>}
      {view === 'week' ? (
        weeks.map((week) => (
          <div key={week}>
            <h2>{t('partner.weekOf', { week: isoWeek(week) })}</h2>
            <ul class="jobs">
              {holding
                .filter((j) => j.weeks.some((w) => w.week === week))
                .map((j) => (
                  <JobCard key={j.jobId} job={j} hours={j.weeks.find((w) => w.week === week)!.hours} />
                ))}
            </ul>
          </div>
        ))
      ) : (
        <ul class="jobs">
          {items.map((j) => (
            <JobCard key={j.jobId} job={j} hours={j.hours} />
          ))}
        </ul>
      )}
    </section>
  );
}

const fetchJobs = () => must(api.GET('/jobs'));
type Job = Awaited<ReturnType<typeof fetchJobs>>['items'][number];

function JobCard({ job, hours }: { job: Job; hours: number }) {
  return (
    <li class="card">
      <h3>
        {job.reference}: {job.subject} {job.part && <PartBadge part={job.part} />}
      </h3>
      <p>
        <strong>{t('partner.hours', { hours: number(hours) })}</strong> · {date(job.timeframe.from)} –{' '}
        {date(job.timeframe.to)}
      </p>
      <p>
        {t('inquiry.customer')}: {job.customer.name}
        {job.customer.postcode ? ` (${job.customer.postcode})` : ''}
      </p>
      <p>
        {job.tasks
          .map((x) => `${lang.value === 'de' ? x.label.de : x.label.en} ${number(x.hours)} h`)
          .join(', ')}
      </p>
      <p>
        {t('partner.team')}:{' '}
        {job.team.map((m) => (m.lead ? `${m.name} (${t('inquiry.lead')})` : m.name)).join(', ')}
      </p>
    </li>
  );
}
