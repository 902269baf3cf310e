import { createServer, type Server } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { assertJava } from '#infra/local/dynamodb';
import { freePort } from '#test/global-setup';
import {
  dynamodbSpawned,
  launchRuntime,
  type RuntimeProcess,
  removeDataDir,
  startRuntime,
} from '#test/support/runtime';

describe('npm start when the machine is not ready', () => {
  const blockers: Server[] = [];
  afterAll(() => {
    for (const b of blockers) b.close();
  });

  async function occupy(): Promise<number> {
    const port = await freePort();
    const server = createServer();
    await new Promise<void>((r) => server.listen(port, '127.0.0.1', () => r()));
    blockers.push(server);
    return port;
  }

  it('names the env var to change when the HTTP port is taken, and starts nothing', async () => {
    const port = await occupy();
    const err = await startRuntime([], { PORT: String(port) }).catch((e: Error) => e);
    expect(String(err)).toContain(
      `verbund: port ${port} is taken: stop what uses it or set PORT=<another port>`,
    );
    expect(String(err)).toMatch(/exited with 1/);
  });

  it('names DYNAMODB_PORT when DynamoDB Local cannot get its port', async () => {
    const port = await occupy();
    const err = await startRuntime([], { DYNAMODB_PORT: String(port) }).catch((e: Error) => e);
    expect(String(err)).toContain(`set DYNAMODB_PORT=<another port>`);
  });

  it('says what to install when Java is missing', () => {
    expect(() => assertJava('java-not-installed-here')).toThrow(
      'DynamoDB Local needs Java 17 or newer and `java` is not on PATH: install it (Debian: apt-get install openjdk-17-jre-headless)',
    );
  });
});

/** When the signal comes: before anything started, while DynamoDB Local starts, once ready. */
const MOMENTS = {
  'right after spawn': async (_rt: RuntimeProcess) => undefined,
  'while DynamoDB Local starts': async (rt: RuntimeProcess) => {
    await dynamodbSpawned(rt);
  },
  'once ready': (rt: RuntimeProcess) => rt.waitForOutput('runtime ready'),
};
const CASES = (['node', 'npm'] as const).flatMap((via) =>
  (['SIGINT', 'SIGTERM', 'SIGHUP'] as const).flatMap((signal) =>
    (Object.keys(MOMENTS) as (keyof typeof MOMENTS)[]).map((moment) => ({ via, signal, moment })),
  ),
);

describe.concurrent('npm start ends everything it started, whatever ends it and whenever', () => {
  it.each(CASES)(
    '$signal to the $via process $moment leaves no process behind',
    async ({ via, signal, moment }) => {
      // Prepare
      const rt = await launchRuntime([], {}, { via });
      try {
        await MOMENTS[moment](rt);
        // Act
        rt.kill(signal);
        const code = await rt.exited;
        // Assess: nothing of this runtime runs any more (DynamoDB Local's JVM above all)
        expect(await rt.gone()).toEqual([]);
        if (via === 'node' && moment !== 'right after spawn') {
          // it had taken the signal: a stop, not a crash
          expect(code).toBe(0);
          expect(rt.output()).toContain(`${signal}: stopping…`);
        }
      } finally {
        rt.killAll();
        removeDataDir(rt);
      }
    },
  );

  it('stops the DynamoDB Local that a killed run left behind, by its pid, and starts normally', async () => {
    // Prepare: a runtime with data, killed so hard that it cannot stop its JVM
    const first = await startRuntime();
    const operator = await first.token({ role: 'operator' });
    const created = await first.api('POST', '/networks', {
      token: operator,
      body: { name: 'Absturz Netz', slug: 'absturz', contact: { name: 'A', email: 'a@absturz.example' } },
    });
    expect(created.status).toBe(201);
    const jvm = await dynamodbSpawned(first);
    first.kill('SIGKILL');
    await first.exited;
    expect(first.survivors()).toEqual([jvm]);
    // Act: start again on the same data and the same ports
    const second = await startRuntime([], {}, { dataDir: first.dataDir, ports: first }).catch((err) => {
      first.killAll();
      throw err;
    });
    try {
      // Assess: the orphan is gone, the data is there, and the new run stops cleanly
      expect(second.output()).toContain(
        `stopped DynamoDB Local (pid ${jvm}) that an earlier run left running`,
      );
      expect(second.survivors()).not.toContain(jvm);
      const { id } = (await created.json()) as { id: string };
      const coordinator = await second.token({ role: 'coordinator', networkId: id });
      const network = await second.api('GET', '/network', { token: coordinator });
      expect(network.status).toBe(200);
      expect(((await network.json()) as { slug: string }).slug).toBe('absturz');
      expect(await second.stop()).toBe(0);
      expect(await second.gone()).toEqual([]);
    } finally {
      second.killAll();
      removeDataDir(second);
    }
  });
});
