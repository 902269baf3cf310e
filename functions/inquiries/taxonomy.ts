import { checkCompetences } from '#functions/networks/index';
import type { InquiryCompetence } from './schema';

/**
 * The coordinator's competences for an inquiry, checked against the network's taxonomy: 400
 * naming each unknown or repeated entry. What the coordinator sets is no longer a suggestion.
 */
export async function checkedCompetences(
  networkId: string,
  wanted: {
    competenceId: string;
    hours?: number;
    minLevel?: number;
    roomHours?: number;
    machineHours?: number;
  }[],
): Promise<InquiryCompetence[]> {
  await checkCompetences(networkId, wanted);
  return wanted.map((c) => ({ ...c, suggested: false }));
}
