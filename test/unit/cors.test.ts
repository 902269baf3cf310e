import { describe, expect, it } from 'vitest';
import { corsVerdict } from '#shared/http/cors';

const listed = ['https://www.verbund.example'];
const own = 'https://console.verbund.example';

describe('corsVerdict', () => {
  it('allows a listed origin and refuses an unlisted or look-alike one', () => {
    expect(corsVerdict({ origin: 'https://www.verbund.example' }, listed, own)).toBe('allowed');
    expect(corsVerdict({ origin: 'https://www.verbund.example.evil.example' }, listed, own)).toBe('refused');
    expect(corsVerdict({ origin: 'http://www.verbund.example' }, listed, own)).toBe('refused');
    expect(corsVerdict({ origin: 'https://www.verbund.example' }, [], own)).toBe('refused');
  });

  it("treats no Origin, Origin: null and the service's own origin as today's callers", () => {
    expect(corsVerdict({}, listed, own)).toBe('none');
    expect(corsVerdict({ origin: 'null' }, listed, own)).toBe('none');
    expect(corsVerdict({ origin: own }, listed, own)).toBe('same-origin');
    expect(corsVerdict({ origin: 'http://127.0.0.1:3000', host: '127.0.0.1:3000' }, listed, undefined)).toBe(
      'same-origin',
    );
    expect(corsVerdict({ origin: 'https://x.example', 'sec-fetch-site': 'same-origin' }, listed, own)).toBe(
      'same-origin',
    );
  });

  it('leaves an unknown network to the handler (404)', () => {
    expect(corsVerdict({ origin: 'https://x.example' }, undefined, own)).toBe('none');
  });
});
