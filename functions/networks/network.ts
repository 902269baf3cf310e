import { DEFAULT_LANGUAGE } from '#shared/i18n';
import type { Network, Partner, Resource } from './schema';
import type { CreateNetworkBody } from './write-schema';

export const DEFAULT_TIMEZONE = 'Europe/Vienna';

/**
 * The prefix of inquiry reference numbers (`HHN-2026-0042`): the initials of the name's words,
 * umlauts folded, 2–6 letters; short names are padded from the first word.
 */
export function defaultReferencePrefix(name: string): string {
  const words = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .split(/[^A-Z]+/)
    .filter(Boolean);
  let prefix = words
    .map((w) => w[0])
    .join('')
    .slice(0, 6);
  const first = words[0] ?? 'NET';
  if (prefix.length < 2) prefix = `${prefix + first.slice(1)}NET`.slice(0, 3);
  return prefix;
}

/** A new network from the operator's request: defaults filled, timestamps set. */
export function newNetwork(body: CreateNetworkBody, id: string, now: string): Network {
  return {
    id,
    name: body.name,
    slug: body.slug,
    contact: body.contact,
    inboundLocalPart: body.inboundLocalPart ?? body.slug,
    timezone: body.timezone ?? DEFAULT_TIMEZONE,
    referencePrefix: body.referencePrefix ?? defaultReferencePrefix(body.name),
    language: body.language ?? DEFAULT_LANGUAGE,
    createdAt: now,
    updatedAt: now,
  };
}

/** What a partner sees of the network: its public face, not the coordinator's settings. */
export function networkForPartner(n: Network) {
  return { id: n.id, name: n.name, slug: n.slug, contact: n.contact, timezone: n.timezone };
}

/** What partners see of each other: who they are and what they can do, not their capacity. */
export function partnerDirectoryEntry(p: Partner) {
  return {
    id: p.id,
    name: p.name,
    region: p.region,
    competences: p.competences,
    active: p.active,
  };
}

/** A partner with its resources, as the API returns it. */
export function partnerView(p: Partner, resources: Resource[]) {
  return { ...p, resources: resources.map(({ partnerId: _, ...r }) => r) };
}

/** Competence ids in `wanted` that the taxonomy does not have. */
export function unknownCompetences(wanted: { competenceId: string }[], taxonomyIds: Set<string>): number[] {
  return wanted.flatMap((c, i) => (taxonomyIds.has(c.competenceId) ? [] : [i]));
}

/** Indexes of entries whose competenceId repeats an earlier one. */
export function duplicateCompetences(wanted: { competenceId: string }[]): number[] {
  const seen = new Set<string>();
  return wanted.flatMap((c, i) => {
    if (seen.has(c.competenceId)) return [i];
    seen.add(c.competenceId);
    return [];
  });
}

/** A readable id from a label: `Electrical installation` → `electrical-installation`. */
export function idFromLabel(label: string): string {
  const id = label
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64)
    .replace(/-+$/, '');
  return id || 'competence';
}
