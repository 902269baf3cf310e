import { describe, expect, it } from 'vitest';
import {
  defaultReferencePrefix,
  duplicateCompetences,
  idFromLabel,
  networkForPartner,
  newNetwork,
  unknownCompetences,
} from '#functions/networks/network';

describe('network rules', () => {
  it('derives the reference prefix from the initials of the name', () => {
    expect(defaultReferencePrefix('Holzbau & Haustechnik Netzwerk')).toBe('HHN');
    expect(defaultReferencePrefix('Bad & Küche Verbund')).toBe('BKV');
    expect(defaultReferencePrefix('Ökobau')).toBe('OKO');
    expect(defaultReferencePrefix('a b c d e f g h')).toBe('ABCDEF');
  });

  it('fills defaults a coordinator would expect for a new network', () => {
    const n = newNetwork(
      { name: 'Holzbau & Haustechnik Netzwerk', slug: 'hhn', contact: { name: 'M', email: 'm@x.example' } },
      'id1',
      '2026-11-26T10:00:00.000Z',
    );
    expect(n).toMatchObject({
      inboundLocalPart: 'hhn',
      timezone: 'Europe/Vienna',
      referencePrefix: 'HHN',
    });
    expect(networkForPartner(n)).not.toHaveProperty('inboundLocalPart');
  });

  it('makes readable competence ids from labels', () => {
    expect(idFromLabel('Electrical installation')).toBe('electrical-installation');
    expect(idFromLabel('Planning & site management')).toBe('planning-site-management');
    expect(idFromLabel('Fußbodenheizung')).toBe('fussbodenheizung');
    expect(idFromLabel('!!!')).toBe('competence');
  });

  it('finds competences outside the taxonomy and repeated ones by index', () => {
    const wanted = [{ competenceId: 'a' }, { competenceId: 'x' }, { competenceId: 'a' }];
    expect(unknownCompetences(wanted, new Set(['a']))).toEqual([1]);
    expect(duplicateCompetences(wanted)).toEqual([2]);
  });
});
