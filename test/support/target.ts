import { fetchApi, type RunningRuntime, removeDataDir, startRuntime } from './runtime';

/**
 * Where the end-to-end journeys run: the local runtime (default: `npm start` in a child process)
 * or a deployed stack, when API_URL is set. For a deployed stack the tokens come from the
 * environment (Cognito ID tokens, e.g. from `aws cognito-idp admin-initiate-auth`):
 *
 *   API_URL=https://….execute-api.eu-central-1.amazonaws.com  E2E_SLUG=<public slug>
 *   E2E_COORDINATOR_TOKEN=…  E2E_PARTNER_TOKEN=…  E2E_OTHER_COORDINATOR_TOKEN=… (another network)
 *   npx vitest run --project e2e
 */
export interface E2eTarget {
  kind: 'local' | 'deployed';
  /** The public slug of the network the journeys use. */
  slug: string;
  token: (who: 'coordinator' | 'partner' | 'other-coordinator') => Promise<string>;
  api: (
    method: string,
    path: string,
    opts?: { token?: string; body?: unknown; headers?: Record<string, string> },
  ) => Promise<Response>;
  stop: () => Promise<void>;
}

export const deployed = Boolean(process.env.API_URL);

function required(name: string): string {
  const v = process.env[name];
  if (!v)
    throw new Error(
      `${name} must be set to run the e2e journeys against API_URL (see test/support/target.ts)`,
    );
  return v;
}

export async function startTarget(): Promise<E2eTarget> {
  if (deployed) {
    const apiUrl = required('API_URL').replace(/\/$/, '');
    const tokens = {
      coordinator: required('E2E_COORDINATOR_TOKEN'),
      partner: required('E2E_PARTNER_TOKEN'),
      'other-coordinator': required('E2E_OTHER_COORDINATOR_TOKEN'),
    };
    return {
      kind: 'deployed',
      slug: required('E2E_SLUG'),
      token: async (who) => tokens[who],
      api: (method, path, opts) => fetchApi(apiUrl, method, path, opts),
      stop: async () => undefined,
    };
  }
  const rt: RunningRuntime = await startRuntime();
  // a second network, so journeys can prove that another network learns nothing
  const operator = await rt.token({ role: 'operator' });
  const other = await rt.api('POST', '/networks', {
    token: operator,
    body: {
      name: 'Anderer Verbund',
      slug: 'anderer',
      contact: { name: 'Eva Berger', email: 'eva@anderer.example' },
    },
  });
  if (other.status !== 201) throw new Error(`could not create the second network: ${other.status}`);
  const otherId = ((await other.json()) as { id: string }).id;
  return {
    kind: 'local',
    slug: 'demo',
    token: (who) =>
      who === 'coordinator'
        ? rt.token({ role: 'coordinator', networkId: 'demo' })
        : who === 'partner'
          ? rt.token({ role: 'partner', networkId: 'demo', partnerId: 'demo-p3' })
          : rt.token({ role: 'coordinator', networkId: otherId }),
    api: rt.api,
    stop: async () => {
      await rt.stop();
      removeDataDir(rt);
    },
  };
}
