import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signDevToken, type TokenRequest } from '#infra/local/dev-jwt';
import { SCHEDULE_TARGETS, type ScheduleTarget } from '#shared/scheduler/targets';
import { freePort } from '#test/global-setup';

export interface RuntimePorts {
  port: number;
  smtpPort: number;
  dynamodbPort: number;
}

export interface RuntimeOptions {
  /** The DATA_DIR of a runtime stopped (or killed) before, to start on its data again. */
  dataDir?: string;
  /** The ports of a runtime before, to start on the very same ports again. */
  ports?: RuntimePorts;
  /**
   * How to launch: `npm` runs `npm start` (npm → sh → node), `node` runs the node process that
   * `npm start` runs (package.json `start`) directly. Signals go to the process launched.
   */
  via?: 'npm' | 'node';
}

/** A launched runtime, ready or not. */
export interface RuntimeProcess extends RuntimePorts {
  dataDir: string;
  /** The process launched: npm, or the runtime's node. */
  pid: number;
  output: () => string;
  /** Resolves with the launched process's exit code (null when a signal ended it). */
  exited: Promise<number | null>;
  kill: (signal: NodeJS.Signals) => void;
  /**
   * PIDs of the processes of this runtime that still run: each one with the DATA_DIR on its
   * command line (what `pgrep -f <DATA_DIR>` lists: DynamoDB Local's JVM) or in its environment
   * (npm, sh and node, which get DATA_DIR from there). Zombies, which run nothing, do not count.
   */
  survivors: () => number[];
  /** SIGKILLs every process of this runtime still running (clean-up after a failed test). */
  killAll: () => void;
  /** Waits until no process of this runtime runs, for at most `ms`; answers those still running. */
  gone: (ms?: number) => Promise<number[]>;
  /**
   * Waits until the output contains `text` (from character `since` on, e.g. `output().length`
   * taken before an action; rejects if the process exits first).
   */
  waitForOutput: (text: string, ms?: number, since?: number) => Promise<void>;
}

export interface RunningRuntime extends RuntimeProcess {
  apiUrl: string;
  token: (t: TokenRequest) => Promise<string>;
  /** Sends `fetch` to the API with an optional bearer token and JSON body. */
  api: (
    method: string,
    path: string,
    opts?: { token?: string; body?: unknown; headers?: Record<string, string> },
  ) => Promise<Response>;
  /** Sends SIGTERM like a service manager would and waits for the exit. */
  stop: () => Promise<number | null>;
}

/**
 * Launches the local runtime as a user would (a separate process, free ports unless given, its
 * own DATA_DIR unless given) and returns at once, without waiting for it to be ready.
 */
export async function launchRuntime(
  extraArgs: string[] = [],
  env: Record<string, string> = {},
  opts: RuntimeOptions = {},
): Promise<RuntimeProcess> {
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'verbund-e2e-'));
  const ports = opts.ports ?? {
    port: await freePort(),
    smtpPort: await freePort(),
    dynamodbPort: await freePort(),
  };
  const [command, args] =
    opts.via === 'npm'
      ? ['npm', ['start', '--silent', '--', ...extraArgs]]
      : // package.json "start", run by this test's node (the project's Node 22)
        [process.execPath, ['--import', 'tsx', 'infra/local/start.ts', ...extraArgs]];
  const child: ChildProcess = spawn(command, args, {
    env: {
      ...process.env,
      PORT: String(ports.port),
      SMTP_PORT: String(ports.smtpPort),
      DYNAMODB_PORT: String(ports.dynamodbPort),
      DATA_DIR: dataDir,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const onData = (d: Buffer) => {
    output += d;
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const survivors = () => processesOf(dataDir);
  launched.add(dataDir);
  return {
    ...ports,
    dataDir,
    pid: child.pid ?? 0,
    output: () => output,
    exited,
    kill: (signal) => {
      child.kill(signal);
    },
    survivors,
    killAll: () => {
      for (const pid of survivors()) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // gone meanwhile
        }
      }
    },
    gone: async (ms = 20_000) => {
      const deadline = Date.now() + ms;
      while (survivors().length > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      return survivors();
    },
    waitForOutput: (text, ms = 100_000, since = 0) =>
      new Promise<void>((resolve, reject) => {
        const done = (err?: Error) => {
          clearTimeout(timer);
          child.stdout?.off('data', check);
          child.off('exit', onExit);
          if (err) reject(err);
          else resolve();
        };
        const check = () => {
          if (output.indexOf(text, since) >= 0) done();
        };
        const onExit = (code: number | null) =>
          done(new Error(`runtime exited with ${code} before printing "${text}":\n${output}`));
        const timer = setTimeout(
          () => done(new Error(`runtime did not print "${text}" within ${ms / 1000} s:\n${output}`)),
          ms,
        );
        child.stdout?.on('data', check);
        child.once('exit', onExit);
        check();
      }),
  };
}

/**
 * Starts `npm start` as a user would (see {@link launchRuntime}) and waits for the ready banner.
 * `stop()` sends SIGTERM and waits for the exit.
 */
export async function startRuntime(
  extraArgs: string[] = [],
  env: Record<string, string> = {},
  opts: RuntimeOptions = {},
): Promise<RunningRuntime> {
  const proc = await launchRuntime(extraArgs, env, opts);
  try {
    await proc.waitForOutput('runtime ready');
  } catch (err) {
    proc.kill('SIGTERM');
    await proc.exited;
    throw err;
  }
  const apiUrl = `http://127.0.0.1:${proc.port}`;
  return {
    ...proc,
    apiUrl,
    token: (t) => signDevToken(proc.dataDir, t),
    api: (method, path, opts) => fetchApi(apiUrl, method, path, opts),
    stop: async () => {
      proc.kill('SIGTERM');
      return proc.exited;
    },
  };
}

/**
 * What the runtime prints when its scheduler (infra/local/scheduler.ts) has run schedule `name`'s
 * target to the end: whatever the target writes or sends directly is there once this is printed.
 */
export const scheduleRan = (name: string, target: ScheduleTarget) =>
  `schedule ${name} → ${SCHEDULE_TARGETS[target].entry} done`;

/** The pid file DynamoDB Local of a runtime on `dataDir` writes (infra/local/dynamodb.ts). */
export const dynamodbPidFile = (dataDir: string) => join(dataDir, 'dynamodb.pid');

/** Waits until the runtime has spawned DynamoDB Local (its pid file is there); answers its pid. */
export async function dynamodbSpawned(rt: RuntimeProcess, ms = 100_000): Promise<number> {
  const deadline = Date.now() + ms;
  let exited = false;
  void rt.exited.then(() => {
    exited = true;
  });
  while (!existsSync(dynamodbPidFile(rt.dataDir))) {
    if (exited) throw new Error(`runtime exited before it spawned DynamoDB Local:\n${rt.output()}`);
    if (Date.now() > deadline)
      throw new Error(`no DynamoDB Local pid file after ${ms / 1000} s:\n${rt.output()}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  return Number(readFileSync(dynamodbPidFile(rt.dataDir), 'utf8').trim());
}

// A test that times out does not reach its clean-up; whatever it launched ends with this process.
const launched = new Set<string>();
process.once('exit', () => {
  for (const dataDir of launched) {
    for (const pid of processesOf(dataDir)) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // gone meanwhile
      }
    }
  }
});

/** Running processes with `dataDir` on their command line or as DATA_DIR in their environment. */
function processesOf(dataDir: string): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name) && Number(name) !== process.pid)
    .filter((pid) => {
      const cmdline = read(`/proc/${pid}/cmdline`);
      // a zombie (dead, not yet reaped) has an empty command line and runs nothing
      if (!cmdline) return false;
      return (
        cmdline.includes(dataDir) || read(`/proc/${pid}/environ`).split('\0').includes(`DATA_DIR=${dataDir}`)
      );
    })
    .map(Number);
}

function read(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

/** Removes a runtime's data directory (call after stop()). */
export function removeDataDir(rt: { dataDir: string }) {
  rmSync(rt.dataDir, { recursive: true, force: true });
}

/** `fetch` to an API (local or deployed) with an optional bearer token and JSON body. */
export function fetchApi(
  apiUrl: string,
  method: string,
  path: string,
  opts: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<Response> {
  return fetch(`${apiUrl}${path}`, {
    method,
    headers: {
      ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
      ...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...opts.headers,
    },
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
  });
}
