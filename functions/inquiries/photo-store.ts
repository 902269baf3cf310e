import { ValidationError } from '#shared/http/errors';
import type { UploadedFile } from '#shared/http/form';
import { newId } from '#shared/ids';
import { mailStorage } from '#shared/mail/storage';
import {
  PHOTO_FIELD,
  PHOTO_TYPES,
  type PhotoType,
  photoFilename,
  photoKey,
  type StoredPhoto,
  sniffPhotoType,
} from './photos';

/** A photo that passed the checks, not stored yet. */
export interface CheckedPhoto {
  filename: string;
  contentType: PhotoType;
  bytes: Uint8Array;
}

/**
 * Each file's type read from its bytes; the first that is no JPEG, PNG, WebP or HEIC photo
 * refuses the whole post (400 naming `photos.<n>`), before anything is written.
 */
export function checkPhotos(files: readonly UploadedFile[]): CheckedPhoto[] {
  return files.map((file, i) => {
    const contentType = sniffPhotoType(file.bytes);
    if (!contentType) {
      const message = 'must be a photo (JPEG, PNG, WebP or HEIC); its content is none of these';
      throw new ValidationError(`${PHOTO_FIELD}.${i}: ${message}`, [
        {
          path: `${PHOTO_FIELD}.${i}`,
          message,
          code: 'unsupported_type',
          params: { values: [...PHOTO_TYPES] },
        },
      ]);
    }
    return { filename: photoFilename(file.filename, contentType, i + 1), contentType, bytes: file.bytes };
  });
}

/**
 * Puts the photos into the mail storage (S3 in AWS, DATA_DIR locally) under `photos/`, before
 * the inquiry that lists them is written: a listed photo always has its bytes (an inquiry that
 * then fails leaves unlisted objects, which the bucket's lifecycle removes with the rest).
 */
export async function storePhotos(
  networkId: string,
  photos: readonly CheckedPhoto[],
): Promise<StoredPhoto[]> {
  // a post without photos needs no storage (nor its settings)
  if (photos.length === 0) return [];
  const storage = mailStorage();
  return Promise.all(
    photos.map(async (p) => {
      const id = newId();
      await storage.putAttachment(photoKey(networkId, id), p.bytes, p.contentType);
      return { id, filename: p.filename, contentType: p.contentType, size: p.bytes.byteLength };
    }),
  );
}

/** The bytes of an inquiry's photo, or undefined. */
export async function readPhoto(networkId: string, photoId: string): Promise<Buffer | undefined> {
  return mailStorage().getAttachment(photoKey(networkId, photoId));
}
