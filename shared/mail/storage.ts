import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import * as z from 'zod/mini';
import { ConfigError, parseEnv } from '#shared/env';
import { ENV } from '#shared/env-names';

/**
 * Where inbound mail is kept: the raw RFC 5322 source of every received message and the
 * attachments taken out of it. In AWS one S3 bucket (SES writes `raw/<messageId>` itself);
 * locally two folders under DATA_DIR. Keys are the same in both: `raw/<id>`,
 * `attachments/<networkId>/<mailId>/<n>` and the photos of the public form
 * `photos/<networkId>/<photoId>` (their own prefix, so the public function's grant can be
 * put-only on it; locally under ATTACHMENTS_DIR/_photos/).
 */
export interface MailStorage {
  getRaw(key: string): Promise<Buffer | undefined>;
  putRaw(key: string, raw: Uint8Array): Promise<void>;
  getAttachment(key: string): Promise<Buffer | undefined>;
  putAttachment(key: string, content: Uint8Array, contentType: string): Promise<void>;
}

export const RAW_PREFIX = 'raw/';
export const ATTACHMENT_PREFIX = 'attachments/';
export const PHOTO_PREFIX = 'photos/';

/** Keys are built by our code, but a key must never climb out of its folder locally. */
const SAFE_KEY = /^(?:raw|attachments|photos)\/[A-Za-z0-9._-]+(?:\/[A-Za-z0-9._-]+)*$/;

function checkKey(key: string): string {
  if (!SAFE_KEY.test(key) || key.split('/').some((p) => p === '.' || p === '..')) {
    throw new Error(`invalid mail storage key: ${JSON.stringify(key)}`);
  }
  return key;
}

const StorageConfig = z.object({
  [ENV.mailStore]: z._default(z.enum(['s3', 'fs']), 's3'),
  [ENV.mailBucket]: z.optional(z.string().check(z.minLength(3))),
  [ENV.mailDir]: z._default(z.string(), '.data/mail'),
  [ENV.attachmentsDir]: z._default(z.string(), '.data/attachments'),
});

/** Reads the storage settings; fails naming the variable when S3 is chosen without a bucket. */
export function loadStorageConfig(env: NodeJS.ProcessEnv = process.env) {
  const e = parseEnv(StorageConfig, env, 'mail storage');
  if (e[ENV.mailStore] === 's3' && !e[ENV.mailBucket]) {
    throw new ConfigError(`${ENV.mailBucket} is required when ${ENV.mailStore}=s3`);
  }
  return {
    store: e[ENV.mailStore],
    bucket: e[ENV.mailBucket] ?? '',
    mailDir: e[ENV.mailDir],
    attachmentsDir: e[ENV.attachmentsDir],
  };
}

/**
 * Local folders: `raw/<id>` → MAIL_DIR/<id>.eml, `attachments/…` → ATTACHMENTS_DIR/…,
 * `photos/…` → ATTACHMENTS_DIR/_photos/… (no network id has an underscore).
 */
export function fileMailStorage(mailDir: string, attachmentsDir: string): MailStorage {
  const path = (key: string) => {
    checkKey(key);
    if (key.startsWith(RAW_PREFIX)) return join(mailDir, `${key.slice(RAW_PREFIX.length)}.eml`);
    if (key.startsWith(PHOTO_PREFIX)) return join(attachmentsDir, '_photos', key.slice(PHOTO_PREFIX.length));
    return join(attachmentsDir, key.slice(ATTACHMENT_PREFIX.length));
  };
  const read = async (key: string) => {
    try {
      return await readFile(path(key));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
  };
  const write = async (key: string, data: Uint8Array) => {
    const file = path(key);
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, data);
  };
  return {
    getRaw: read,
    putRaw: write,
    getAttachment: read,
    putAttachment: (key, content) => write(key, content),
  };
}

/** One S3 bucket; the client loads on first use so routes that never touch mail do not pay for it. */
export function s3MailStorage(bucket: string): MailStorage {
  let client: Promise<typeof import('@aws-sdk/client-s3') & { s3: import('@aws-sdk/client-s3').S3Client }>;
  const sdk = () => {
    client ??= import('@aws-sdk/client-s3').then((m) => ({ ...m, s3: new m.S3Client({}) }));
    return client;
  };
  const get = async (key: string) => {
    const { s3, GetObjectCommand } = await sdk();
    try {
      const out = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: checkKey(key) }));
      return out.Body ? Buffer.from(await out.Body.transformToByteArray()) : undefined;
    } catch (err) {
      if ((err as { name?: string }).name === 'NoSuchKey') return undefined;
      throw err;
    }
  };
  const put = async (key: string, body: Uint8Array, contentType: string) => {
    const { s3, PutObjectCommand } = await sdk();
    await s3.send(
      new PutObjectCommand({ Bucket: bucket, Key: checkKey(key), Body: body, ContentType: contentType }),
    );
  };
  return {
    getRaw: get,
    putRaw: (key, raw) => put(key, raw, 'message/rfc822'),
    getAttachment: get,
    putAttachment: put,
  };
}

let cached: MailStorage | undefined;

/** The storage chosen by MAIL_STORE (`s3` in AWS, `fs` in the local runtime), made once. */
export function mailStorage(): MailStorage {
  if (!cached) {
    const c = loadStorageConfig();
    cached = c.store === 's3' ? s3MailStorage(c.bucket) : fileMailStorage(c.mailDir, c.attachmentsDir);
  }
  return cached;
}
