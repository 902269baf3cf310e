/**
 * What other capabilities use of networks besides its store.ts: the network's type, the check
 * of competences against the network's taxonomy, and who may act for a partner (a deactivated
 * partner writes nothing).
 */

export { assertPartnerAccess, assertPartnerMayWrite } from './access';
export {
  type FirmFigures,
  isSme,
  PARTNER_KINDS,
  type PartnerKind,
  SIZE_CLASSES,
  type SizeClass,
  SME_SOURCE,
  SME_THRESHOLDS,
  sizeClassOf,
} from './firm-size';
export type { Competence, Network, Partner } from './schema';
export { checkCompetences } from './taxonomy';
