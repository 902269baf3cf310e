import { monotonicFactory } from 'ulid';

const next = monotonicFactory();

/** A new sortable id (ULID, lower case so it reads well in URLs and keys). */
export function newId(): string {
  return next().toLowerCase();
}
