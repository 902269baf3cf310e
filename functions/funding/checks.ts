/**
 * The live checks of a funded project, pure: each reads only the project's own rules (a copy
 * of the programme's, programmes.ts) and explains itself in German and English. They run on
 * every project read and in every report.
 */
import type { PartnerKind, SizeClass } from '#functions/networks/index';
import { durationMonths } from './periods';
import type { Amounts, Check, ProgrammeRules, ProjectPartner } from './schema';
import { cellKey, fundingCents, type Grid, sumWhere, ZERO } from './totals';

/** Micro, small and medium firms are SMEs (EU definition; networks/firm-size.ts classifies). */
const isSme = (c: SizeClass | undefined) => c === 'micro' || c === 'small' || c === 'medium';

/** What the checks need to know of a network partner. */
export interface PartnerFacts {
  partnerId: string;
  name: string;
  kind: PartnerKind;
  sizeClass?: SizeClass;
  affiliationGroup?: string;
}

/** `1234567` → `12.345,67 €` (German) and `12,345.67 €` (English). */
export function money(cents: number, lang: 'de' | 'en'): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const euros = Math.floor(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, lang === 'de' ? '.' : ',');
  return `${sign}${euros}${lang === 'de' ? ',' : '.'}${String(abs % 100).padStart(2, '0')} €`;
}

const pct = (n: number, lang: 'de' | 'en') =>
  `${(Math.round(n * 10) / 10).toString().replace('.', lang === 'de' ? ',' : '.')} %`;

const KIND_DE: Record<string, string> = {
  research: 'Forschungseinrichtung',
  intermediary: 'Intermediär',
  micro: 'Kleinstunternehmen',
  small: 'kleines Unternehmen',
  medium: 'mittleres Unternehmen',
  large: 'großes Unternehmen',
};
const KIND_EN: Record<string, string> = {
  research: 'research institution',
  intermediary: 'intermediary',
  micro: 'micro firm',
  small: 'small firm',
  medium: 'medium-sized firm',
  large: 'large firm',
};

/** The key of the rate ceiling that applies: the kind, or a firm's size class (large when unknown). */
export function rateClass(p: PartnerFacts): keyof ProgrammeRules['maxFundingRatePct'] {
  if (p.kind === 'research' || p.kind === 'intermediary') return p.kind;
  return p.sizeClass ?? 'large';
}

/**
 * The consortium as the programme counts it: firms only; affiliated firms (one affiliation
 * group) count as ONE company, which is an SME only when every firm of the group is one (the
 * EU definition adds up affiliated firms' figures, so a group with a large member is large).
 */
export function consortiumCounts(partners: readonly PartnerFacts[]): { companies: number; smes: number } {
  const units = new Map<string, boolean>();
  for (const p of partners) {
    if (p.kind !== 'firm') continue;
    const unit = p.affiliationGroup ? `group:${p.affiliationGroup}` : `partner:${p.partnerId}`;
    units.set(unit, (units.get(unit) ?? true) && isSme(p.sizeClass));
  }
  return { companies: units.size, smes: [...units.values()].filter(Boolean).length };
}

/** Funding rate that applies to a partner: the asked rate, capped at the rules' maximum. */
export function appliedRate(asked: number, facts: PartnerFacts, rules: ProgrammeRules): number {
  return Math.min(asked, rules.maxFundingRatePct[rateClass(facts)].value);
}

export interface CheckInput {
  rules: ProgrammeRules;
  start: string;
  end: string;
  partners: readonly ProjectPartner[];
  facts: ReadonlyMap<string, PartnerFacts>;
  plan: Grid;
  actual: Grid;
}

const check = (c: Omit<Check, 'severity'> & { severity?: Check['severity'] }): Check => ({
  severity: 'error',
  ...c,
});

function thirdPartyCheck(
  id: string,
  a: Amounts,
  rules: ProgrammeRules,
  what: { de: string; en: string },
): Check {
  const max = rules.maxThirdPartySharePct.value;
  const share = a.totalCents === 0 ? 0 : (a.thirdPartyCents * 100) / a.totalCents;
  // integer comparison: thirdParty / total ≤ max / 100
  const ok = a.thirdPartyCents * 100 <= max * a.totalCents;
  const tp = (l: 'de' | 'en') => money(a.thirdPartyCents, l);
  const tot = (l: 'de' | 'en') => money(a.totalCents, l);
  return check({
    id,
    ok,
    source: rules.maxThirdPartySharePct.source,
    message_de: ok
      ? `Drittkosten (${what.de}) ${tp('de')} von ${tot('de')} = ${pct(share, 'de')}, zulässig sind höchstens ${max} %.`
      : `Drittkosten (${what.de}) ${tp('de')} von ${tot('de')} = ${pct(share, 'de')}: mehr als die zulässigen ${max} %; mindestens ${100 - max} % müssen Eigenleistung der Partner sein.`,
    message_en: ok
      ? `Third-party costs (${what.en}) ${tp('en')} of ${tot('en')} = ${pct(share, 'en')}, at most ${max} % allowed.`
      : `Third-party costs (${what.en}) ${tp('en')} of ${tot('en')} = ${pct(share, 'en')}: more than the allowed ${max} %; at least ${100 - max} % must be the partners' own work.`,
  });
}

/** All checks of a project, in a fixed order: consortium, costs, duration, funding, plan vs actual. */
export function runChecks(input: CheckInput): Check[] {
  const { rules, partners, facts } = input;
  const members = partners
    .map((p) => facts.get(p.partnerId))
    .filter((f): f is PartnerFacts => f !== undefined);
  const { companies, smes } = consortiumCounts(members);
  const minC = rules.consortium.minCompanies;
  const minS = rules.consortium.minSmes;
  const checks: Check[] = [
    check({
      id: 'consortium.companies',
      ok: companies >= minC.value,
      source: minC.source,
      message_de:
        companies >= minC.value
          ? `${companies} Unternehmen im Konsortium (verbundene Unternehmen zählen einmal), mindestens ${minC.value} verlangt.`
          : `Nur ${companies} Unternehmen im Konsortium (verbundene Unternehmen zählen einmal), mindestens ${minC.value} verlangt: es fehlen ${minC.value - companies}.`,
      message_en:
        companies >= minC.value
          ? `${companies} companies in the consortium (affiliated firms count once), at least ${minC.value} required.`
          : `Only ${companies} companies in the consortium (affiliated firms count once), at least ${minC.value} required: ${minC.value - companies} missing.`,
    }),
    check({
      id: 'consortium.smes',
      ok: smes >= minS.value,
      source: minS.source,
      message_de:
        smes >= minS.value
          ? `${smes} KMU im Konsortium, mindestens ${minS.value} verlangt.`
          : `Nur ${smes} KMU im Konsortium (verbundene Unternehmen zählen einmal und nur als KMU, wenn alle KMU sind), mindestens ${minS.value} verlangt: es fehlen ${minS.value - smes}.`,
      message_en:
        smes >= minS.value
          ? `${smes} SMEs in the consortium, at least ${minS.value} required.`
          : `Only ${smes} SMEs in the consortium (affiliated firms count once, and as an SME only if all are SMEs), at least ${minS.value} required: ${minS.value - smes} missing.`,
    }),
  ];
  for (const p of members) {
    if (p.kind === 'firm' && !p.sizeClass) {
      checks.push(
        check({
          id: 'partner.size',
          ok: false,
          severity: 'warning',
          partnerId: p.partnerId,
          message_de: `${p.name}: Unternehmensgröße unbekannt (Beschäftigte, Umsatz, Bilanzsumme fehlen); zählt nicht als KMU und wird wie ein großes Unternehmen gefördert.`,
          message_en: `${p.name}: firm size unknown (staff, turnover, balance sheet missing); counts as no SME and is funded like a large firm.`,
        }),
      );
    }
  }

  const planned = sumWhere(input.plan, () => true);
  const actual = sumWhere(input.actual, () => true);
  checks.push(thirdPartyCheck('costs.thirdParty.plan', planned, rules, { de: 'Plan', en: 'plan' }));
  checks.push(thirdPartyCheck('costs.thirdParty.actual', actual, rules, { de: 'Ist', en: 'actual' }));

  const { min, max } = rules.eligibleCostsCents;
  const inRange = planned.totalCents >= min.value && planned.totalCents <= max.value;
  const range = (l: 'de' | 'en') => `${money(min.value, l)} – ${money(max.value, l)}`;
  checks.push(
    check({
      id: 'costs.range',
      ok: inRange,
      source: `${min.source}; ${max.source}`,
      message_de: inRange
        ? `Geplante förderbare Kosten ${money(planned.totalCents, 'de')} liegen im Rahmen ${range('de')}.`
        : `Geplante förderbare Kosten ${money(planned.totalCents, 'de')} liegen ${planned.totalCents < min.value ? 'unter' : 'über'} dem Rahmen ${range('de')}.`,
      message_en: inRange
        ? `Planned eligible costs ${money(planned.totalCents, 'en')} are within ${range('en')}.`
        : `Planned eligible costs ${money(planned.totalCents, 'en')} are ${planned.totalCents < min.value ? 'below' : 'above'} the range ${range('en')}.`,
    }),
  );

  const months = durationMonths(input.start, input.end);
  const dMin = rules.durationMonths.min;
  const dMax = rules.durationMonths.max;
  const dOk = months >= dMin.value && months <= dMax.value;
  checks.push(
    check({
      id: 'duration',
      ok: dOk,
      source: `${dMin.source}; ${dMax.source}`,
      message_de: `Laufzeit ${input.start} bis ${input.end}: ${pct(months, 'de').replace(' %', '')} Monate; ${dOk ? 'zulässig sind' : 'verlangt sind'} ${dMin.value}–${dMax.value} Monate.`,
      message_en: `Duration ${input.start} to ${input.end}: ${pct(months, 'en').replace(' %', '')} months; ${dOk ? 'allowed are' : 'required are'} ${dMin.value}–${dMax.value} months.`,
    }),
  );

  for (const p of partners) {
    const f = facts.get(p.partnerId);
    if (!f) continue;
    const cls = rateClass(f);
    const cap = rules.maxFundingRatePct[cls];
    const ok = p.fundingRatePct <= cap.value;
    const eligible = sumWhere(input.actual, (pid) => pid === p.partnerId).totalCents;
    const funding = fundingCents(eligible, Math.min(p.fundingRatePct, cap.value));
    checks.push(
      check({
        id: 'funding.rate',
        ok,
        partnerId: p.partnerId,
        source: cap.source,
        message_de: ok
          ? `${f.name} (${KIND_DE[cls]}): Förderquote ${p.fundingRatePct} % (höchstens ${cap.value} %), Förderung ${money(funding, 'de')} auf förderbare Kosten ${money(eligible, 'de')}.`
          : `${f.name} (${KIND_DE[cls]}): beantragte Förderquote ${p.fundingRatePct} % übersteigt die höchstens zulässigen ${cap.value} %; gerechnet wird mit ${cap.value} %, Förderung ${money(funding, 'de')} auf förderbare Kosten ${money(eligible, 'de')}.`,
        message_en: ok
          ? `${f.name} (${KIND_EN[cls]}): funding rate ${p.fundingRatePct} % (at most ${cap.value} %), funding ${money(funding, 'en')} on eligible costs ${money(eligible, 'en')}.`
          : `${f.name} (${KIND_EN[cls]}): the requested rate ${p.fundingRatePct} % exceeds the maximum ${cap.value} %; ${cap.value} % is applied, funding ${money(funding, 'en')} on eligible costs ${money(eligible, 'en')}.`,
      }),
    );
  }

  let overruns = 0;
  const keys = new Set([...input.plan.keys(), ...input.actual.keys()]);
  for (const key of [...keys].sort()) {
    const [partnerId, workPackageId] = key.split('|') as [string, string];
    const plan = input.plan.get(key) ?? ZERO;
    const act = input.actual.get(key) ?? ZERO;
    const overHours = act.hours > plan.hours;
    const overCost = act.totalCents > plan.totalCents;
    if (!overHours && !overCost) continue;
    overruns++;
    const name = facts.get(partnerId)?.name ?? partnerId;
    checks.push(
      check({
        id: 'plan.actual',
        ok: false,
        severity: 'warning',
        partnerId,
        workPackageId,
        message_de: `${name}, Arbeitspaket ${workPackageId}: Ist über Plan (${act.hours} h statt ${plan.hours} h geplant, ${money(act.totalCents, 'de')} statt ${money(plan.totalCents, 'de')}).`,
        message_en: `${name}, work package ${workPackageId}: actual above plan (${act.hours} h against ${plan.hours} h planned, ${money(act.totalCents, 'en')} against ${money(plan.totalCents, 'en')}).`,
      }),
    );
  }
  if (overruns === 0) {
    checks.push(
      check({
        id: 'plan.actual',
        ok: true,
        severity: 'warning',
        message_de: 'Kein Partner liegt in einem Arbeitspaket über Plan (Stunden und Kosten).',
        message_en: 'No partner is above plan in any work package (hours and costs).',
      }),
    );
  }
  return checks;
}

export { cellKey };
