/**
 * Programme rules as data. A preset is COPIED into a project when it is created (and is editable
 * there), so a network can enter another programme's rules without code, and the checks
 * (checks.ts) read only the project's copy: a later change of a preset changes no project.
 * Every number carries a `source`: where it comes from, shown in the report and in
 * docs/funding.md.
 */
import type { ProgrammeRules } from './schema';

const COIN_GUIDE =
  'FFG COIN – Cooperation & Innovation, Programmlinie „Netzwerke“: Ausschreibungsleitfaden (as quoted in issue 14)';
const SME_DEFINITION =
  'EU SME definition, Commission Recommendation 2003/361/EC (affiliated firms count as one)';

/** Austria's COIN "Netzwerke" programme line. */
export const COIN_NETZWERKE: ProgrammeRules = {
  programme: 'COIN Netzwerke',
  consortium: {
    minCompanies: { value: 4, source: `${COIN_GUIDE}: at least 4 companies; ${SME_DEFINITION}` },
    minSmes: { value: 3, source: `${COIN_GUIDE}: at least 3 of them SMEs; ${SME_DEFINITION}` },
  },
  maxFundingRatePct: {
    research: { value: 60, source: `${COIN_GUIDE}: up to 60 % for research institutions` },
    intermediary: { value: 60, source: `${COIN_GUIDE}: up to 60 % for intermediaries` },
    micro: { value: 60, source: `${COIN_GUIDE}: up to 60 % for small firms (micro firms are small firms)` },
    small: { value: 60, source: `${COIN_GUIDE}: up to 60 % for small firms` },
    medium: { value: 50, source: `${COIN_GUIDE}: up to 50 % for medium-sized firms` },
    large: { value: 35, source: `${COIN_GUIDE}: up to 35 % for large firms` },
  },
  maxThirdPartySharePct: {
    value: 40,
    source: `${COIN_GUIDE}: at least 60 % of the costs are the partners' own, third-party costs at most 40 %`,
  },
  eligibleCostsCents: {
    min: { value: 10_000_000, source: `${COIN_GUIDE}: eligible costs from 100,000 €` },
    max: { value: 50_000_000, source: `${COIN_GUIDE}: eligible costs up to 500,000 €` },
  },
  durationMonths: {
    min: { value: 12, source: `${COIN_GUIDE}: projects run 1–2 years` },
    max: { value: 36, source: `${COIN_GUIDE}: at most 3 years` },
  },
};

export const PRESETS = { 'coin-netzwerke': COIN_NETZWERKE } as const;
export type PresetId = keyof typeof PRESETS;
export const PRESET_IDS = Object.keys(PRESETS) as [PresetId, ...PresetId[]];

/** A deep copy of a preset, so the project's rules are its own. */
export const copyPreset = (id: PresetId): ProgrammeRules => structuredClone(PRESETS[id]);
