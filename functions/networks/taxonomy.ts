import { ValidationError } from '#shared/http/errors';
import { duplicateCompetences, unknownCompetences } from './network';
import { listCompetences } from './store';

/** 400 naming each entry that is not in the network's taxonomy or repeats an earlier one. */
export async function checkCompetences(
  networkId: string,
  competences: { competenceId: string }[],
): Promise<void> {
  if (competences.length === 0) return;
  const taxonomy = new Set((await listCompetences(networkId)).map((c) => c.id));
  const errors = [
    ...unknownCompetences(competences, taxonomy).map((i) => ({
      path: `competences.${i}.competenceId`,
      message: `${competences[i]!.competenceId} is not in the network's taxonomy`,
      code: 'unknown_competence',
    })),
    ...duplicateCompetences(competences).map((i) => ({
      path: `competences.${i}.competenceId`,
      message: `${competences[i]!.competenceId} is listed twice`,
      code: 'duplicate',
    })),
  ];
  if (errors.length > 0) throw new ValidationError(`${errors[0]!.path}: ${errors[0]!.message}`, errors);
}
