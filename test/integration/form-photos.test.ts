import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { handler as getInquiry } from '#functions/inquiries/get-inquiry.handler';
import { handler as getPhoto } from '#functions/inquiries/get-inquiry-photo.handler';
import { handler as getStatus } from '#functions/inquiries/get-inquiry-status.handler';
import { handler as listInquiries } from '#functions/inquiries/list-inquiries.handler';
import { MAX_FORM_BYTES } from '#functions/inquiries/photos';
import { handler as submit } from '#functions/inquiries/submit-public-inquiry.handler';
import { handler as usage } from '#functions/reports/get-usage.handler';
import { call, claims } from '#test/support/api';
import { givenMailNetwork, useMailSandbox } from '#test/support/mail';
import { deliverQueuedMail } from '#test/support/outbox';

/**
 * Photos on the public form: multipart posts with and without the form's script, the limits,
 * the type read from the bytes, nothing written on a refusal, the coordinator's photo route
 * and its tenancy, the status page's list, usage metering.
 */
const sandbox = useMailSandbox();
const photosDir = () => join(sandbox.dir, 'attachments', '_photos');
const storedFiles = (networkId: string) =>
  existsSync(join(photosDir(), networkId)) ? readdirSync(join(photosDir(), networkId)) : [];

const fixture = (name: string) => readFileSync(join(import.meta.dirname, '..', 'fixtures', 'photos', name));
const JPEG = fixture('bathroom.jpg');
const PNG = fixture('tiles.png');
const WEBP = fixture('wall.webp');
/** The start of an iPhone photo: an ISO-BMFF `ftyp` box, major brand `heic`. */
const HEIC = Buffer.concat([
  Buffer.from([0, 0, 0, 0x18]),
  Buffer.from('ftypheic'),
  Buffer.from([0, 0, 0, 0]),
  Buffer.from('mif1heic'),
  Buffer.alloc(2000, 7),
]);

type Photo = { name: string; bytes: Uint8Array; type?: string };

/** A multipart body as a browser builds it from the form. */
async function multipart(fields: Record<string, string>, photos: Photo[] = []) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  for (const p of photos)
    form.append('photos', new Blob([p.bytes], { type: p.type ?? 'image/jpeg' }), p.name);
  const res = new Response(form);
  return { body: Buffer.from(await res.arrayBuffer()), type: res.headers.get('content-type')! };
}

const FIELDS = {
  'customer.name': 'Jörg Müller',
  'customer.email': 'joerg@kunde.example',
  text: 'Das Bad braucht neue Fliesen, Fotos anbei.',
  consent: 'yes',
  website: '',
};

async function post(
  slug: string,
  photos: Photo[],
  opts: { json?: boolean; fields?: Record<string, string> } = {},
) {
  const { body, type } = await multipart(opts.fields ?? FIELDS, photos);
  return call(submit, {
    method: 'POST',
    path: `/public/${slug}/inquiries`,
    body,
    headers: {
      'content-type': type,
      referer: `/${slug}/anfrage`,
      ...(opts.json ? { accept: 'application/json' } : {}),
    },
    sourceIp: '198.51.100.20',
  });
}

const inquiries = async (networkId: string) =>
  (await call(listInquiries, { method: 'GET', path: '/inquiries', claims: claims.coordinator(networkId) }))
    .body.items as { id: string; reference: string }[];

const inquiryOf = async (networkId: string, id: string) =>
  (await call(getInquiry, { method: 'GET', path: `/inquiries/${id}`, claims: claims.coordinator(networkId) }))
    .body as { photos?: { id: string; filename: string; contentType: string; size: number }[] };

const photo = (networkId: string, inquiryId: string, photoId: string) =>
  call(getPhoto, {
    method: 'GET',
    path: `/inquiries/${inquiryId}/photos/${photoId}`,
    claims: claims.coordinator(networkId),
  });

describe('photos on the public form', () => {
  it('keeps photos of a plain multipart form post (no JavaScript), typed by their bytes', async () => {
    // Prepare
    await givenMailNetwork('ph', 'PHX');
    // Act: the browser claims the PNG is a JPEG and names the WebP oddly; the bytes decide
    const res = await post('ph-slug', [
      { name: 'bad.jpg', bytes: JPEG },
      { name: 'fliesen.jpg', bytes: PNG, type: 'image/jpeg' },
      { name: 'C:\\Users\\jm\\wand', bytes: WEBP, type: 'application/octet-stream' },
      { name: 'IMG_0001.HEIC', bytes: HEIC, type: '' },
    ]);
    // Assess: back to the form with the reference, and the coordinator sees four photos
    expect(res.status).toBe(303);
    const [created] = await inquiries('ph');
    expect(res.headers.location).toBe(`/ph-slug/anfrage?gesendet=${created!.reference}`);
    const { photos } = await inquiryOf('ph', created!.id);
    expect(photos?.map((p) => [p.filename, p.contentType, p.size])).toEqual([
      ['bad.jpg', 'image/jpeg', JPEG.length],
      ['fliesen.jpg', 'image/png', PNG.length],
      ['wand', 'image/webp', WEBP.length],
      ['IMG_0001.HEIC', 'image/heic', HEIC.length],
    ]);
    const png = await photo('ph', created!.id, photos![1]!.id);
    expect(png.status).toBe(200);
    expect(png.headers['content-type']).toBe('image/png');
    expect(Buffer.from(png.text, 'base64').equals(PNG)).toBe(true);
  });

  it('answers the form script in JSON (Accept: application/json) instead of the redirect', async () => {
    await givenMailNetwork('pj', 'PJX');
    const res = await post('pj-slug', [{ name: 'bad.jpg', bytes: JPEG }], { json: true });
    expect(res.status).toBe(201);
    expect(res.body.reference).toMatch(/^PJX-\d{4}-0001$/);
  });

  it('takes the form without photos as multipart too', async () => {
    await givenMailNetwork('pn');
    const res = await post('pn-slug', []);
    expect(res.status).toBe(303);
    const [created] = await inquiries('pn');
    expect((await inquiryOf('pn', created!.id)).photos).toBeUndefined();
  });

  it('refuses a file that is no photo by its bytes, naming it, and writes nothing', async () => {
    await givenMailNetwork('pt');
    const pdf = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\n');
    const res = await post(
      'pt-slug',
      [
        { name: 'ok.jpg', bytes: JPEG },
        { name: 'foto.jpg', bytes: pdf },
      ],
      {
        json: true,
      },
    );
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
    expect(res.body.errors).toEqual([
      expect.objectContaining({ path: 'photos.1', code: 'unsupported_type' }),
    ]);
    expect(await inquiries('pt')).toEqual([]);
    expect(storedFiles('pt')).toEqual([]);
  });

  it('refuses a post larger than 4 MB with 413 naming photos, and writes nothing', async () => {
    await givenMailNetwork('pl');
    // a JPEG by its first bytes, just over the whole post's limit
    const big = Buffer.concat([JPEG, Buffer.alloc(MAX_FORM_BYTES, 1)]);
    const res = await post('pl-slug', [{ name: 'gross.jpg', bytes: big }], { json: true });
    expect(res.status).toBe(413);
    expect(res.body.errors).toEqual([expect.objectContaining({ path: 'photos', code: 'too_large' })]);
    expect(await inquiries('pl')).toEqual([]);
    expect(storedFiles('pl')).toEqual([]);
  });

  it('shows the browser without JavaScript a page naming the photo that was refused', async () => {
    await givenMailNetwork('pb');
    const res = await post('pb-slug', [{ name: 'liste.txt', bytes: Buffer.from('keine Fotos') }]);
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.text).toContain('photos.0');
    expect(res.text).toContain('href="/pb-slug/anfrage"');
    expect(await inquiries('pb')).toEqual([]);
  });

  it('refuses a sixth photo and a file in another field, and writes nothing', async () => {
    await givenMailNetwork('pc');
    const six = Array.from({ length: 6 }, (_, i) => ({ name: `f${i}.jpg`, bytes: JPEG }));
    const tooMany = await post('pc-slug', six, { json: true });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.errors).toEqual([
      expect.objectContaining({ path: 'photos', code: 'too_big', params: { maximum: 5 } }),
    ]);
    const form = new FormData();
    for (const [k, v] of Object.entries(FIELDS)) form.append(k, v);
    form.append('text', new Blob([JPEG]), 'text.jpg');
    const r = new Response(form);
    const other = await call(submit, {
      method: 'POST',
      path: '/public/pc-slug/inquiries',
      body: Buffer.from(await r.arrayBuffer()),
      headers: { 'content-type': r.headers.get('content-type')!, accept: 'application/json' },
    });
    expect(other.status).toBe(400);
    expect(other.body.errors[0].path).toBe('text');
    expect(await inquiries('pc')).toEqual([]);
    expect(storedFiles('pc')).toEqual([]);
  });

  it('writes no photo for a bot that filled the honeypot', async () => {
    await givenMailNetwork('pw');
    const res = await post('pw-slug', [{ name: 'x.jpg', bytes: JPEG }], {
      json: true,
      fields: { ...FIELDS, website: 'https://spam.example' },
    });
    expect(res.status).toBe(201);
    expect(await inquiries('pw')).toEqual([]);
    expect(storedFiles('pw')).toEqual([]);
  });

  it('lists the photos on the status page and counts them in the usage', async () => {
    // Prepare
    process.env.CONSOLE_URL = 'https://console.verbund.test';
    await givenMailNetwork('ps');
    // Act
    const res = await post('ps-slug', [
      { name: 'bad.jpg', bytes: JPEG },
      { name: 'fliesen.png', bytes: PNG },
    ]);
    expect(res.status).toBe(303);
    await deliverQueuedMail();
    // Assess: the status link from the acknowledgement lists both photos by name
    const ack = (await sandbox.outbox()).find((m) => /ps-slug\/status\//.test(m.mail.text ?? ''))!;
    const token = /ps-slug\/status\/([A-Za-z0-9_-]{32})/.exec(ack.mail.text ?? '')![1]!;
    const status = await call(getStatus, { method: 'GET', path: `/public/ps-slug/status/${token}` });
    expect(status.body.photos).toEqual([
      { filename: 'bad.jpg', contentType: 'image/jpeg', size: JPEG.length },
      { filename: 'fliesen.png', contentType: 'image/png', size: PNG.length },
    ]);
    const months = await call(usage, { method: 'GET', path: '/usage', claims: claims.coordinator('ps') });
    expect(months.body.items[0].counts).toMatchObject({ photosStored: 2, inquiriesCreated: 1 });
    expect(storedFiles('ps')).toHaveLength(2);
    delete process.env.CONSOLE_URL;
  });

  it('keeps the photos of two customers posting at once apart', async () => {
    await givenMailNetwork('pk');
    const [a, b] = await Promise.all([
      post('pk-slug', [{ name: 'a.jpg', bytes: JPEG }]),
      post('pk-slug', [
        { name: 'b.png', bytes: PNG },
        { name: 'c.webp', bytes: WEBP },
      ]),
    ]);
    expect([a.status, b.status]).toEqual([303, 303]);
    const listed = await Promise.all((await inquiries('pk')).map((i) => inquiryOf('pk', i.id)));
    expect(listed.map((i) => i.photos!.map((p) => p.filename)).sort()).toEqual([
      ['a.jpg'],
      ['b.png', 'c.webp'],
    ]);
    expect(storedFiles('pk')).toHaveLength(3);
  });

  it("answers 404 for another network's photo and an unknown one, and learns nothing", async () => {
    // Prepare: network pa has an inquiry with a photo; pz is another network
    await givenMailNetwork('pa');
    await givenMailNetwork('pz');
    await post('pa-slug', [{ name: 'bad.jpg', bytes: JPEG }]);
    const [created] = await inquiries('pa');
    const { photos } = await inquiryOf('pa', created!.id);
    // Act
    const foreign = await photo('pz', created!.id, photos![0]!.id);
    const unknown = await photo('pa', created!.id, '01kbphotophotophotophotoxx');
    // Assess
    expect(foreign.status).toBe(404);
    expect(unknown.status).toBe(404);
    expect(foreign.body).toEqual(unknown.body);
    expect((await photo('pa', created!.id, photos![0]!.id)).status).toBe(200);
  });

  it('lets a partner not see the photos (coordinators only)', async () => {
    await givenMailNetwork('pp');
    await post('pp-slug', [{ name: 'bad.jpg', bytes: JPEG }]);
    const [created] = await inquiries('pp');
    const { photos } = await inquiryOf('pp', created!.id);
    const res = await call(getPhoto, {
      method: 'GET',
      path: `/inquiries/${created!.id}/photos/${photos![0]!.id}`,
      claims: claims.partner('pp', 'pp-p1'),
    });
    expect(res.status).toBe(403);
  });
});
