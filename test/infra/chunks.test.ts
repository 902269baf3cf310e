import { describe, expect, it } from 'vitest';
import { chunkReport } from '#bench/chunks';

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
});
