import type { Context } from 'aws-lambda';
import { ENV } from './env-names';

/**
 * The one structured logger: one JSON line per entry on stdout/stderr with the fields Powertools
 * Logger wrote (level, message, timestamp, service, cold_start, function_name,
 * function_request_id, then the entry's own fields). It replaced Powertools Logger, which added
 * 23.5 KiB to every bundle and measured 158 ms against 21 ms to import and log one line (median
 * of 15 fresh processes on the loaded 2-core machine) for the same fields.
 */
type Level = 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
const RANK: Record<Level | 'SILENT', number> = { DEBUG: 10, INFO: 20, WARN: 30, ERROR: 40, SILENT: 99 };

function threshold(): number {
  const raw = (process.env[ENV.logLevel] ?? 'INFO').toUpperCase();
  return RANK[raw as Level | 'SILENT'] ?? RANK.INFO;
}

/** Errors become name, message and stack; everything else as JSON would have it. */
function serialise(_key: string, value: unknown) {
  if (value instanceof Error) return { name: value.name, message: value.message, stack: value.stack };
  return value;
}

let coldStart = true;
let context: Record<string, unknown> = {};

function write(level: Level, message: string, fields?: Record<string, unknown>) {
  if (RANK[level] < threshold()) return;
  const line = JSON.stringify(
    {
      level,
      message,
      timestamp: new Date().toISOString(),
      service: process.env[ENV.serviceName] ?? 'verbund',
      ...context,
      ...fields,
    },
    serialise,
  );
  (level === 'ERROR' || level === 'WARN' ? process.stderr : process.stdout).write(`${line}\n`);
}

export const logger = {
  debug: (message: string, fields?: Record<string, unknown>) => write('DEBUG', message, fields),
  info: (message: string, fields?: Record<string, unknown>) => write('INFO', message, fields),
  warn: (message: string, fields?: Record<string, unknown>) => write('WARN', message, fields),
  error: (message: string, fields?: Record<string, unknown>) => write('ERROR', message, fields),
  /** Tags every following line with the invocation (call once per invocation). */
  addContext(lambda: Pick<Context, 'functionName' | 'awsRequestId'>) {
    context = {
      cold_start: coldStart,
      function_name: lambda.functionName,
      function_request_id: lambda.awsRequestId,
    };
    coldStart = false;
  },
};

/** The middy middleware that tags each invocation's lines with its context. */
export const logContext = () => ({
  before: (request: { context: Context }) => {
    logger.addContext(request.context);
  },
});
