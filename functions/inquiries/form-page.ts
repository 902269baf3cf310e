import { FORM_SCRIPT, FORM_SCRIPT_HASH } from './form-script';
import { MAX_FORM_BYTES, MAX_PHOTOS, PHOTO_FIELD } from './photos';

/**
 * The hosted inquiry form (`/{slug}/anfrage`), as plain HTML that works without JavaScript: it
 * posts `application/x-www-form-urlencoded` to the public inquiry route, which answers 303 back
 * here with `?gesendet=<reference>`. German by default, English with `?lang=en`.
 */
const TEXT = {
  de: {
    title: 'Anfrage an {network}',
    intro: 'Beschreiben Sie kurz, was Sie brauchen. Wir melden uns mit einem Angebot aus dem Verbund.',
    name: 'Ihr Name',
    email: 'E-Mail',
    phone: 'Telefon (optional)',
    postcode: 'Postleitzahl (optional)',
    subject: 'Betreff (optional)',
    text: 'Ihr Anliegen',
    consent:
      'Ich bin einverstanden, dass {network} meine Angaben speichert und an die Partnerbetriebe weitergibt, die meine Anfrage bearbeiten.',
    send: 'Anfrage senden',
    switch: 'English',
    thanks: 'Vielen Dank! Ihre Anfrage ist eingegangen.',
    reference: 'Ihre Anfragenummer: {reference}',
    mail: 'Sie erhalten gleich eine Bestätigung per E-Mail mit einem Link, unter dem Sie den Stand Ihrer Anfrage sehen.',
    again: 'Weitere Anfrage stellen',
    required: 'Pflichtfeld',
    photos: 'Fotos (optional, bis zu {max})',
    chosen: 'Ausgewählte Fotos',
    hint: 'JPEG, PNG, WebP oder HEIC, zusammen höchstens {mb} MB.',
    script: {
      hintScript: 'JPEG, PNG, WebP oder HEIC. Die Fotos werden vor dem Senden verkleinert.',
      preview: 'Vorschau: {name}',
      remove: 'Entfernen',
      removeOne: '{name} entfernen',
      wrongType: '„{name}“ ist kein Foto. Erlaubt sind JPEG, PNG, WebP und HEIC.',
      tooLarge: '„{name}“ ist zu groß: alle Fotos zusammen dürfen höchstens {max} haben.',
      tooMany: 'Höchstens {max} Fotos pro Anfrage.',
      sending: 'Wird gesendet … {percent} %',
      failed: 'Das Senden hat nicht geklappt. Bitte versuchen Sie es noch einmal.',
      send: 'Anfrage senden',
      comma: true,
    },
  },
  en: {
    title: 'Inquiry to {network}',
    intro: 'Tell us briefly what you need. We will get back to you with an offer from the network.',
    name: 'Your name',
    email: 'E-mail',
    phone: 'Phone (optional)',
    postcode: 'Postcode (optional)',
    subject: 'Subject (optional)',
    text: 'Your request',
    consent:
      'I agree that {network} stores my details and passes them on to the partner firms that handle my request.',
    send: 'Send inquiry',
    switch: 'Deutsch',
    thanks: 'Thank you! Your inquiry has been received.',
    reference: 'Your reference: {reference}',
    mail: 'You will shortly get a confirmation by e-mail with a link to the status of your inquiry.',
    again: 'Send another inquiry',
    required: 'required',
    photos: 'Photos (optional, up to {max})',
    chosen: 'Chosen photos',
    hint: 'JPEG, PNG, WebP or HEIC, at most {mb} MB together.',
    script: {
      hintScript: 'JPEG, PNG, WebP or HEIC. The photos are made smaller before sending.',
      preview: 'Preview: {name}',
      remove: 'Remove',
      removeOne: 'Remove {name}',
      wrongType: '“{name}” is not a photo. JPEG, PNG, WebP and HEIC are allowed.',
      tooLarge: '“{name}” is too large: all photos together may have at most {max}.',
      tooMany: 'At most {max} photos per inquiry.',
      sending: 'Sending … {percent} %',
      failed: 'Sending did not work. Please try again.',
      send: 'Send inquiry',
      comma: false,
    },
  },
} as const;

export type FormLang = keyof typeof TEXT;

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const STYLE = `body{margin:0;font:17px/1.5 system-ui,sans-serif;color:#1b1f24;background:#f6f7f9}
main{max-width:36rem;margin:0 auto;padding:1rem}header{display:flex;flex-wrap:wrap;justify-content:space-between;align-items:baseline;gap:0 1rem}h1{font-size:1.5rem;margin:.5rem 0}
label{display:block;font-weight:600;margin:.9rem 0 .25rem}input,textarea{font:inherit;width:100%;min-height:44px;padding:.5rem;border:1px solid #7a8591;border-radius:6px;box-sizing:border-box}
textarea{min-height:9rem}.check{display:flex;gap:.6rem;align-items:flex-start;font-weight:400}.check input{width:1.5rem;min-height:1.5rem;margin-top:.2rem;flex:none}
button{font:inherit;min-height:48px;padding:.5rem 1.25rem;margin-top:1.25rem;border:0;border-radius:6px;background:#0b5cad;color:#fff;cursor:pointer}
a{color:#0b5cad;display:inline-block;min-height:44px;padding:.6rem 0}.ok{background:#e3f4ea;color:#1f6f3f;padding:1rem;border-radius:6px}.ref{font-size:1.3rem;font-weight:700}
.hint{margin:0 0 .4rem;color:#4a5561;font-size:.95rem}input[type=file]{padding:.55rem;background:#fff}
.previews{list-style:none;padding:0;margin:.6rem 0 0;display:grid;grid-template-columns:repeat(auto-fill,minmax(9.5rem,1fr));gap:.6rem}
.previews li{background:#fff;border:1px solid #c5ccd3;border-radius:6px;padding:.4rem;display:flex;flex-direction:column;gap:.3rem;font-size:.85rem;overflow-wrap:anywhere}
.previews img,.noimg{width:100%;aspect-ratio:4/3;object-fit:cover;border-radius:4px;background:#e8ebef;display:flex;align-items:center;justify-content:center;font-weight:700;color:#4a5561}
button.remove{margin:0;min-height:44px;padding:.3rem .6rem;background:#fff;color:#a1262d;border:1px solid #a1262d}
.error{background:#fbe9ea;color:#8a1f25;padding:.6rem .8rem;border-radius:6px;margin:.6rem 0 0}.error p{margin:.2rem 0}
progress{display:block;width:100%;height:.8rem;margin-top:1rem}progress[hidden]{display:none}button:disabled{background:#6b7f95;cursor:wait}`;

export function formPage(input: { slug: string; network: string; lang: FormLang; sent?: string }): string {
  const x = TEXT[input.lang];
  const fill = (s: string) =>
    escapeHtml(s.replace('{network}', input.network).replace('{reference}', input.sent ?? ''));
  const base = `/${encodeURIComponent(input.slug)}/anfrage`;
  const other = input.lang === 'de' ? 'en' : 'de';
  const action = `/api/public/${encodeURIComponent(input.slug)}/inquiries${input.lang === 'en' ? '?lang=en' : ''}`;
  // where the script sends the browser after a success: what the form post's 303 says
  const done = `${base}?gesendet={reference}${input.lang === 'en' ? '&lang=en' : ''}`;
  const limits = { max: String(MAX_PHOTOS), mb: String(MAX_FORM_BYTES / 1024 / 1024) };
  const photoText = (s: string) => escapeHtml(s.replace('{max}', limits.max).replace('{mb}', limits.mb));
  const body = input.sent
    ? `<div class="ok" role="status"><p>${fill(x.thanks)}</p><p class="ref">${fill(x.reference)}</p><p>${fill(x.mail)}</p></div>
<p><a href="${base}${input.lang === 'en' ? '?lang=en' : ''}">${fill(x.again)}</a></p>`
    : `<p>${fill(x.intro)}</p>
<form id="inquiry" method="post" action="${action}" accept-charset="utf-8" enctype="multipart/form-data" data-done="${escapeHtml(done)}" data-max-photos="${MAX_PHOTOS}" data-max-bytes="${MAX_FORM_BYTES}" data-texts="${escapeHtml(JSON.stringify(x.script))}">
<label for="name">${fill(x.name)}</label><input id="name" name="customer.name" autocomplete="name" required maxlength="100">
<label for="email">${fill(x.email)}</label><input id="email" name="customer.email" type="email" autocomplete="email" required maxlength="254">
<label for="phone">${fill(x.phone)}</label><input id="phone" name="customer.phone" type="tel" autocomplete="tel" maxlength="40">
<label for="postcode">${fill(x.postcode)}</label><input id="postcode" name="postcode" autocomplete="postal-code" inputmode="numeric" maxlength="10">
<label for="subject">${fill(x.subject)}</label><input id="subject" name="subject" maxlength="200">
<label for="text">${fill(x.text)}</label><textarea id="text" name="text" required maxlength="10000"></textarea>
<label for="photos">${photoText(x.photos)}</label><p class="hint" id="photos-hint">${photoText(x.hint)}</p>
<input id="photos" name="${PHOTO_FIELD}" type="file" multiple accept="image/jpeg,image/png,image/webp,image/heic,image/heif,.heic,.heif" aria-describedby="photos-hint">
<ul id="previews" class="previews" aria-label="${fill(x.chosen)}"></ul><div id="photo-error" class="error" role="alert" hidden></div>
<div hidden><label for="website">Website</label><input id="website" name="website" tabindex="-1" autocomplete="off"></div>
<label class="check"><input type="checkbox" name="consent" value="yes" required><span>${fill(x.consent)}</span></label>
<progress id="progress" max="100" value="0" hidden></progress>
<button type="submit">${fill(x.send)}</button>
</form><script>${FORM_SCRIPT}</script>`;
  return `<!doctype html>
<html lang="${input.lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${fill(x.title)}</title><style>${STYLE}</style></head>
<body><main><header><h1>${fill(x.title)}</h1><a href="${base}?lang=${other}" lang="${other}">${x.switch}</a></header>
${body}
</main></body></html>`;
}

/**
 * The headers of the page: its one script by hash (form-script.ts; the form works without it),
 * previews from the photos the customer picked (`blob:`), posts only to this origin, never framed.
 */
export const FORM_PAGE_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'content-security-policy': `default-src 'none'; script-src ${FORM_SCRIPT_HASH}; style-src 'unsafe-inline'; img-src blob:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'`,
  'cache-control': 'no-store',
} as const;
