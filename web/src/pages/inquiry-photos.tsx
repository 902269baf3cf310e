import { useEffect, useState } from 'preact/hooks';
import { api } from '../api';
import { fileSize } from '../format';
import { t } from '../i18n';

interface Photo {
  id: string;
  filename: string;
  contentType: string;
  size: number;
}

/** Browsers other than Safari cannot show HEIC: a tile with the name, the link downloads it. */
const shown = (type: string) => type !== 'image/heic';

/**
 * The photos the customer sent with the form: thumbnails, each opens the full image in a new
 * tab. The images come through the authenticated API (`GET /inquiries/{id}/photos/{photoId}`),
 * so they are fetched with the token and shown from object URLs.
 */
export default function InquiryPhotos({ inquiryId, photos }: { inquiryId: string; photos: Photo[] }) {
  const [urls, setUrls] = useState<Record<string, string>>({});
  const [failed, setFailed] = useState(false);
  const ids = photos.map((p) => p.id).join(',');
  useEffect(() => {
    let live = true;
    const made: string[] = [];
    void Promise.all(
      photos.map(async (p) => {
        const { data, error } = await api.GET('/inquiries/{inquiryId}/photos/{photoId}', {
          params: { path: { inquiryId, photoId: p.id } },
          parseAs: 'blob',
        });
        if (error || !(data instanceof Blob)) throw new Error('photo');
        const url = URL.createObjectURL(data);
        made.push(url);
        return [p.id, url] as const;
      }),
    ).then(
      (pairs) => live && setUrls(Object.fromEntries(pairs)),
      () => live && setFailed(true),
    );
    return () => {
      live = false;
      for (const u of made) URL.revokeObjectURL(u);
    };
  }, [inquiryId, ids]);
  if (photos.length === 0) return null;
  return (
    <section class="photos" aria-labelledby="photos-title">
      <h3 id="photos-title">{t('inquiry.photos', { count: photos.length })}</h3>
      {failed && <p class="muted">{t('inquiry.photosFailed')}</p>}
      <ul class="photo-grid">
        {photos.map((p) => (
          <li key={p.id}>
            <a
              class="photo-link"
              href={urls[p.id]}
              target="_blank"
              rel="noopener"
              {...(shown(p.contentType) ? {} : { download: p.filename })}
              aria-label={t('inquiry.photoOpen', { name: p.filename })}
            >
              {urls[p.id] && shown(p.contentType) ? (
                <img src={urls[p.id]} alt={p.filename} loading="lazy" />
              ) : (
                <span class="photo-tile">{p.contentType.slice('image/'.length).toUpperCase()}</span>
              )}
            </a>
            <span class="photo-name">
              {p.filename} · {fileSize(p.size)}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
