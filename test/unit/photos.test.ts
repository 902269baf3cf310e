import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { photoFilename, sniffPhotoType } from '#functions/inquiries/photos';

const fixture = (name: string) => readFileSync(join(import.meta.dirname, '..', 'fixtures', 'photos', name));
const ftyp = (major: string, ...compatible: string[]) => {
  const brands = Buffer.from([major, '\0\0\0\0', ...compatible].join(''));
  const size = Buffer.alloc(4);
  size.writeUInt32BE(8 + brands.length);
  return Buffer.concat([size, Buffer.from('ftyp'), brands, Buffer.alloc(100)]);
};

describe('the type of a form photo, read from its bytes', () => {
  it('knows JPEG, PNG and WebP made by a browser', () => {
    expect(sniffPhotoType(fixture('bathroom.jpg'))).toBe('image/jpeg');
    expect(sniffPhotoType(fixture('tiles.png'))).toBe('image/png');
    expect(sniffPhotoType(fixture('wall.webp'))).toBe('image/webp');
  });

  it('knows HEIC by its ftyp brands, major or compatible, and refuses other ISO-BMFF files', () => {
    expect(sniffPhotoType(ftyp('heic', 'mif1', 'heic'))).toBe('image/heic');
    expect(sniffPhotoType(ftyp('mif1', 'heic'))).toBe('image/heic');
    // an MP4 video and an AVIF image are ISO-BMFF too, but no photo we keep
    expect(sniffPhotoType(ftyp('isom', 'iso2', 'mp41'))).toBeUndefined();
    expect(sniffPhotoType(ftyp('avif', 'mif1', 'miaf'))).toBeUndefined();
  });

  it('refuses what only looks like a photo by its name or is cut short', () => {
    expect(sniffPhotoType(Buffer.from('%PDF-1.7'))).toBeUndefined();
    expect(sniffPhotoType(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeUndefined();
    expect(sniffPhotoType(Buffer.from('GIF89a'))).toBeUndefined();
    expect(sniffPhotoType(Buffer.from([0xff, 0xd8]))).toBeUndefined();
    expect(sniffPhotoType(Buffer.from('RIFF\0\0\0\0WAVE'))).toBeUndefined();
    expect(sniffPhotoType(new Uint8Array())).toBeUndefined();
  });

  it('keeps a file name without its path, and names a nameless photo by its type', () => {
    expect(photoFilename('C:\\fakepath\\Bad "alt".jpg', 'image/jpeg', 1)).toBe('Bad alt.jpg');
    expect(photoFilename('../../etc/passwd', 'image/png', 2)).toBe('passwd');
    expect(photoFilename('', 'image/jpeg', 3)).toBe('foto-3.jpg');
    expect(photoFilename('  ', 'image/heic', 4)).toBe('foto-4.heic');
  });
});
