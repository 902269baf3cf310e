import { describe, expect, it } from 'vitest';
import { withConflictRetry } from '#shared/db/retry';

const conflict = () =>
  Object.assign(new Error('Transaction cancelled'), {
    name: 'TransactionCanceledException',
    CancellationReasons: [{ Code: 'TransactionConflict' }, { Code: 'None' }],
  });

describe('withConflictRetry', () => {
  it('retries transaction conflicts until the transaction lands, counting each retry', async () => {
    let calls = 0;
    let retried = 0;
    const result = await withConflictRetry(
      async () => {
        calls++;
        if (calls < 4) throw conflict();
        return 'landed';
      },
      { onRetry: () => retried++, sleep: async () => undefined },
    );
    expect([result, calls, retried]).toEqual(['landed', 4, 3]);
  });

  it('gives up after the attempts with 429, and passes other errors through untouched', async () => {
    const busy = withConflictRetry(
      async () => {
        throw conflict();
      },
      { attempts: 3, sleep: async () => undefined },
    );
    await expect(busy).rejects.toMatchObject({ statusCode: 429 });
    const condition = Object.assign(new Error('cancelled'), {
      name: 'TransactionCanceledException',
      CancellationReasons: [{ Code: 'ConditionalCheckFailed' }],
    });
    let calls = 0;
    await expect(
      withConflictRetry(async () => {
        calls++;
        throw condition;
      }),
    ).rejects.toBe(condition);
    expect(calls).toBe(1);
  });

  it('waits with jitter below a doubling cap', async () => {
    const waits: number[] = [];
    let calls = 0;
    await withConflictRetry(
      async () => {
        if (++calls < 6) throw conflict();
      },
      { baseMs: 10, capMs: 100, sleep: async (ms) => void waits.push(ms) },
    );
    const caps = [10, 20, 40, 80, 100];
    waits.forEach((w, i) => {
      expect(w).toBeGreaterThanOrEqual(0);
      expect(w).toBeLessThanOrEqual(caps[i]!);
    });
  });
});
