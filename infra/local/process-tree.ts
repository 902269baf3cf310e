import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/**
 * What the local runtime needs to know about other processes: their command line, whether they
 * still run, and who their parent is. Linux answers from /proc; elsewhere `ps` answers the first
 * two and the launcher watch falls back to our own parent.
 */

const hasProc = (() => {
  try {
    readFileSync('/proc/self/stat');
    return true;
  } catch {
    return false;
  }
})();

/** The argument vector of `pid`, or undefined when no such process runs (or it is a zombie). */
export function commandLine(pid: number): string[] | undefined {
  if (hasProc) {
    // a process whose main thread has ended shows an empty cmdline while its other threads (a
    // JVM's, say) still run; they share its memory, so any of them can tell
    for (const task of tasks(pid)) {
      const raw = read(`/proc/${pid}/task/${task}/cmdline`);
      if (raw) return raw.replace(/\0$/, '').split('\0');
    }
    return undefined;
  }
  const ps = spawnSync('ps', ['-ww', '-o', 'args=', '-p', String(pid)], { encoding: 'utf8' });
  const line = ps.status === 0 ? ps.stdout.trim() : '';
  return line ? line.split(/\s+/) : undefined;
}

/** True while `pid` runs (a zombie, dead but not yet reaped, does not count). */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
  // a zombie (dead, not yet reaped) runs nothing, unless only its main thread has ended
  return !hasProc || stat(pid)?.state !== 'Z' || tasks(pid).length > 1;
}

/** The thread ids of `pid`, its main thread first. */
function tasks(pid: number): string[] {
  try {
    const all = readdirSync(`/proc/${pid}/task`);
    return [String(pid), ...all.filter((t) => t !== String(pid))];
  } catch {
    return [];
  }
}

function read(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

/** Waits until `pid` no longer runs; false if it still runs after `ms`. */
export async function waitForExit(pid: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (isRunning(pid)) {
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 50));
  }
  return true;
}

function stat(pid: number): { state: string; ppid: number } | undefined {
  try {
    // "pid (comm) state ppid …"; comm may contain spaces and parentheses, so parse after the last ')'
    const raw = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const [state, ppid] = raw.slice(raw.lastIndexOf(')') + 2).split(' ');
    return state && ppid ? { state, ppid: Number(ppid) } : undefined;
  } catch {
    return undefined;
  }
}

function environment(pid: number): Map<string, string> | undefined {
  try {
    const raw = readFileSync(`/proc/${pid}/environ`, 'utf8');
    return new Map(
      raw
        .split('\0')
        .filter(Boolean)
        .map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]),
    );
  } catch {
    return undefined;
  }
}

/**
 * The processes that launched us, nearest first: our parent and, when an npm script ran us, every
 * wrapper up to and including that npm (`npm start` runs `sh -c …` which runs node). A wrapper
 * carries the script's `npm_lifecycle_event` and `npm_package_json`; the npm that ran the script
 * is the first ancestor without them.
 */
export function launchers(): number[] {
  const chain = [process.ppid];
  const event = process.env.npm_lifecycle_event;
  const pkg = process.env.npm_package_json;
  if (!event || !hasProc) return chain;
  for (let pid = process.ppid; chain.length < 8; ) {
    const env = environment(pid);
    if (env?.get('npm_lifecycle_event') !== event || env.get('npm_package_json') !== pkg) break;
    const parent = stat(pid)?.ppid;
    if (!parent) break;
    chain.push(parent);
    pid = parent;
  }
  return chain;
}

/**
 * Calls `onGone` once when a launcher from {@link launchers} is gone. Signals do not always reach
 * us: npm forwards only SIGINT and SIGTERM, and to its `sh`, which dies of it without passing it
 * on; a SIGHUP to npm (or a SIGKILL) ends npm alone. A dead process's children get a new parent,
 * so a broken parent link anywhere in the chain means someone above us has gone.
 */
export function watchLaunchers(onGone: () => void, everyMs = 250): () => void {
  const chain = launchers();
  const intact = () => {
    if (process.ppid !== chain[0]) return false;
    for (let i = 0; i + 1 < chain.length; i++) {
      if (stat(chain[i]!)?.ppid !== chain[i + 1]) return false;
    }
    return true;
  };
  // an npm script's node is never a child of init: npm ran it through sh, which died before we looked
  const adopted = chain.length === 1 && chain[0] === 1 && Boolean(process.env.npm_lifecycle_event);
  const timer = setInterval(() => {
    if (adopted || !intact()) {
      clearInterval(timer);
      onGone();
    }
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
