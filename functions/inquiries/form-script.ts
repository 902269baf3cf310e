import { createHash } from 'node:crypto';

/**
 * The hosted form's one script (inline, allowed by its hash in the page's CSP; the form works
 * without it). It adds to the photo field: previews with a remove button, the photos shrunk in
 * the browser to at most 1600 px on the long side as JPEG (a 3–5 MB phone photo becomes
 * ≈ 0.2–0.6 MB, so five fit into the 4 MB post), German/English messages for a wrong type or a
 * too large photo, and a progress bar with the send button disabled while the post uploads.
 * A photo the browser cannot decode (HEIC outside Safari) goes as it is, if it fits.
 * The texts and limits come from the form's `data-*` attributes; the server checks everything again.
 */
export const FORM_SCRIPT = `(function () {
  var form = document.getElementById('inquiry');
  var input = document.getElementById('photos');
  if (!form || !input || !window.FormData || !window.XMLHttpRequest) return;
  var T = JSON.parse(form.getAttribute('data-texts'));
  var MAX = Number(form.getAttribute('data-max-photos'));
  var BUDGET = Number(form.getAttribute('data-max-bytes')) - 64 * 1024;
  var EDGE = 1600;
  var list = document.getElementById('previews');
  var error = document.getElementById('photo-error');
  var progress = document.getElementById('progress');
  var button = form.querySelector('button[type=submit]');
  var hint = document.getElementById('photos-hint');
  var photos = [];
  var busy = 0;
  hint.textContent = T.hintScript;
  function fill(s, o) { return s.replace(/\\{(\\w+)\\}/g, function (_, k) { return o[k]; }); }
  function mb(n) {
    if (n < 1048576) return Math.max(1, Math.round(n / 1024)) + ' KB';
    var s = (n / 1048576).toFixed(1); return (T.comma ? s.replace('.', ',') : s) + ' MB';
  }
  function ready() { return photos.filter(function (p) { return p.blob; }); }
  function total() { return ready().reduce(function (s, p) { return s + p.blob.size; }, 0); }
  function show(messages) {
    error.textContent = '';
    messages.forEach(function (m) { var p = document.createElement('p'); p.textContent = m; error.appendChild(p); });
    error.hidden = messages.length === 0;
  }
  function isPhoto(f) {
    return /^image\\/(jpeg|png|webp|heic|heif)$/.test(f.type) || /\\.(jpe?g|png|webp|heic|heif)$/i.test(f.name);
  }
  function render() {
    list.textContent = '';
    photos.forEach(function (p, i) {
      if (!p.blob) return;
      var li = document.createElement('li');
      var img;
      if (p.url) { img = document.createElement('img'); img.src = p.url; img.alt = fill(T.preview, { name: p.name }); }
      else { img = document.createElement('span'); img.className = 'noimg'; img.textContent = p.name.split('.').pop().toUpperCase(); }
      var cap = document.createElement('span');
      cap.textContent = p.name + ' · ' + mb(p.blob.size);
      var rm = document.createElement('button');
      rm.type = 'button';
      rm.className = 'remove';
      rm.textContent = T.remove;
      rm.setAttribute('aria-label', fill(T.removeOne, { name: p.name }));
      rm.addEventListener('click', function () {
        if (p.url) URL.revokeObjectURL(p.url);
        photos.splice(i, 1);
        render();
        show([]);
        input.focus();
      });
      li.appendChild(img); li.appendChild(cap); li.appendChild(rm);
      list.appendChild(li);
    });
    input.disabled = photos.length >= MAX;
    button.disabled = busy > 0;
  }
  function shrink(file) {
    if (!window.createImageBitmap) return Promise.resolve(null);
    return createImageBitmap(file).then(function (bmp) {
      var s = Math.min(1, EDGE / Math.max(bmp.width, bmp.height));
      var c = document.createElement('canvas');
      c.width = Math.round(bmp.width * s); c.height = Math.round(bmp.height * s);
      c.getContext('2d').drawImage(bmp, 0, 0, c.width, c.height);
      return new Promise(function (ok) { c.toBlob(ok, 'image/jpeg', 0.82); });
    }, function () { return null; });
  }
  input.addEventListener('change', function () {
    var files = Array.prototype.slice.call(input.files || []);
    input.value = '';
    var problems = [];
    files.forEach(function (f) {
      if (!isPhoto(f)) { problems.push(fill(T.wrongType, { name: f.name })); return; }
      if (f.size > 25 * 1048576) { problems.push(fill(T.tooLarge, { name: f.name, max: mb(BUDGET) })); return; }
      if (photos.length >= MAX) { problems.push(fill(T.tooMany, { max: MAX })); return; }
      // the slot is taken now, so the photos keep the order they were chosen in
      var slot = { blob: null, name: f.name, url: null };
      photos.push(slot);
      busy++;
      render();
      shrink(f).then(function (small) {
        busy--;
        var blob = small && small.size < f.size ? small : f;
        if (total() + blob.size > BUDGET) {
          photos.splice(photos.indexOf(slot), 1);
          problems.push(fill(T.tooLarge, { name: f.name, max: mb(BUDGET) }));
        } else {
          slot.blob = blob;
          if (blob === small) slot.name = f.name.replace(/\\.[^.]+$/, '') + '.jpg';
          slot.url = small ? URL.createObjectURL(blob) : null;
        }
        render();
        show(problems);
      });
    });
    show(problems);
  });
  function fromServer(p) {
    return (p.errors || []).map(function (e) {
      var n = /^photos\\.(\\d+)$/.exec(e.path);
      var name = n && ready()[Number(n[1])] ? ready()[Number(n[1])].name : '';
      if (e.code === 'unsupported_type') return fill(T.wrongType, { name: name });
      if (e.code === 'too_large') return fill(T.tooLarge, { name: name, max: mb(BUDGET) });
      return e.path + ': ' + e.message;
    }).concat(p.errors && p.errors.length ? [] : [p.detail || T.failed]);
  }
  form.addEventListener('submit', function (ev) {
    ev.preventDefault();
    if (busy > 0) return;
    var data = new FormData(form);
    data.delete('photos');
    ready().forEach(function (p) { data.append('photos', p.blob, p.name); });
    var xhr = new XMLHttpRequest();
    xhr.open('POST', form.action);
    xhr.setRequestHeader('accept', 'application/json');
    xhr.upload.addEventListener('progress', function (e) {
      if (e.lengthComputable) { progress.value = Math.round((e.loaded / e.total) * 100); button.textContent = fill(T.sending, { percent: progress.value }); }
    });
    function done(messages) {
      busy = 0; progress.hidden = true; button.disabled = false; button.textContent = T.send; show(messages);
    }
    xhr.addEventListener('load', function () {
      var body = {};
      try { body = JSON.parse(xhr.responseText); } catch (e) { body = {}; }
      if (xhr.status === 201 && body.reference) {
        location.assign(form.getAttribute('data-done').replace('{reference}', encodeURIComponent(body.reference)));
      } else done(fromServer(body));
    });
    xhr.addEventListener('error', function () { done([T.failed]); });
    busy = 1; progress.hidden = false; progress.value = 0; button.disabled = true;
    button.textContent = fill(T.sending, { percent: 0 });
    show([]);
    xhr.send(data);
  });
})();`;

/** The CSP source that allows exactly this script. */
export const FORM_SCRIPT_HASH = `'sha256-${createHash('sha256').update(FORM_SCRIPT).digest('base64')}'`;
