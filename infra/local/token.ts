/**
 * `npm run token -- --network <id|slug> --role coordinator|partner|operator [--partner <id>]`
 * prints a dev JWT and nothing else, so `TOKEN=$(npm run -s token -- …)` works. The token is
 * signed with the key in DATA_DIR, so it is valid for the runtime started with that DATA_DIR.
 */
import { parseArgs } from 'node:util';
import { ROLES, type Role } from '#shared/http/auth';
import { fail as failWith, useRunningRuntime } from './cli';
import { signDevToken } from './dev-jwt';
import { localSettings } from './settings';

const HELP = `npm run -s token -- [options]     prints a dev JWT for the local runtime

  --role coordinator|partner|operator   default coordinator
  --network <id or slug>                the network (not for operator tokens); demo: demo
  --partner <id>                        the partner, for --role partner; demo: demo-p1 … demo-p10
  --email <address>                     the token's e-mail claim
  --ttl <seconds>                       lifetime, default 12 hours

The token is signed with the key in DATA_DIR (default .data), so use the same DATA_DIR as the
runtime it is for. When that runtime is running (same DYNAMODB_PORT), a network given by its
slug is looked up, and a network or partner that does not exist is refused.

  TOKEN=$(npm run -s token -- --network demo --role coordinator)
  npm run -s token -- --network demo --role partner --partner demo-p3
  npm run -s token -- --role operator
`;

function fail(message: string): never {
  return failWith('token', `${message} (npm run token -- --help)`);
}

let values: {
  network?: string;
  role?: string;
  partner?: string;
  email?: string;
  ttl?: string;
  help?: boolean;
};
try {
  ({ values } = parseArgs({
    options: {
      network: { type: 'string' },
      role: { type: 'string', default: 'coordinator' },
      partner: { type: 'string' },
      email: { type: 'string' },
      ttl: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  }));
} catch (err) {
  fail((err as Error).message);
}
if (values.help) {
  process.stdout.write(HELP);
  process.exit(0);
}

const role = values.role as Role;
if (!ROLES.includes(role)) fail(`--role must be one of ${ROLES.join(', ')}`);
if (role !== 'operator' && !values.network)
  fail('--network <id or slug> is required for coordinator and partner tokens');
if (role === 'partner' && !values.partner) fail('--partner <id> is required for a partner token');
if (values.ttl !== undefined && !/^[1-9]\d*$/.test(values.ttl))
  fail('--ttl must be a whole number of seconds');

const settings = localSettings();
let networkId = values.network;
if (networkId && (await useRunningRuntime(settings))) {
  const { getNetwork, getPartner, networkIdBySlug } = await import('#functions/networks/store');
  if (!(await getNetwork(networkId))) {
    const bySlug = await networkIdBySlug(networkId);
    if (!bySlug)
      fail(
        `no network with id or slug "${networkId}" in the runtime on DYNAMODB_PORT=${settings.dynamodbPort}`,
      );
    networkId = bySlug;
  }
  if (role === 'partner' && !(await getPartner(networkId, values.partner!))) {
    fail(`network ${networkId} has no partner "${values.partner}"`);
  }
}

const token = await signDevToken(settings.dataDir, {
  role,
  networkId,
  partnerId: role === 'partner' ? values.partner : undefined,
  email: values.email,
  ttl: values.ttl ? Number(values.ttl) : undefined,
});
process.stdout.write(`${token}\n`);
