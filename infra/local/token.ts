/**
 * `npm run token -- --network <id> --role coordinator|partner|operator [--partner <id>] [--email x]`
 * prints a dev JWT and nothing else, so `TOKEN=$(npm run -s token -- …)` works.
 */
import { parseArgs } from 'node:util';
import { ROLES, type Role } from '#shared/http/auth';
import { signDevToken } from './dev-jwt';
import { localSettings } from './settings';

const { values } = parseArgs({
  options: {
    network: { type: 'string' },
    role: { type: 'string', default: 'coordinator' },
    partner: { type: 'string' },
    email: { type: 'string' },
    ttl: { type: 'string' },
  },
});

function fail(message: string): never {
  process.stderr.write(`token: ${message}\n`);
  process.exit(2);
}

const role = values.role as Role;
if (!ROLES.includes(role)) fail(`--role must be one of ${ROLES.join(', ')}`);
if (role !== 'operator' && !values.network)
  fail('--network <id> is required for coordinator and partner tokens');
if (role === 'partner' && !values.partner) fail('--partner <id> is required for a partner token');

const token = await signDevToken(localSettings().dataDir, {
  role,
  networkId: values.network,
  partnerId: role === 'partner' ? values.partner : undefined,
  email: values.email,
  ttl: values.ttl ? Number(values.ttl) : undefined,
});
process.stdout.write(`${token}\n`);
