import { createServer, type Server } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { assertJava } from '#infra/local/dynamodb';
import { freePort } from '#test/global-setup';
import { startRuntime } from '#test/support/runtime';

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
