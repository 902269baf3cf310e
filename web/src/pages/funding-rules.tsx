import type { components } from '../../../docs/api/openapi';
import { euro } from '../format';
import { t, tk } from '../i18n';
import { FieldError, type FieldErrors, invalidProps } from './funding-form';

type Rules = components['schemas']['FundingProgrammeRules'];
type RateKey = keyof Rules['maxFundingRatePct'];
const RATE_KEYS: RateKey[] = ['research', 'intermediary', 'micro', 'small', 'medium', 'large'];
const num = (s: string) => {
  const n = Number(s.replace(',', '.'));
  return s.trim() === '' ? 0 : Number.isFinite(n) ? n : Number.NaN;
};

/**
 * The programme's rules as copied into a new project: each number editable (the checks read the
 * project's copy), with its source beside it; `onRule` gets the rule's path and its new value.
 */
export function RulesEditor({
  rules,
  errors,
  onRule,
}: {
  rules: Rules;
  errors: FieldErrors;
  onRule: (path: string, value: number) => void;
}) {
  const ruleInput = (path: string, rule: { value: number; source: string }, label: string) => {
    const id = `rule-${path.replace(/\./g, '-')}`;
    return (
      <li key={path}>
        <label for={id}>{label}</label>
        <input
          id={id}
          inputMode="numeric"
          value={String(rule.value)}
          onInput={(e) => onRule(path, num(e.currentTarget.value))}
          {...invalidProps(id, errors, `rules.${path}.value`)}
        />
        <FieldError id={id} errors={errors} path={`rules.${path}.value`} />
        <span class="small muted">{t('funding.source', { source: rule.source })}</span>
      </li>
    );
  };
  return (
    <details class="card">
      <summary>{t('funding.rules', { programme: rules.programme })}</summary>
      <p class="small muted">{t('funding.rulesHint')}</p>
      <ul class="plain fund-rules">
        {ruleInput('consortium.minCompanies', rules.consortium.minCompanies, t('funding.rule.minCompanies'))}
        {ruleInput('consortium.minSmes', rules.consortium.minSmes, t('funding.rule.minSmes'))}
        {RATE_KEYS.map((k) =>
          ruleInput(
            `maxFundingRatePct.${k}`,
            rules.maxFundingRatePct[k],
            t('funding.rule.maxRate', { who: tk(`funding.class.${k}`) }),
          ),
        )}
        {ruleInput('maxThirdPartySharePct', rules.maxThirdPartySharePct, t('funding.rule.thirdParty'))}
        {ruleInput('durationMonths.min', rules.durationMonths.min, t('funding.rule.durationMin'))}
        {ruleInput('durationMonths.max', rules.durationMonths.max, t('funding.rule.durationMax'))}
      </ul>
      <p class="small muted">
        {t('funding.rule.costs', {
          min: euro(rules.eligibleCostsCents.min.value),
          max: euro(rules.eligibleCostsCents.max.value),
          source: rules.eligibleCostsCents.max.source,
        })}
      </p>
    </details>
  );
}
