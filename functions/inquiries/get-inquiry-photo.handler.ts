import { NotFoundError } from '#shared/http/errors';
import { http } from '#shared/http/handler';
import { readPhoto } from './photo-store';
import { PHOTO_TYPES } from './photos';
import { InquiryPhotoPath } from './schema';
import { getInquiry } from './store';

export const handler = http(
  {
    summary: 'A photo the customer sent with the form (the image, as stored)',
    description:
      'Its type as read from the bytes at upload. Another network’s inquiry or photo answers 404 like an unknown one.',
    auth: ['coordinator'],
    params: InquiryPhotoPath,
    produces: PHOTO_TYPES,
  },
  async ({ caller, params }) => {
    const inquiry = await getInquiry(caller.networkId, params.inquiryId);
    const photo = inquiry?.photos?.find((p) => p.id === params.photoId);
    const bytes = photo && (await readPhoto(caller.networkId, photo.id));
    if (!photo || !bytes) throw new NotFoundError('photo');
    return {
      status: 200,
      file: bytes,
      headers: {
        'content-type': photo.contentType,
        'content-disposition': `inline; filename="${photo.filename.replace(/[^A-Za-z0-9._-]/g, '_')}"`,
        'cache-control': 'private, max-age=3600',
        'x-content-type-options': 'nosniff',
      },
    };
  },
);
