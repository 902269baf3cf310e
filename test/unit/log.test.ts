import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { logger } from '#shared/log';

describe('logger', () => {
  const lines: string[] = [];
  const level = process.env.POWERTOOLS_LOG_LEVEL;
  beforeEach(() => {
    lines.length = 0;
    process.env.POWERTOOLS_LOG_LEVEL = 'INFO';
    for (const stream of [process.stdout, process.stderr]) {
      vi.spyOn(stream, 'write').mockImplementation((chunk) => {
        lines.push(String(chunk));
        return true;
      });
    }
  });
  afterEach(() => {
    vi.restoreAllMocks();
    process.env.POWERTOOLS_LOG_LEVEL = level;
  });

  it('writes one JSON line with the invocation, cold start only on the first', () => {
    logger.addContext({ functionName: 'verbund-api', awsRequestId: 'r1' });
    logger.info('inquiry created', { networkId: 'demo' });
    logger.addContext({ functionName: 'verbund-api', awsRequestId: 'r2' });
    logger.info('inquiry created', { networkId: 'demo' });
    const [first, second] = lines.map((l) => JSON.parse(l));
    expect(lines.every((l) => l.endsWith('\n') && !l.slice(0, -1).includes('\n'))).toBe(true);
    expect(first).toMatchObject({
      level: 'INFO',
      message: 'inquiry created',
      service: 'verbund',
      cold_start: true,
      function_name: 'verbund-api',
      function_request_id: 'r1',
      networkId: 'demo',
    });
    expect(second).toMatchObject({ cold_start: false, function_request_id: 'r2' });
    expect(Date.parse(first.timestamp)).not.toBeNaN();
  });

  it('keeps what an error says and where it came from', () => {
    logger.error('report mail not sent', { error: new TypeError('relay refused') });
    const entry = JSON.parse(lines[0]!);
    expect(entry.level).toBe('ERROR');
    expect(entry.error).toMatchObject({ name: 'TypeError', message: 'relay refused' });
    expect(entry.error.stack).toContain('log.test.ts');
  });

  it('leaves out entries below the configured level', () => {
    process.env.POWERTOOLS_LOG_LEVEL = 'WARN';
    logger.info('noise');
    logger.warn('kept');
    expect(lines.map((l) => JSON.parse(l).message)).toEqual(['kept']);
  });
});
