import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * The web console (docs/architecture.md, "Web console"). `npm run build:web` writes web/dist, which
 * the local dev server and CloudFront serve; `npm run dev:web` runs this with hot reload and a
 * proxy of `/api` (and the dev login) to the local runtime on API_PROXY (default :3000).
 */
const target = process.env.API_PROXY ?? 'http://127.0.0.1:3000';
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false, target: 'es2022' },
  server: {
    host: '127.0.0.1',
    proxy: Object.fromEntries(
      ['/api', '/dev', '/config.json', '^/[a-z0-9-]+/anfrage'].map((p) => [
        p,
        { target, changeOrigin: false },
      ]),
    ),
  },
});
