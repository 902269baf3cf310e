import { mkdirSync, mkdtempSync, readdirSync, readFileSync, watch } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PostalMime from 'postal-mime';
import { createStreamPoller, type StreamPoller } from '#infra/local/streams';
import { streamConsumers } from '#infra/streams';

export interface ReadMail {
  file: string;
  from: string;
  fromName: string;
  to: string[];
  replyTo: string[];
  subject: string;
  text: string;
  html: string;
  attachments: { filename: string; mimeType: string; content: string }[];
}

/** Parses every .eml in an outbox directory (as a user's mail client would show them). */
export async function readOutbox(dir: string): Promise<ReadMail[]> {
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.eml'));
  } catch {
    return [];
  }
  return Promise.all(
    files.sort().map(async (file) => {
      const m = await PostalMime.parse(readFileSync(join(dir, file)), { attachmentEncoding: 'utf8' });
      return {
        file,
        from: m.from?.address ?? '',
        fromName: m.from?.name ?? '',
        to: (m.to ?? []).map((a) => a.address ?? ''),
        replyTo: (m.replyTo ?? []).map((a) => a.address ?? ''),
        subject: m.subject ?? '',
        text: m.text ?? '',
        html: m.html ?? '',
        attachments: m.attachments.map((a) => ({
          filename: a.filename ?? '',
          mimeType: a.mimeType,
          content: typeof a.content === 'string' ? a.content : new TextDecoder().decode(a.content),
        })),
      };
    }),
  );
}

/**
 * Makes outbound mail of this test process land as .eml files in a fresh directory (the local
 * runtime's file transport) and returns a reader for it. Call before the first mail is sent.
 */
export function useFileOutbox() {
  const dir = mkdtempSync(join(tmpdir(), 'verbund-outbox-'));
  process.env.MAIL_TRANSPORT = 'file';
  process.env.OUTBOX_DIR = dir;
  return { dir, read: () => readOutbox(dir) };
}

let poller: StreamPoller | undefined;

/**
 * Delivers the mail the code under test queued (shared/mail/outbox.ts): runs the local stream
 * poller of `npm start` (infra/local/streams.ts) over this test file's table stream until it is
 * drained, so the outbox consumer sends every queued mail through the configured transport.
 * Call it before reading the outbox. Resolves with the stream records read.
 */
export async function deliverQueuedMail(): Promise<number> {
  poller ??= createStreamPoller({
    dataDir: mkdtempSync(join(tmpdir(), 'verbund-streams-')),
    root: process.cwd(),
    endpoint: process.env.DYNAMODB_ENDPOINT!,
    tableName: process.env.TABLE_NAME!,
    consumers: streamConsumers,
    backoffMs: 10,
  });
  return poller.drain();
}

/**
 * Calls `check` now and again each time an entry of `dir` appears, changes or goes (the file
 * system's change events, not a clock), until it answers something other than undefined; after
 * `timeoutMs` it answers undefined. Creates `dir` if it is not there yet.
 */
export async function whenDirChanges<T>(
  dir: string,
  check: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 20_000,
): Promise<T | undefined> {
  mkdirSync(dir, { recursive: true });
  let changed = true;
  let wake = () => {};
  const watcher = watch(dir, () => {
    changed = true;
    wake();
  });
  watcher.on('error', () => {
    changed = true;
    wake();
  });
  const deadline = Date.now() + timeoutMs;
  try {
    for (;;) {
      if (changed) {
        // a change while `check` runs sets `changed` again: nothing is missed
        changed = false;
        const value = await check();
        if (value !== undefined) return value;
        continue;
      }
      const left = deadline - Date.now();
      if (left <= 0) return undefined;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wake = () => {};
    }
  } finally {
    watcher.close();
  }
}

/**
 * Waits until the outbox in `dir` holds what `done` looks for (the local runtime sends queued
 * mail within a poll interval; each mail is renamed into the directory, which wakes the wait) and
 * returns all mails then; after `timeoutMs` it returns what is there, for the test's assertions to
 * name what is missing.
 */
export async function waitForMail(
  dir: string,
  done: (mails: ReadMail[]) => boolean,
  timeoutMs = 20_000,
): Promise<ReadMail[]> {
  const found = await whenDirChanges(
    dir,
    async () => {
      const mails = await readOutbox(dir);
      return done(mails) ? mails : undefined;
    },
    timeoutMs,
  );
  return found ?? readOutbox(dir);
}
