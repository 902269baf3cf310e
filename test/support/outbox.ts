import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import PostalMime from 'postal-mime';

/** The .eml files in an outbox directory, parsed, oldest first. */
export async function outbox(dir: string) {
  let files: string[] = [];
  try {
    files = readdirSync(dir)
      .filter((f) => f.endsWith('.eml'))
      .sort();
  } catch {
    return [];
  }
  return Promise.all(
    files.map(async (f) => {
      const mail = await PostalMime.parse(readFileSync(join(dir, f)));
      return { to: mail.to?.map((a) => a.address) ?? [], subject: mail.subject ?? '', text: mail.text ?? '' };
    }),
  );
}
