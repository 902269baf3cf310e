/**
 * Counts what production code asks of DynamoDB from the outside, by a middleware on the shared
 * client, so no production module carries a benchmark counter. Every command sent while a
 * measurement runs asks for its consumed capacity; transaction conflicts are counted as they
 * come back (each one the store retries, or answers with 429 when its attempts are used up).
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { isTransactionConflict } from '#shared/db/errors';
import { itemSize } from './item-size';

export interface DbReads {
  /** Queries as the code issues them (a Query's further pages not counted again). */
  queries: number;
  /** Requests by command name, every page counted. */
  commands: Record<string, number>;
  itemsRead: number;
  /** Summed DynamoDB size of the items returned (bench/item-size.ts). */
  bytesRead: number;
  capacityUnits: number;
  transactionConflicts: number;
}

const empty = (): DbReads => ({
  queries: 0,
  commands: {},
  itemsRead: 0,
  bytesRead: 0,
  capacityUnits: 0,
  transactionConflicts: 0,
});

export function dbMeter(client: DynamoDBDocumentClient) {
  let current: DbReads | undefined;
  client.middlewareStack.add(
    (next, ctx) => async (args) => {
      const m = current;
      if (!m) return next(args);
      const input = args.input as Record<string, unknown>;
      input.ReturnConsumedCapacity = 'TOTAL';
      const name = ctx.commandName ?? '?';
      m.commands[name] = (m.commands[name] ?? 0) + 1;
      if (name === 'QueryCommand' && !input.ExclusiveStartKey) m.queries++;
      try {
        const out = (await next(args)) as {
          output: { ConsumedCapacity?: { CapacityUnits?: number }; Items?: unknown[]; Item?: unknown };
        };
        m.capacityUnits += out.output.ConsumedCapacity?.CapacityUnits ?? 0;
        m.itemsRead += out.output.Items?.length ?? (out.output.Item ? 1 : 0);
        for (const item of out.output.Items ?? (out.output.Item ? [out.output.Item] : [])) {
          m.bytesRead += itemSize(item as Record<string, unknown>);
        }
        return out as never;
      } catch (err) {
        if (isTransactionConflict(err)) m.transactionConflicts++;
        throw err;
      }
    },
    { step: 'initialize', name: 'bench-db-meter' },
  );
  return {
    /** Runs `fn` and returns what it asked of DynamoDB; runs do not overlap. */
    async measure<T>(fn: () => Promise<T>): Promise<{ result: T; reads: DbReads }> {
      const reads = empty();
      current = reads;
      try {
        return { result: await fn(), reads };
      } finally {
        current = undefined;
      }
    },
  };
}
