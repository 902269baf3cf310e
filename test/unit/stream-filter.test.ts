import { describe, expect, it } from 'vitest';
import { matchesFilter } from '#infra/local/stream-filter';
import { streamConsumers } from '#infra/streams';

const outbox = streamConsumers.find((c) => c.name === 'send-queued-mail')!;
const record = (eventName: string, image: Record<string, { S: string }>) => ({
  eventName,
  dynamodb: { SequenceNumber: '1', NewImage: { pk: { S: 'NET#n' }, ...image } },
});

describe('the local poller applies the event source mapping filter as Lambda does', () => {
  it('passes a new queued mail-out item', () => {
    expect(
      matchesFilter(outbox.filter, record('INSERT', { entity: { S: 'mail-out' }, status: { S: 'queued' } })),
    ).toBe(true);
  });

  it('drops its later changes, other entities, and records without the fields', () => {
    expect(
      matchesFilter(outbox.filter, record('MODIFY', { entity: { S: 'mail-out' }, status: { S: 'sent' } })),
    ).toBe(false);
    expect(
      matchesFilter(outbox.filter, record('INSERT', { entity: { S: 'inquiry' }, status: { S: 'queued' } })),
    ).toBe(false);
    expect(matchesFilter(outbox.filter, record('INSERT', { entity: { S: 'mail-out' } }))).toBe(false);
    expect(matchesFilter(outbox.filter, { eventName: 'REMOVE' })).toBe(false);
  });

  it('refuses content filters it would not apply like Lambda', () => {
    const prefix = { eventName: [{ prefix: 'INS' }] } as unknown as typeof outbox.filter;
    expect(() => matchesFilter(prefix, { eventName: 'INSERT' })).toThrow(/only exact values/);
  });
});
