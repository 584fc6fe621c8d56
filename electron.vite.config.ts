import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';

/**
 * The report font's CSS names a .woff2 and a .woff for each of its ~100 subsets; Chromium (and
 * so Electron) reads woff2, so the .woff fallbacks are dropped before Vite copies what CSS
 * refers to: half the font's weight in the package.
 */
function woff2Only(): Plugin {
  return {
    name: 'report-font-woff2-only',
    enforce: 'pre',
    transform(code, id) {
      if (!/@fontsource[\\/]noto-sans-sc[\\/].*\.css$/.test(id)) return null;
      return { code: code.replace(/,\s*url\([^)]*\.woff\)\s*format\('woff'\)/g, ''), map: null };
    },
  };
}

// Three Electron bundles plus the loopback bridge (a plain Node entry that serves the built
// renderer and the same router over HTTP for tests and development; never started by the app).
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      // Pure-JS libraries go into the bundle (only the parts used, one file to read) instead of
      // being required at start from node_modules file by file: date-fns alone is ~250 modules,
      // zod ~80 and uuid is an ES module package loaded through require(esm). Native modules
      // (better-sqlite3) and the large, rarely used spreadsheet library stay outside.
      externalizeDeps: { exclude: ['zod', 'uuid', 'date-fns', '@date-fns/utc', 'papaparse'] },
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src-main/main.ts'),
          bridge: resolve(__dirname, 'src-main/bridge/cli.ts'),
          // Reads and writes project files in a worker thread (see src-main/project-file/run-worker.ts).
          'project-file-worker': resolve(__dirname, 'src-main/project-file/worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rollupOptions: { input: { index: resolve(__dirname, 'src-main/preload.ts') } },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src-renderer'),
    plugins: [woff2Only(), react()],
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      minify: true,
      chunkSizeWarningLimit: 4096,
      rollupOptions: { input: { index: resolve(__dirname, 'src-renderer/index.html') } },
    },
  },
});
