import { describe, expect, it } from 'vitest';
import {
  formatReference,
  formatThreadToken,
  referencesInSubject,
  secretMatches,
  subjectWithReference,
  threadSecret,
  tokensInSubject,
} from '#functions/inquiries/reference';

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

  it('puts the thread token in front of a subject once, in place of a bare reference', () => {
    const inquiry = { id: '01jf3k9x2m4n5p6q7r8s9t0v1w', reference: 'HHN-2026-0001' };
    const token = formatThreadToken(inquiry);
    expect(token).toMatch(/^\[HHN-2026-0001 #[0-9a-hjkmnp-tv-z]{8}\]$/);
    expect(subjectWithReference(inquiry, 'Dachausbau')).toBe(`${token} Dachausbau`);
    expect(subjectWithReference(inquiry, `Re: ${token} Dachausbau`)).toBe(`Re: ${token} Dachausbau`);
    expect(subjectWithReference(inquiry, 'Re: [HHN-2026-0001] Dachausbau')).toBe(`Re: ${token} Dachausbau`);
  });

  it('parses the token back; only the inquiry it was made for has its secret', () => {
    const a = { id: '01jf3k9x2m4n5p6q7r8s9t0v1w', reference: 'HHN-2026-0001' };
    const b = { id: '01jf3k9x2m4n5p6q7r8s9t0v1x', reference: 'HHN-2026-0002' };
    const [read] = tokensInSubject(`AW: ${formatThreadToken(a)} Ihre Anfrage`, 'HHN');
    expect(read).toEqual({ reference: 'HHN-2026-0001', secret: threadSecret(a.id) });
    expect(secretMatches(a.id, read?.secret)).toBe(true);
    expect(secretMatches(b.id, read?.secret)).toBe(false);
    expect(secretMatches(a.id, undefined)).toBe(false);
    expect(threadSecret(a.id)).not.toBe(threadSecret(b.id));
    // a guessed reference with a made-up secret, and the bare reference, carry no proof
    expect(tokensInSubject('Re: [HHN-2026-0002 #00000000]', 'HHN')).toEqual([
      { reference: 'HHN-2026-0002', secret: '00000000' },
    ]);
    expect(tokensInSubject('Re: HHN-2026-0002 Dach', 'HHN')).toEqual([{ reference: 'HHN-2026-0002' }]);
  });
});
