import { describe, expect, it } from 'vitest';
import { runChaos } from './harness';

describe('npm start killed mid-burst: nothing received is lost, nothing happens twice', () => {
  it('SIGKILLed during form posts, during SMTP DATA and while the outbox sends, then retried: every mail and create exists once, every customer is acknowledged once', async () => {
    // Prepare / Act: a burst of form posts, API creates and SMTP mails, node killed at three points
    const figures = await runChaos({
      forms: 24,
      creates: 12,
      mails: 12,
      kills: ['form-posts', 'smtp-data', 'outbox-sending'],
      concurrency: 3,
      // a bound for a loaded machine; the retries end as soon as everything succeeded
      retryMs: 90_000,
    });
    // Assess
    expect(figures.kills.map((k) => k.point)).toEqual(['form-posts', 'smtp-data', 'outbox-sending']);
    // each kill left DynamoDB Local's JVM running, and the next start stopped it by its pid file
    for (const kill of figures.kills) {
      expect(kill.orphanedJvm).toBeGreaterThan(1);
      expect(kill.jvmStoppedByNextStart).toBe(true);
    }
    // the kills cut requests off, which were then retried
    expect(figures.kills.reduce((n, k) => n + k.inFlight, 0)).toBeGreaterThan(0);
    expect(figures.attempts).toBeGreaterThan(48);
    expect(figures.lost).toEqual([]);
    expect(figures.duplicated).toEqual([]);
    // 24 form customers, 12 recorded by the coordinator and (all but those quarantined of) the
    // 12 mail customers got one each
    expect(figures.acknowledgements).toBe(24 + 12 + 12 - figures.quarantined);
    expect(figures.leftovers).toEqual([]);
    // 86–96 s measured on 2 cores at a load average near 20, four runtime starts most of it
  }, 400_000);
});
