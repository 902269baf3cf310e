/** Money is integer cents everywhere; these format it for people and for order files. */

/** `1140` → `11.40` (integer arithmetic, no float rounding). */
export function formatCents(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** `1140` → `11.40 €`. */
export const euro = (cents: number) => `${formatCents(cents)} €`;
