import { describe, expect, it } from 'vitest';
import { keys, networkPk, prefixes } from '#shared/db/keys';

describe('key builders', () => {
  it('prefix every network item with NET#<networkId>', () => {
    const all = [
      keys.network('n1'),
      keys.competence('n1', 'carpentry'),
      keys.partner('n1', 'p1'),
      keys.resource('n1', 'p1', 'r1'),
    ];
    for (const k of all) expect(k.pk).toBe('NET#n1');
    expect(networkPk('n1')).toBe('NET#n1');
  });

  it("sort a partner's resources right behind the partner", () => {
    const partner = keys.partner('n', 'p1').sk;
    const resource = keys.resource('n', 'p1', 'r1').sk;
    const nextPartner = keys.partner('n', 'p10').sk;
    expect([nextPartner, resource, partner].sort()).toEqual([partner, resource, nextPartner]);
    expect(resource.startsWith(prefixes.partnerResources('p1'))).toBe(true);
    // the BETWEEN range used to read one partner covers its resources but not p10
    expect(resource < `${partner}#~`).toBe(true);
    expect(nextPartner > `${partner}#~`).toBe(true);
  });

  it('refuse key parts that could forge another key', () => {
    expect(() => keys.network('a#SLUG')).toThrow(/invalid key part/);
    expect(() => keys.partner('n', '')).toThrow(/invalid key part/);
  });

  it('keep the directory apart from network partitions', () => {
    expect(keys.slug('demo')).toEqual({ pk: 'DIR#SLUG#demo', sk: 'DIR' });
    expect(keys.inbox('demo')).toEqual({ pk: 'DIR#INBOX#demo', sk: 'DIR' });
  });
});
