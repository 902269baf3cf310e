/**
 * What other capabilities use of inquiries besides its store.ts: e-mail intake plans the
 * acknowledgement of a new inquiry and finds reference numbers in subject lines; matching reads
 * the inquiry's type and the status rules (what a status change does to an accepted job).
 */
export { canTransition, jobEffect } from './lifecycle';
export { customerNoticeItem, noticeForStatus, planAcknowledgement } from './outbound';
export { referencesInSubject, secretMatches, tokensInSubject } from './reference';
export { Inquiry, InquiryPath, type InquiryStatus } from './schema';
export { ChangeStatusBody } from './write-schema';
