import { existsSync } from 'node:fs';
import { Cron } from 'croner';
import { describe, expect, it } from 'vitest';
import { schedules } from '#infra/schedules';
import { cronerPattern, parseExpression } from '#shared/scheduler/expression';

describe('infra/schedules.ts', () => {
  it('holds only expressions the local scheduler (croner) runs, with existing targets', () => {
    for (const s of schedules) {
      // Prepare
      const parsed = parseExpression(s.cron);
      if (parsed.kind !== 'cron') throw new Error(`${s.name}: a fixed schedule needs cron(...)`);
      // Act
      const job = new Cron(cronerPattern(parsed.fields), {
        timezone: s.timezone,
        alternativeWeekdays: true,
        paused: true,
      });
      // Assess
      expect(job.nextRun(), s.name).toBeInstanceOf(Date);
      expect(existsSync(s.entry), s.entry).toBe(true);
      job.stop();
    }
  });

  it('sweeps stale intake claims every 5 minutes', () => {
    // Prepare
    const sweep = schedules.find((s) => s.name === 'sweep-mail-claims')!;
    const parsed = parseExpression(sweep.cron);
    if (parsed.kind !== 'cron') throw new Error('cron expected');
    const job = new Cron(cronerPattern(parsed.fields), { timezone: 'UTC', paused: true });
    // Act
    const runs = job.nextRuns(3, new Date('2026-05-04T10:02:00Z'));
    // Assess
    expect(runs.map((d) => d.toISOString())).toEqual([
      '2026-05-04T10:05:00.000Z',
      '2026-05-04T10:10:00.000Z',
      '2026-05-04T10:15:00.000Z',
    ]);
    job.stop();
  });
});
