/**
 * `npm start` — the whole back office on one machine. `npm start -- --demo` seeds the demo
 * network afresh. Ctrl-C (SIGINT), SIGTERM and SIGHUP, at any moment, stop everything, DynamoDB Local's
 * JVM included; so does the end of the `npm` that ran it.
 */
import { parseArgs } from 'node:util';
import { loadMailConfig } from '#shared/mail/config';
import { DEMO_NETWORK, DEMO_PARTNERS } from './demo-data';
import { signDevToken } from './dev-jwt';
import { LocalStartError } from './dynamodb';
import { watchLaunchers } from './process-tree';
import { startLocalRuntime } from './runtime';
import { localSettings } from './settings';

// Stop requests are taken from the first moment: a signal during the start stops what has
// started (DynamoDB Local's JVM above all) instead of leaving it behind.
const stopRequest = new AbortController();
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
for (const signal of SIGNALS) process.on(signal, () => requestStop(signal));
watchLaunchers(() => requestStop('npm start ended'));
// a closed terminal must not turn the goodbye lines into an uncaught write error
for (const stream of [process.stdout, process.stderr]) stream.on('error', () => undefined);

function requestStop(reason: string) {
  // Ctrl-C reaches us twice (from the terminal and forwarded by npm): one stop is enough
  if (stopRequest.signal.aborted) return;
  console.log(`\n${reason}: stopping…`);
  stopRequest.abort(reason);
  setTimeout(() => {
    // the exit hook (infra/local/dynamodb.ts) still kills the JVM
    console.error('verbund: did not stop within 15 s, exiting anyway');
    process.exit(1);
  }, 15_000).unref();
}

const { values } = parseArgs({
  options: { demo: { type: 'boolean', default: false }, quiet: { type: 'boolean' } },
});

const started = performance.now();
let settings: ReturnType<typeof localSettings>;
try {
  settings = localSettings();
} catch (err) {
  console.error(`verbund: ${(err as Error).message}`);
  process.exit(1);
}

try {
  const runtime = await startLocalRuntime(settings, {
    reseedDemo: values.demo,
    log: values.quiet ? undefined : (line) => console.log(line),
    signal: stopRequest.signal,
  });
  stopRequest.signal.addEventListener('abort', async () => {
    await runtime.stop();
    console.log('stopped');
    process.exit(0);
  });

  const coordinator = await signDevToken(settings.dataDir, {
    role: 'coordinator',
    networkId: DEMO_NETWORK.id,
  });
  const partnerId = DEMO_PARTNERS[0]!.id;
  const partner = await signDevToken(settings.dataDir, {
    role: 'partner',
    networkId: DEMO_NETWORK.id,
    partnerId,
  });
  // stopping already: the banner would advertise what is going away
  if (!stopRequest.signal.aborted) {
    console.log(`
Verbund local runtime ready in ${((performance.now() - started) / 1000).toFixed(1)} s
  Web console     ${runtime.apiUrl}/   (log in: ${runtime.apiUrl}/login; inquiry form: ${runtime.apiUrl}/${DEMO_NETWORK.id}/anfrage)
  HTTP API        ${runtime.apiUrl}/api/   (also un-prefixed; OpenAPI: ${runtime.apiUrl}/api/openapi.json)
  SMTP intake     ${runtime.smtpUrl}   (mail to ${DEMO_NETWORK.inboundLocalPart}@${loadMailConfig().domain}; outbox: ${settings.dataDir}/outbox)
  DynamoDB Local  ${runtime.dynamodbEndpoint}   data: ${settings.dataDir}
  demo network    id/slug "${DEMO_NETWORK.id}" ${runtime.seeded ? '(seeded now)' : '(kept from last run; --demo reseeds)'}

Coordinator token (network ${DEMO_NETWORK.id}):
  ${coordinator}
Partner token (${partnerId}, ${DEMO_PARTNERS[0]!.name}):
  ${partner}

Try:  curl -H "authorization: Bearer <coordinator token>" ${runtime.apiUrl}/partners
Ctrl-C stops everything.
`);
  }
} catch (err) {
  if (stopRequest.signal.aborted) {
    console.log('stopped');
    process.exit(0);
  }
  if (err instanceof LocalStartError) {
    console.error(`verbund: ${err.message}`);
    process.exit(1);
  }
  throw err;
}
