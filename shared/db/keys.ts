/**
 * Key builders. Every partition key of the table and of its indexes starts with `NET#<networkId>`,
 * with one documented exception: the directory (`DIR#…`), which maps a network's public slug and
 * inbound address to its id and holds nothing else (see docs/data-model.md).
 */

/** A network id, slug or other key part must not be empty nor contain the separator `#`. */
export function part(value: string): string {
  if (value.length === 0 || value.includes('#'))
    throw new Error(`invalid key part: ${JSON.stringify(value)}`);
  return value;
}

export const networkPk = (networkId: string) => `NET#${part(networkId)}`;

export const keys = {
  network: (networkId: string) => ({ pk: networkPk(networkId), sk: 'NETWORK' }),
  competence: (networkId: string, competenceId: string) => ({
    pk: networkPk(networkId),
    sk: `COMP#${part(competenceId)}`,
  }),
  partner: (networkId: string, partnerId: string) => ({
    pk: networkPk(networkId),
    sk: `PARTNER#${part(partnerId)}`,
  }),
  resource: (networkId: string, partnerId: string, resourceId: string) => ({
    pk: networkPk(networkId),
    sk: `PARTNER#${part(partnerId)}#RES#${part(resourceId)}`,
  }),
  /** Directory entry: public slug → network id. */
  slug: (slug: string) => ({ pk: `DIR#SLUG#${part(slug)}`, sk: 'DIR' }),
  /** Directory entry: inbound e-mail local part → network id. */
  inbox: (localPart: string) => ({ pk: `DIR#INBOX#${part(localPart)}`, sk: 'DIR' }),
} as const;

export const prefixes = {
  competence: 'COMP#',
  partner: 'PARTNER#',
  partnerResources: (partnerId: string) => `PARTNER#${part(partnerId)}#RES#`,
} as const;
