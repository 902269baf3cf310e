import { AppError } from '#shared/http/errors';
import { type Reply, reply } from '#shared/http/handler';

/** Lambda answers at most 6 MB; base64 makes 4.5 MB of mail into 6 MB. */
const MAX_INLINE = 4.5 * 1024 * 1024;

/** A raw message as a download, or 413 when it is too large to pass through the API. */
export function rawSource(raw: Uint8Array, mailId: string): Reply {
  if (raw.byteLength > MAX_INLINE) {
    throw new AppError(
      413,
      'too-large',
      `the raw source is ${(raw.byteLength / 1024 / 1024).toFixed(1)} MB, more than the API can return (4.5 MB); the operator can fetch it from the mail bucket`,
    );
  }
  return reply.file(raw, 'message/rfc822', `${mailId}.eml`);
}
