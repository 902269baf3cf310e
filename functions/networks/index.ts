/**
 * What other capabilities use of networks besides its store.ts: the network's type and the check
 * of competences against the network's taxonomy.
 */
export type { Network } from './schema';
export { checkCompetences } from './taxonomy';
