/**
 * DynamoDB's item size and read units, computed from an item as the document client returns it
 * (AWS "Item sizes and formats"): a string is its UTF-8 bytes, a number about 1 byte per two
 * significant digits plus 1, a boolean or null 1, a map or list 3 bytes plus 1 per element plus
 * the elements; each attribute adds its name. A Query bills the summed size of the items it
 * reads, per 1 MB page, rounded up to 4 KB: 1 read unit per 4 KB, half for eventually consistent.
 */

const utf8 = (s: string) => Buffer.byteLength(s, 'utf8');

function numberSize(n: number): number {
  const digits = String(Math.abs(n)).replace('.', '').replace(/^0+/, '').replace(/0+$/, '');
  return Math.ceil(Math.max(1, digits.length) / 2) + 1;
}

export function valueSize(v: unknown): number {
  if (v === null || v === undefined || typeof v === 'boolean') return 1;
  if (typeof v === 'string') return utf8(v);
  if (typeof v === 'number') return numberSize(v);
  if (v instanceof Set) return [...v].reduce((s: number, x) => s + valueSize(x), 0);
  if (v instanceof Uint8Array) return v.byteLength;
  if (Array.isArray(v)) return 3 + v.reduce((s: number, x) => s + 1 + valueSize(x), 0);
  if (typeof v === 'object') {
    return 3 + Object.entries(v).reduce((s, [k, x]) => s + 1 + utf8(k) + valueSize(x), 0);
  }
  return 0;
}

/** The size DynamoDB bills an item at: each attribute's name plus its value. */
export const itemSize = (item: Record<string, unknown>) =>
  Object.entries(item).reduce((s, [k, v]) => s + utf8(k) + valueSize(v), 0);

const PAGE = 1024 * 1024;

/** Read units of one Query (eventually consistent) returning items of these sizes, page by page. */
export function queryReadUnits(sizes: readonly number[]): number {
  let units = 0;
  let page = 0;
  const close = () => {
    units += Math.max(1, Math.ceil(page / 4096)) * 0.5;
    page = 0;
  };
  for (const s of sizes) {
    page += s;
    if (page >= PAGE) close();
  }
  if (page > 0 || units === 0) close();
  return units;
}
