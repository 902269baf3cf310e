/**
 * What other capabilities use of networks besides its store.ts: the network's type, the check
 * of competences against the network's taxonomy, and who may act for a partner (a deactivated
 * partner writes nothing).
 */

export { assertPartnerAccess, assertPartnerMayWrite } from './access';
export type { Competence, Network } from './schema';
export { checkCompetences } from './taxonomy';
