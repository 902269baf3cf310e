import { ValidationError } from '../../shared/http/errors';
import { duplicateCompetences, unknownCompetences } from '../networks/network';
import { listCompetences } from '../networks/store';
import type { InquiryCompetence } from './schema';

/**
 * The coordinator's competences for an inquiry, checked against the network's taxonomy: 400
 * naming each unknown or repeated entry. What the coordinator sets is no longer a suggestion.
 */
export async function checkedCompetences(
  networkId: string,
  wanted: { competenceId: string; hours?: number; minLevel?: number }[],
): Promise<InquiryCompetence[]> {
  if (wanted.length > 0) {
    const taxonomy = new Set((await listCompetences(networkId)).map((c) => c.id));
    const errors = [
      ...unknownCompetences(wanted, taxonomy).map((i) => ({
        path: `competences.${i}.competenceId`,
        message: `${wanted[i]!.competenceId} is not in the network's taxonomy`,
      })),
      ...duplicateCompetences(wanted).map((i) => ({
        path: `competences.${i}.competenceId`,
        message: `${wanted[i]!.competenceId} is listed twice`,
      })),
    ];
    if (errors.length > 0) throw new ValidationError(`${errors[0]!.path}: ${errors[0]!.message}`, errors);
  }
  return wanted.map((c) => ({ ...c, suggested: false }));
}
