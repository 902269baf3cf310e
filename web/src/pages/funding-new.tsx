import { useEffect, useMemo, useState } from 'preact/hooks';
import type { components } from '../../../docs/api/openapi';
import { api } from '../api';
import { DateField } from '../date-field';
import { euro, number } from '../format';
import { t, tk } from '../i18n';
import { navigate } from '../router';
import { Alert, must, useLoad } from '../ui';
import { Checks, FieldError, type FieldErrors, fieldErrorsOf, invalidProps, parseEuro } from './funding-form';
import { RulesEditor } from './funding-rules';

type Rules = components['schemas']['FundingProgrammeRules'];
type CheckView = components['schemas']['FundingProjectCheckView'];
type RateKey = keyof Rules['maxFundingRatePct'];
type NetworkPartner = { id: string; name: string; kind?: string; sizeClass?: string; active: boolean };

interface Member {
  partnerId: string;
  role: 'lead' | 'partner';
  rate: string;
}
interface PlanLine {
  hours: string;
  personnel: string;
  material: string;
  thirdParty: string;
  travel: string;
}
interface Wp {
  title: string;
  /** By partner id. */
  plan: Record<string, PlanLine>;
}
interface Category {
  partnerId: string;
  name: string;
  rate: string;
}

const COSTS = ['personnel', 'material', 'thirdParty', 'travel'] as const;
const emptyLine = (): PlanLine => ({ hours: '', personnel: '', material: '', thirdParty: '', travel: '' });
const rateKey = (p: NetworkPartner): RateKey =>
  p.kind === 'research' || p.kind === 'intermediary'
    ? p.kind
    : ((p.sizeClass as RateKey | undefined) ?? 'large');
const num = (s: string) => {
  const n = Number(s.replace(',', '.'));
  return s.trim() === '' ? 0 : Number.isFinite(n) ? n : Number.NaN;
};

/**
 * The coordinator's form for a new funded project: title, programme preset (its rules copied,
 * each number editable with its source shown), start and end, the consortium (role, kind and
 * size, funding rate prefilled with the highest the rules allow), work packages with planned
 * hours and costs per partner, person categories with hourly rates. The checks run live (the
 * API's checks endpoint) as it is filled in; the API's field errors show at their field.
 */
export function NewProject() {
  const loaded = useLoad(
    () => Promise.all([must(api.GET('/funding/programmes')), must(api.GET('/partners'))]),
    [],
  );
  if (loaded.error) return <Alert kind="error">{t('app.error', { detail: loaded.error })}</Alert>;
  if (!loaded.data) return <p class="muted">{t('app.loading')}</p>;
  const [programmes, partners] = loaded.data;
  return (
    <Form presets={programmes.items} network={(partners.items as NetworkPartner[]).filter((x) => x.active)} />
  );
}

function Form({ presets, network }: { presets: { id: string; rules: Rules }[]; network: NetworkPartner[] }) {
  const [title, setTitle] = useState('');
  const [preset, setPreset] = useState(presets[0]?.id ?? '');
  const [rules, setRules] = useState<Rules | undefined>(() => structuredClone(presets[0]?.rules));
  const [start, setStart] = useState('');
  const [end, setEnd] = useState('');
  const [members, setMembers] = useState<Member[]>([]);
  const [wps, setWps] = useState<Wp[]>([{ title: '', plan: {} }]);
  const [categories, setCategories] = useState<Category[]>([]);
  const [live, setLive] = useState<CheckView>();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [saveError, setSaveError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const byId = useMemo(() => new Map(network.map((x) => [x.id, x])), [network]);
  const maxRate = (partnerId: string) => {
    const x = byId.get(partnerId);
    return x && rules ? rules.maxFundingRatePct[rateKey(x)].value : 0;
  };

  function toggle(partnerId: string, on: boolean) {
    if (on) {
      setMembers((m) => [
        ...m,
        { partnerId, role: m.length === 0 ? 'lead' : 'partner', rate: String(maxRate(partnerId)) },
      ]);
      setCategories((c) => [...c, { partnerId, name: t('funding.defaultCategory'), rate: '' }]);
    } else {
      setMembers((m) => m.filter((x) => x.partnerId !== partnerId));
      setCategories((c) => c.filter((x) => x.partnerId !== partnerId));
    }
  }
  const setMember = (i: number, patch: Partial<Member>) =>
    setMembers((m) =>
      m.map((x, j) => (j === i ? { ...x, ...patch } : patch.role === 'lead' ? { ...x, role: 'partner' } : x)),
    );
  const setLine = (w: number, partnerId: string, patch: Partial<PlanLine>) =>
    setWps((all) =>
      all.map((x, j) =>
        j === w
          ? { ...x, plan: { ...x.plan, [partnerId]: { ...(x.plan[partnerId] ?? emptyLine()), ...patch } } }
          : x,
      ),
    );
  const setRule = (path: string, value: number) =>
    setRules((r) => {
      if (!r) return r;
      const next = structuredClone(r) as unknown as Record<string, unknown>;
      const keys = path.split('.');
      let at = next;
      for (const k of keys) at = at[k] as Record<string, unknown>;
      at.value = value;
      return next as unknown as Rules;
    });

  // the body the API gets: partners in the order chosen, every work package planning every partner
  const body = useMemo(() => {
    const cents = (s: string) => parseEuro(s) ?? -1;
    return {
      ...(title.trim() ? { title: title.trim() } : {}),
      ...(rules ? { rules } : {}),
      start,
      end,
      partners: members.map((m) => ({ partnerId: m.partnerId, role: m.role, fundingRatePct: num(m.rate) })),
      workPackages: wps.map((w, i) => ({
        id: `ap${i + 1}`,
        title: w.title.trim() || t('funding.wpN', { n: i + 1 }),
        plan: members.map((m) => {
          const l = w.plan[m.partnerId] ?? emptyLine();
          return {
            partnerId: m.partnerId,
            hours: num(l.hours),
            personnelCents: cents(l.personnel),
            materialCents: cents(l.material),
            thirdPartyCents: cents(l.thirdParty),
            travelCents: cents(l.travel),
          };
        }),
      })),
      categories: categories.map((c, i) => ({
        id: `k${i + 1}`,
        partnerId: c.partnerId,
        name: c.name,
        hourlyRateCents: parseEuro(c.rate) ?? -1,
      })),
    };
  }, [title, rules, start, end, members, wps, categories]);

  // live checks: a moment after the last change
  useEffect(() => {
    if (!start || !end) return;
    const timer = setTimeout(async () => {
      // a category whose rate is not entered yet is left out (the create names it at its field)
      const draft = { ...body, categories: body.categories.filter((_, i) => categories[i]?.rate.trim()) };
      const { data, error, response } = await api.POST('/funding/checks', { body: draft as never });
      if (response.ok && data) {
        setLive(data);
        setErrors(Object.fromEntries(data.errors.map((e) => [e.path, e.message])));
      } else setErrors(fieldErrorsOf(error));
    }, 400);
    return () => clearTimeout(timer);
  }, [body]);

  async function save(e: Event) {
    e.preventDefault();
    setSaveError(undefined);
    setBusy(true);
    const { data, error, response } = await api.POST('/funding/projects', {
      body: { ...body, title: title.trim() } as never,
    });
    setBusy(false);
    if (!response.ok || !data) {
      setErrors(fieldErrorsOf(error));
      return setSaveError(
        t('funding.createRefused', {
          detail: (error as { detail?: string })?.detail ?? `HTTP ${response.status}`,
        }),
      );
    }
    navigate(`/verbund/foerderprojekte/${encodeURIComponent(data.id)}`);
  }

  return (
    <section>
      <p class="small">
        <a href="/verbund/foerderprojekte">{t('funding.back')}</a>
      </p>
      <h1>{t('funding.new')}</h1>
      <form onSubmit={save} noValidate>
        <div class="card">
          <label for="np-title">{t('funding.projectTitle')}</label>
          <input
            id="np-title"
            value={title}
            onInput={(e) => setTitle(e.currentTarget.value)}
            {...invalidProps('np-title', errors, 'title')}
          />
          <FieldError id="np-title" errors={errors} path="title" />
          <label for="np-preset">{t('funding.programme')}</label>
          <select
            id="np-preset"
            value={preset}
            onChange={(e) => {
              const id = e.currentTarget.value;
              setPreset(id);
              setRules(structuredClone(presets.find((x) => x.id === id)?.rules));
            }}
          >
            {presets.map((x) => (
              <option key={x.id} value={x.id}>
                {x.rules.programme}
              </option>
            ))}
          </select>
          <div class="fund-grid">
            <div>
              <DateField id="np-start" label={t('funding.start')} value={start} onInput={setStart} required />
              <FieldError id="np-start" errors={errors} path="start" />
            </div>
            <div>
              <DateField id="np-end" label={t('funding.end')} value={end} onInput={setEnd} required />
              <FieldError id="np-end" errors={errors} path="end" />
            </div>
          </div>
        </div>

        {rules && <RulesEditor key={preset} rules={rules} errors={errors} onRule={setRule} />}

        <h2 id="np-consortium">{t('funding.consortium')}</h2>
        <FieldError id="np-partners" errors={errors} path="partners" />
        <ul class="plain" aria-labelledby="np-consortium">
          {network.map((x) => {
            const i = members.findIndex((m) => m.partnerId === x.id);
            const m = members[i];
            const facts = live?.partners.find((f) => f.partnerId === x.id);
            return (
              <li key={x.id} class="card">
                <label class="check">
                  <input
                    type="checkbox"
                    checked={i >= 0}
                    onChange={(e) => toggle(x.id, e.currentTarget.checked)}
                  />
                  <strong>{x.name}</strong>
                  <span class="muted small">
                    {tk(`funding.class.${rateKey(x)}`)}
                    {!x.kind && !x.sizeClass ? ` (${t('funding.sizeUnknown')})` : ''}
                  </span>
                </label>
                {m && (
                  <div class="fund-grid fund-member">
                    <fieldset class="plain">
                      <legend>{t('funding.role')}</legend>
                      <label class="check">
                        <input
                          type="radio"
                          name={`role-${x.id}`}
                          checked={m.role === 'lead'}
                          onChange={() => setMember(i, { role: 'lead' })}
                        />
                        {t('funding.roleLead')}
                      </label>
                      <label class="check">
                        <input
                          type="radio"
                          name={`role-${x.id}`}
                          checked={m.role === 'partner'}
                          onChange={() => setMember(i, { role: 'partner' })}
                        />
                        {t('funding.rolePartner')}
                      </label>
                    </fieldset>
                    <div>
                      <label for={`rate-${x.id}`}>{t('funding.rate', { name: x.name })}</label>
                      <input
                        id={`rate-${x.id}`}
                        inputMode="numeric"
                        value={m.rate}
                        onInput={(e) => setMember(i, { rate: e.currentTarget.value })}
                        {...invalidProps(`rate-${x.id}`, errors, `partners.${i}.fundingRatePct`)}
                      />
                      <FieldError id={`rate-${x.id}`} errors={errors} path={`partners.${i}.fundingRatePct`} />
                      <span class="small muted">
                        {t('funding.rateMax', { max: maxRate(x.id) })}
                        {facts && facts.fundingRatePct !== num(m.rate)
                          ? ` ${t('funding.rateCapped', { rate: facts.fundingRatePct })}`
                          : ''}
                      </span>
                    </div>
                  </div>
                )}
                <FieldError id={`np-partner-${x.id}`} errors={errors} path={`partners.${i}.partnerId`} />
              </li>
            );
          })}
        </ul>

        <h2>{t('funding.workPackages')}</h2>
        {wps.map((w, wi) => (
          <fieldset key={`wp-${wi}`} class="card fund-wp">
            <legend>{t('funding.wpN', { n: wi + 1 })}</legend>
            <label for={`wp-title-${wi}`}>{t('funding.wpTitle')}</label>
            <input
              id={`wp-title-${wi}`}
              value={w.title}
              onInput={(e) =>
                setWps((all) => all.map((x, j) => (j === wi ? { ...x, title: e.currentTarget.value } : x)))
              }
              {...invalidProps(`wp-title-${wi}`, errors, `workPackages.${wi}.title`)}
            />
            <FieldError id={`wp-title-${wi}`} errors={errors} path={`workPackages.${wi}.title`} />
            {members.length === 0 && <p class="muted small">{t('funding.choosePartners')}</p>}
            {members.map((m, mi) => {
              const name = byId.get(m.partnerId)?.name ?? m.partnerId;
              const l = w.plan[m.partnerId] ?? emptyLine();
              const at = `workPackages.${wi}.plan.${mi}`;
              const field = (key: keyof PlanLine, path: string, label: string, placeholder: string) => {
                const id = `wp-${wi}-${m.partnerId}-${key}`;
                return (
                  <div>
                    <label for={id} class="small">
                      {label}
                    </label>
                    <input
                      id={id}
                      inputMode="decimal"
                      placeholder={placeholder}
                      value={l[key]}
                      onInput={(e) => setLine(wi, m.partnerId, { [key]: e.currentTarget.value })}
                      aria-label={`${label}, ${name}, ${t('funding.wpN', { n: wi + 1 })}`}
                      {...invalidProps(id, errors, `${at}.${path}`)}
                    />
                    <FieldError id={id} errors={errors} path={`${at}.${path}`} />
                  </div>
                );
              };
              return (
                <div key={m.partnerId} class="fund-plan">
                  <p class="fund-plan-name">{name}</p>
                  <div class="fund-grid">
                    {field('hours', 'hours', t('funding.planHours'), '0')}
                    {COSTS.map((k) => field(k, `${k}Cents`, tk(`funding.plan.${k}`), '0,00'))}
                  </div>
                </div>
              );
            })}
            {wps.length > 1 && (
              <button type="button" onClick={() => setWps((all) => all.filter((_, j) => j !== wi))}>
                {t('funding.wpRemove', { n: wi + 1 })}
              </button>
            )}
          </fieldset>
        ))}
        <p>
          <button type="button" onClick={() => setWps((all) => [...all, { title: '', plan: {} }])}>
            {t('funding.wpAdd')}
          </button>
        </p>

        <h2>{t('funding.categories')}</h2>
        {categories.length === 0 && <p class="muted small">{t('funding.choosePartners')}</p>}
        <ul class="plain">
          {categories.map((c, ci) => {
            const name = byId.get(c.partnerId)?.name ?? c.partnerId;
            const set = (patch: Partial<Category>) =>
              setCategories((all) => all.map((x, j) => (j === ci ? { ...x, ...patch } : x)));
            return (
              <li key={`cat-${ci}`} class="card fund-grid">
                <div>
                  <label for={`cat-name-${ci}`}>{t('funding.categoryOf', { name })}</label>
                  <input
                    id={`cat-name-${ci}`}
                    value={c.name}
                    onInput={(e) => set({ name: e.currentTarget.value })}
                    {...invalidProps(`cat-name-${ci}`, errors, `categories.${ci}.name`)}
                  />
                  <FieldError id={`cat-name-${ci}`} errors={errors} path={`categories.${ci}.name`} />
                </div>
                <div>
                  <label for={`cat-rate-${ci}`}>{t('funding.hourlyRate')}</label>
                  <input
                    id={`cat-rate-${ci}`}
                    inputMode="decimal"
                    placeholder="85,00"
                    value={c.rate}
                    onInput={(e) => set({ rate: e.currentTarget.value })}
                    {...invalidProps(`cat-rate-${ci}`, errors, `categories.${ci}.hourlyRateCents`)}
                  />
                  <FieldError
                    id={`cat-rate-${ci}`}
                    errors={errors}
                    path={`categories.${ci}.hourlyRateCents`}
                  />
                </div>
                <p class="actions">
                  <button
                    type="button"
                    onClick={() =>
                      setCategories((all) => [
                        ...all.slice(0, ci + 1),
                        { partnerId: c.partnerId, name: '', rate: '' },
                        ...all.slice(ci + 1),
                      ])
                    }
                  >
                    {t('funding.categoryAdd', { name })}
                  </button>
                  <button
                    type="button"
                    onClick={() => setCategories((all) => all.filter((_, j) => j !== ci))}
                  >
                    {t('funding.categoryRemove', { name: c.name || name })}
                  </button>
                </p>
              </li>
            );
          })}
        </ul>

        {live ? (
          <div class="card">
            <Checks checks={live.checks} live />
            <p>
              {t('funding.planTotals', {
                hours: number(live.totals.planned.hours),
                costs: euro(live.totals.planned.totalCents),
                funding: euro(live.totals.fundingCents),
              })}
            </p>
          </div>
        ) : (
          <p class="muted">{t('funding.checksPending')}</p>
        )}
        {saveError && <Alert kind="error">{saveError}</Alert>}
        <p>
          <button type="submit" class="primary" disabled={busy}>
            {t('funding.create')}
          </button>
        </p>
      </form>
    </section>
  );
}
