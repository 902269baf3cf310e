/**
 * `npm run report -- --network <id> [--send] [--from <week|date>] [--to <week|date>] [--format text|csv|json]`
 *
 * Builds a network's utilisation report from the local runtime's data and prints it; `--send`
 * delivers it as the schedule would (coordinator and opted-in partners, CSV attached, .eml files
 * in DATA_DIR/outbox), idempotent per network and period like the schedule. It talks to the
 * DynamoDB Local of a running `npm start` (same DYNAMODB_PORT and DATA_DIR), so start that first.
 */
import { parseArgs } from 'node:util';
import { ENV } from '#shared/env-names';
import { fail as failWith, useRunningRuntime } from './cli';
import { localSettings } from './settings';

function fail(message: string, code = 2): never {
  return failWith('report', message, code);
}

let values: { network?: string; send?: boolean; from?: string; to?: string; format?: string };
try {
  ({ values } = parseArgs({
    options: {
      network: { type: 'string' },
      send: { type: 'boolean', default: false },
      from: { type: 'string' },
      to: { type: 'string' },
      format: { type: 'string', default: 'text' },
    },
  }));
} catch (err) {
  fail((err as Error).message);
}
if (!values.network) fail('--network <id> is required, e.g. npm run report -- --network demo [--send]');
if (!['text', 'csv', 'json'].includes(values.format ?? '')) fail('--format must be text, csv or json');
if (values.send && (values.from || values.to)) {
  fail('--send delivers the scheduled period (4 weeks back, 8 ahead); --from/--to are for printing only');
}

const settings = localSettings();
if (!(await useRunningRuntime(settings))) {
  fail(
    `DynamoDB Local is not answering on 127.0.0.1:${settings.dynamodbPort}: start the local runtime first (npm start) with the same DYNAMODB_PORT and DATA_DIR`,
  );
}

const { getNetwork } = await import('#functions/networks/store');
const { loadReport, deliverReport, DeliveryInProgressError } = await import('#functions/reports/service');
const { reportPeriod } = await import('#functions/reports/report');
const { reportCsv } = await import('#functions/reports/csv');
const { reportText } = await import('#functions/reports/email');

const networkId = values.network;
const network = await getNetwork(networkId);
if (!network) fail(`network ${networkId} does not exist in ${settings.dataDir}`, 1);

if (values.send) {
  try {
    const result = await deliverReport(networkId, new Date().toISOString(), 'cli');
    if (result.outcome === 'sent') {
      process.stdout.write(
        `sent the report ${result.period.from} to ${result.period.to} to ${result.recipients.map((r) => r.email).join(', ')} (outbox: ${process.env[ENV.outboxDir]})\n`,
      );
    } else if (result.outcome === 'already-sent') {
      const d = result.delivery;
      process.stdout.write(
        `the report ${d.from} to ${d.to} was already sent ${d.finishedAt ?? d.claimedAt} (${d.trigger}) to ${d.recipients.map((r) => r.email).join(', ')}; not sending it twice\n`,
      );
    } else fail(result.reason, 1);
  } catch (err) {
    if (err instanceof DeliveryInProgressError) fail(err.message, 1);
    throw err;
  }
  process.exit(0);
}

const { ReportQuery } = await import('#functions/reports/schema');
const given = ReportQuery.safeParse({ from: values.from, to: values.to });
if (!given.success) {
  fail(given.error.issues.map((i) => `--${String(i.path[0])}: ${i.message}`).join('; '));
}
const result = reportPeriod(new Date(), network.timezone, given.data);
if ('errors' in result)
  fail(result.errors.map((e) => `${e.path.replace('query.', '--')}: ${e.message}`).join('; '));
const report = await loadReport(network, result.period);
if (values.format === 'csv') process.stdout.write(reportCsv(report));
else if (values.format === 'json') process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
else process.stdout.write(reportText(report));
process.exit(0);
