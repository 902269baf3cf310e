import { listCompetences } from '#functions/networks/store';
import { ValidationError } from '#shared/http/errors';

/** 400 naming each tag that is not in the network's taxonomy or repeats an earlier one. */
export async function checkTags(networkId: string, competences: string[]): Promise<void> {
  const taxonomy = new Set((await listCompetences(networkId)).map((c) => c.id));
  const errors = competences.flatMap((c, i) =>
    !taxonomy.has(c)
      ? [
          {
            path: `competences.${i}`,
            message: `${c} is not in the network's taxonomy`,
            code: 'unknown_competence',
          },
        ]
      : competences.indexOf(c) < i
        ? [{ path: `competences.${i}`, message: `${c} is listed twice`, code: 'duplicate' }]
        : [],
  );
  if (errors.length > 0) throw new ValidationError(`${errors[0]!.path}: ${errors[0]!.message}`, errors);
}
