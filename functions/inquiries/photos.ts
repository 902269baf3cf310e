/**
 * Photos a customer adds to the public form: the limits, and the type read from the bytes (the
 * browser's and the file name's claim are never trusted). Pure: no I/O.
 *
 * Why these limits (docs/inquiries.md, "Photos"): a Lambda request payload is at most 6 MB and
 * API Gateway base64-encodes a multipart body, so a body of 4 MiB (5.33 MiB encoded, plus the
 * event's headers) is the most one synchronous call can carry. With JavaScript the form shrinks
 * each photo in the browser to at most 1600 px on the long side (JPEG, ≈ 0.2–0.6 MB from a
 * 3–5 MB phone photo), so five fit; without JavaScript the photos go as they are, which is one
 * typical phone photo (or two small ones) within the same 4 MiB.
 */

/** At most this many photos per inquiry. */
export const MAX_PHOTOS = 5;
/** The whole form post (fields and photos): what fits into one Lambda call, base64-encoded. */
export const MAX_FORM_BYTES = 4 * 1024 * 1024;
/** One photo: as large as the whole post may be (the post's limit is the one that bites). */
export const MAX_PHOTO_BYTES = MAX_FORM_BYTES;
/** The form field that carries them (`<input type="file" name="photos" multiple>`). */
export const PHOTO_FIELD = 'photos';

export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/heic'] as const;
export type PhotoType = (typeof PHOTO_TYPES)[number];

/**
 * HEVC-coded HEIF brands (iPhone `heic`, `heix`, sequences `hevc`/`hevx`, `heim`/`heis`). The
 * generic `mif1`/`msf1` alone are not enough: AVIF images carry them too.
 */
const HEIF_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis']);

const ascii = (b: Uint8Array, from: number, to: number) => String.fromCharCode(...b.subarray(from, to));

/**
 * The photo's type from its first bytes (magic numbers): JPEG `FF D8 FF`, PNG's 8-byte
 * signature, WebP `RIFF….WEBP`, HEIC an ISO-BMFF `ftyp` box whose major or a compatible brand is
 * an HEVC-coded HEIF brand; anything else is undefined (not a photo we keep).
 */
export function sniffPhotoType(b: Uint8Array): PhotoType | undefined {
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (b.length >= 8 && ascii(b, 0, 8) === '\x89PNG\r\n\x1a\n') return 'image/png';
  if (b.length >= 12 && ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 12) === 'WEBP') return 'image/webp';
  if (b.length >= 12 && ascii(b, 4, 8) === 'ftyp') {
    const boxSize = ((b[0]! << 24) | (b[1]! << 16) | (b[2]! << 8) | b[3]!) >>> 0;
    const end = Math.min(boxSize, b.length, 256);
    const brands = [ascii(b, 8, 12)];
    for (let i = 16; i + 4 <= end; i += 4) brands.push(ascii(b, i, i + 4));
    if (brands.some((brand) => HEIF_BRANDS.has(brand))) return 'image/heic';
  }
  return undefined;
}

/** What the inquiry keeps of a photo (the bytes are in the mail storage under `key`). */
export interface StoredPhoto {
  id: string;
  filename: string;
  contentType: PhotoType;
  size: number;
}

/** `photos/<networkId>/<photoId>`: the public function may only put under `photos/`. */
export const photoKey = (networkId: string, photoId: string) => `photos/${networkId}/${photoId}`;

/** A file name fit to show and to send back in Content-Disposition: no path, no control characters. */
export function photoFilename(name: string, type: PhotoType, n: number): string {
  const base = (name.split(/[/\\]/).at(-1) ?? '')
    .replace(/[\p{Cc}"<>|*?:]/gu, '')
    .trim()
    .slice(0, 120);
  return base || `foto-${n}.${type.slice('image/'.length).replace('jpeg', 'jpg')}`;
}
