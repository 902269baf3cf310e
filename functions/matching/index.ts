/**
 * What other capabilities use of matching besides its store.ts: the reports build utilisation
 * from the same capacity maths and the referral balance from the same ledger summary.
 */
export { type BookedHours, BookingIndex, bookedShare, type CapacitySource, capacityOf } from './capacity';
export { type LedgerEntry, summarise } from './ledger';
