/**
 * What the hosted form's script does to a phone photo (functions/inquiries/form-script.ts): a
 * 4032 × 3024 picture, drawn with sensor-like noise and saved as JPEG at quality 0.92 as phone
 * cameras do, shrunk in Chromium to at most 1600 px on the long side as JPEG 0.82. Prints the
 * bytes before and after, for each noise level (more noise: more detail, larger files).
 * `npx tsx bench/photo-shrink.ts`
 */
import { chromium } from 'playwright-core';

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-background-networking', '--headless'],
});
const page = await browser.newPage();
for (const noise of [16, 32, 48]) {
  const [before, after, width, height] = await page.evaluate<number[]>(`(async () => {
    const c = document.createElement('canvas'); c.width = 4032; c.height = 3024;
    const g = c.getContext('2d');
    const img = g.createImageData(c.width, c.height);
    for (let i = 0; i < img.data.length; i += 4) {
      const x = (i / 4) % c.width, y = Math.floor(i / 4 / c.width);
      const n = (Math.random() - 0.5) * ${noise};
      img.data[i] = 120 + 80 * Math.sin(x / 300) + n; img.data[i + 1] = 110 + 70 * Math.cos(y / 250) + n;
      img.data[i + 2] = 100 + 60 * Math.sin((x + y) / 400) + n; img.data[i + 3] = 255;
    }
    g.putImageData(img, 0, 0);
    const photo = await new Promise((ok) => c.toBlob(ok, 'image/jpeg', 0.92));
    const bmp = await createImageBitmap(photo);
    const s = Math.min(1, 1600 / Math.max(bmp.width, bmp.height));
    const d = document.createElement('canvas');
    d.width = Math.round(bmp.width * s); d.height = Math.round(bmp.height * s);
    d.getContext('2d').drawImage(bmp, 0, 0, d.width, d.height);
    const small = await new Promise((ok) => d.toBlob(ok, 'image/jpeg', 0.82));
    return [photo.size, small.size, d.width, d.height];
  })()`);
  const mb = (n: number) => `${(n / 1024 / 1024).toFixed(2)} MB`;
  console.log(`noise ±${noise / 2}: ${mb(before!)} (4032×3024) → ${mb(after!)} (${width}×${height})`);
}
await browser.close();
