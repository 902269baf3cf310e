import { describe, expect, it } from 'vitest';
import { chunkReport, KEPT_OUT } from '#bench/chunks';

describe('heavy libraries in the api function', () => {
  it('loads pdf-lib and franc-min only in the chunks of the routes that use them, not for the first route', () => {
    // Act: the api function bundled as CDK bundles it, with esbuild's metafile
    const report = chunkReport();
    // Assess: each library is in the bundle, in chunks the inbox route does not load statically
    for (const lib of report.libs) {
      expect(lib.files.length, lib.lib).toBeGreaterThan(0);
      expect(
        lib.files.filter((f) => f.loadedByFirstRoute),
        lib.lib,
      ).toEqual([]);
    }
  });

  it("keeps the inquiries' write-path schemas and shared/i18n out of the first route's load", () => {
    // Act: the same bundle; which of our modules the inbox route loads statically
    const report = chunkReport();
    // Assess: none of the modules split off for the cold start (bench/chunks.ts KEPT_OUT)
    expect(KEPT_OUT.length).toBeGreaterThan(0);
    expect(report.keptOutButLoaded).toEqual([]);
  });
});
