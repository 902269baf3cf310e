/**
 * `npm start` — the whole back office on one machine. `npm start -- --demo` seeds the demo
 * network afresh. Ctrl-C stops everything, DynamoDB Local's JVM included.
 */
import { parseArgs } from 'node:util';
import { loadMailConfig } from '#shared/mail/config';
import { DEMO_NETWORK, DEMO_PARTNERS } from './demo-data';
import { signDevToken } from './dev-jwt';
import { LocalStartError } from './dynamodb';
import { startLocalRuntime } from './runtime';
import { localSettings } from './settings';

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
  });
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping…`);
    await runtime.stop();
    console.log('stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

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
  console.log(`
Verbund local runtime ready in ${((performance.now() - started) / 1000).toFixed(1)} s
  HTTP API        ${runtime.apiUrl}   (OpenAPI: ${runtime.apiUrl}/openapi.json)
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
} catch (err) {
  if (err instanceof LocalStartError) {
    console.error(`verbund: ${err.message}`);
    process.exit(1);
  }
  throw err;
}
