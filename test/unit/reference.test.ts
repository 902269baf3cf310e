import { describe, expect, it } from 'vitest';
import { formatReference, referencesInSubject, subjectWithReference } from '#functions/inquiries/reference';

describe('reference numbers', () => {
  it('reads like HHN-2026-0042 and keeps growing past 9999', () => {
    expect(formatReference('HHN', 2026, 42)).toBe('HHN-2026-0042');
    expect(formatReference('HHN', 2026, 12345)).toBe('HHN-2026-12345');
  });

  it('finds the token in replies, forwarded and mangled subjects, only for the own prefix', () => {
    expect(referencesInSubject('AW: [HHN-2026-0042] Ihre Anfrage', 'HHN')).toEqual(['HHN-2026-0042']);
    expect(referencesInSubject('Fwd: Re: hhn-2026-0042 Dach', 'HHN')).toEqual(['HHN-2026-0042']);
    expect(referencesInSubject('Re: [ABC-2026-0001] and [HHN-2025-0100]', 'HHN')).toEqual(['HHN-2025-0100']);
    expect(referencesInSubject('XHHN-2026-0042 Y', 'HHN')).toEqual([]);
    expect(referencesInSubject('Rechnung 2026-0042', 'HHN')).toEqual([]);
  });

  it('puts the token in front of a subject once', () => {
    expect(subjectWithReference('HHN-2026-0001', 'Dachausbau')).toBe('[HHN-2026-0001] Dachausbau');
    expect(subjectWithReference('HHN-2026-0001', 'Re: [HHN-2026-0001] Dachausbau')).toBe(
      'Re: [HHN-2026-0001] Dachausbau',
    );
  });
});
