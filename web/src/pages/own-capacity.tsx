import { useEffect, useState } from 'preact/hooks';
import { api } from '../api';
import { claims } from '../auth';
import { t } from '../i18n';
import { type Resource, ResourceCard } from '../resources';
import { Alert, must, useLoad } from '../ui';

/**
 * A partner's own capacity on a phone: one card per person, room or machine; a tap on the
 * resource opens it, a second tap enters the absence (holiday this or next week, sick this week).
 */
export default function OwnCapacity() {
  const partnerId = claims.value?.partnerId ?? '';
  const partner = useLoad(
    () => must(api.GET('/partners/{partnerId}', { params: { path: { partnerId } } })),
    [partnerId],
  );
  const network = useLoad(() => must(api.GET('/network')), []);
  const [resources, setResources] = useState<Resource[]>([]);
  const [open, setOpen] = useState<string>();
  useEffect(() => {
    if (partner.data) setResources(partner.data.resources);
  }, [partner.data]);

  if (partner.error) return <Alert kind="error">{t('app.error', { detail: partner.error })}</Alert>;
  if (!partner.data) return <p class="muted">{t('app.loading')}</p>;
  const timeZone = network.data?.timezone;
  return (
    <section>
      <h1>{t('ownCapacity.title')}</h1>
      <p>{t('ownCapacity.intro')}</p>
      {resources.length === 0 && <p>{t('ownCapacity.none')}</p>}
      <ul class="plain">
        {resources.map((r) => (
          <li key={r.id}>
            <button
              type="button"
              class="tile"
              aria-expanded={open === r.id}
              aria-controls={`cap-${r.id}`}
              onClick={() => setOpen(open === r.id ? undefined : r.id)}
            >
              <span>{r.name}</span>
              <span class="muted">
                {t('ownCapacity.weekly', { hours: String(r.hoursPerWeek) })}
                {r.exceptions.length > 0 && ` · ${t('ownCapacity.absences', { n: r.exceptions.length })}`}
              </span>
            </button>
            {open === r.id && (
              <div id={`cap-${r.id}`}>
                <ResourceCard
                  partnerId={partnerId}
                  resource={r}
                  quick
                  timeZone={timeZone}
                  onChange={(next) => setResources(resources.map((x) => (x.id === next.id ? next : x)))}
                />
              </div>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
