import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signDevToken, type TokenRequest } from '#infra/local/dev-jwt';
import { freePort } from '#test/global-setup';

export interface RunningRuntime {
  apiUrl: string;
  smtpPort: number;
  dynamodbPort: number;
  dataDir: string;
  output: () => string;
  token: (t: TokenRequest) => Promise<string>;
  /** Sends `fetch` to the API with an optional bearer token and JSON body. */
  api: (
    method: string,
    path: string,
    opts?: { token?: string; body?: unknown; headers?: Record<string, string> },
  ) => Promise<Response>;
  /** PIDs of processes still running with this runtime's data directory on their command line. */
  survivors: () => number[];
  stop: () => Promise<number | null>;
}

/**
 * Starts `npm start` as a user would (a separate process, free ports, its own DATA_DIR, or the
 * `dataDir` of a runtime stopped before, to restart it) and waits for the ready banner. `stop()`
 * sends SIGTERM like Ctrl-C would and waits for the exit.
 */
export async function startRuntime(
  extraArgs: string[] = [],
  env: Record<string, string> = {},
  opts: { dataDir?: string } = {},
): Promise<RunningRuntime> {
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'verbund-e2e-'));
  const [port, smtpPort, dynamodbPort] = [await freePort(), await freePort(), await freePort()];
  const child: ChildProcess = spawn('node_modules/.bin/tsx', ['infra/local/start.ts', ...extraArgs], {
    env: {
      ...process.env,
      PORT: String(port),
      SMTP_PORT: String(smtpPort),
      DYNAMODB_PORT: String(dynamodbPort),
      DATA_DIR: dataDir,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d) => {
    output += d;
  });
  child.stderr?.on('data', (d) => {
    output += d;
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`runtime did not become ready in 60 s:\n${output}`)),
      60_000,
    );
    const check = () => {
      if (output.includes('runtime ready')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`runtime exited with ${code}:\n${output}`));
    });
  });
  const apiUrl = `http://127.0.0.1:${port}`;
  const survivors = () => {
    try {
      return execFileSync('pgrep', ['-f', dataDir], { encoding: 'utf8' })
        .split('\n')
        .filter(Boolean)
        .map(Number);
    } catch {
      return [];
    }
  };
  return {
    apiUrl,
    smtpPort,
    dynamodbPort,
    dataDir,
    output: () => output,
    token: (t) => signDevToken(dataDir, t),
    api: (method, path, opts = {}) =>
      fetch(`${apiUrl}${path}`, {
        method,
        headers: {
          ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
          ...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...opts.headers,
        },
        body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
      }),
    survivors,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      const code = await exited;
      return code;
    },
  };
}

/** Removes a runtime's data directory (call after stop()). */
export function removeDataDir(rt: RunningRuntime) {
  rmSync(rt.dataDir, { recursive: true, force: true });
}
