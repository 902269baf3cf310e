import { describe, expect, it } from 'vitest';
import { inboxLocalParts } from '#functions/email-intake/routing';

describe('routing by envelope recipients', () => {
  it('takes local parts of the mail domain, case-insensitively, with +tags removed', () => {
    expect(
      inboxLocalParts(
        ['Demo@Inbound.Verbund.Test', 'demo+web@inbound.verbund.test', 'hhn@inbound.verbund.test'],
        'inbound.verbund.test',
      ),
    ).toEqual({ localParts: ['demo', 'hhn'], foreign: [] });
  });

  it('sets aside addresses of other domains and nonsense', () => {
    expect(
      inboxLocalParts(
        ['demo@other.example', 'no-at-sign', 'a#b@inbound.verbund.test'],
        'inbound.verbund.test',
      ),
    ).toEqual({
      localParts: [],
      foreign: ['demo@other.example', 'no-at-sign', 'a#b@inbound.verbund.test'],
    });
  });
});
