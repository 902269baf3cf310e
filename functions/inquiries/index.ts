/**
 * What other capabilities use of inquiries besides its store.ts: e-mail intake plans the
 * acknowledgement of a new inquiry and finds reference numbers in subject lines.
 */
export { planAcknowledgement } from './outbound';
export { referencesInSubject } from './reference';
