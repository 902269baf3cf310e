import { useState } from 'preact/hooks';
import type { components } from '../../../docs/api/openapi';
import { t, tk } from '../i18n';
import { euroInput, FieldError, type FieldErrors, invalidProps, parseEuro } from './funding-form';

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
        <EuroRule
          id="rule-costs-min"
          label={t('funding.rule.costsMin')}
          rule={rules.eligibleCostsCents.min}
          errors={errors}
          path="eligibleCostsCents.min"
          onRule={onRule}
        />
        <EuroRule
          id="rule-costs-max"
          label={t('funding.rule.costsMax')}
          rule={rules.eligibleCostsCents.max}
          errors={errors}
          path="eligibleCostsCents.max"
          onRule={onRule}
        />
      </ul>
    </details>
  );
}

/** A rule in euros (`100.000,00`), kept as typed while it is being typed, sent as cents. */
function EuroRule({
  id,
  label,
  rule,
  errors,
  path,
  onRule,
}: {
  id: string;
  label: string;
  rule: { value: number; source: string };
  errors: FieldErrors;
  path: string;
  onRule: (path: string, value: number) => void;
}) {
  const [text, setText] = useState(euroInput(rule.value));
  const local = parseEuro(text) === undefined ? { [`rules.${path}.value`]: t('funding.amountInvalid') } : {};
  const shown = { ...errors, ...local };
  return (
    <li>
      <label for={id}>{label}</label>
      <input
        id={id}
        inputMode="decimal"
        value={text}
        onInput={(e) => {
          setText(e.currentTarget.value);
          const cents = parseEuro(e.currentTarget.value);
          if (cents !== undefined) onRule(path, cents);
        }}
        {...invalidProps(id, shown, `rules.${path}.value`)}
      />
      <FieldError id={id} errors={shown} path={`rules.${path}.value`} />
      <span class="small muted">{t('funding.source', { source: rule.source })}</span>
    </li>
  );
}
