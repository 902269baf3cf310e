/**
 * Partner kinds and the EU SME size classes, pure. The thresholds are data: Commission
 * Recommendation 2003/361/EC, Annex, Title I, Article 2 (the definition EU and national funding
 * programmes such as COIN refer to). A firm is in the first class whose staff ceiling it stays
 * below AND whose turnover OR balance-sheet ceiling it does not exceed; otherwise it is large.
 * Staff is counted in annual work units (Article 5), so it may be a fraction.
 */

export const PARTNER_KINDS = ['firm', 'research', 'intermediary'] as const;
export type PartnerKind = (typeof PARTNER_KINDS)[number];

export const SIZE_CLASSES = ['micro', 'small', 'medium', 'large'] as const;
export type SizeClass = (typeof SIZE_CLASSES)[number];

export interface FirmFigures {
  /** Staff headcount in annual work units (AWU). */
  staff: number;
  /** Annual turnover, integer cents. */
  turnoverCents: number;
  /** Annual balance-sheet total, integer cents. */
  balanceSheetCents: number;
}

export interface SizeThreshold {
  sizeClass: Exclude<SizeClass, 'large'>;
  /** Staff must be below this (AWU). */
  staffBelow: number;
  maxTurnoverCents: number;
  maxBalanceSheetCents: number;
}

export const SME_SOURCE = 'Commission Recommendation 2003/361/EC, Annex, Article 2';

/** EUR million in cents. */
const million = (m: number) => m * 1_000_000 * 100;

export const SME_THRESHOLDS: readonly SizeThreshold[] = [
  { sizeClass: 'micro', staffBelow: 10, maxTurnoverCents: million(2), maxBalanceSheetCents: million(2) },
  { sizeClass: 'small', staffBelow: 50, maxTurnoverCents: million(10), maxBalanceSheetCents: million(10) },
  { sizeClass: 'medium', staffBelow: 250, maxTurnoverCents: million(50), maxBalanceSheetCents: million(43) },
];

/** The size class of a firm's figures by the EU SME definition. */
export function sizeClassOf(
  f: FirmFigures,
  thresholds: readonly SizeThreshold[] = SME_THRESHOLDS,
): SizeClass {
  for (const t of thresholds) {
    if (
      f.staff < t.staffBelow &&
      (f.turnoverCents <= t.maxTurnoverCents || f.balanceSheetCents <= t.maxBalanceSheetCents)
    ) {
      return t.sizeClass;
    }
  }
  return 'large';
}

/** Micro, small and medium firms are SMEs. */
export const isSme = (c: SizeClass | undefined) => c === 'micro' || c === 'small' || c === 'medium';
