import { builtinModules } from 'node:module';
import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import { build, type Plugin } from 'vite';

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

/**
 * The project-file worker (src-main/project-file/worker.ts) built on its own, after the main
 * bundle, into out/main/project-file-worker.js: everything it uses in one file but
 * better-sqlite3. Built with the main bundle it shared that bundle's chunk of common modules,
 * so each worker loaded and compiled zod, the contract's schemas and date-fns it never calls
 * (~370 kB against ~100 kB); a worker starts for every export and every file opened.
 */
function standaloneProjectFileWorker(): Plugin {
  const node = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
  return {
    name: 'standalone-project-file-worker',
    apply: 'build',
    async closeBundle() {
      await build({
        configFile: false,
        logLevel: 'warn',
        root: __dirname,
        build: {
          outDir: resolve(__dirname, 'out/main'),
          emptyOutDir: false,
          ssr: resolve(__dirname, 'src-main/project-file/worker.ts'),
          target: 'node20',
          minify: false,
          rollupOptions: {
            external: ['better-sqlite3', ...node],
            output: { format: 'cjs', entryFileNames: 'project-file-worker.js' },
          },
        },
        ssr: { noExternal: true, external: ['better-sqlite3'] },
      });
    },
  };
}

// Three Electron bundles plus the loopback bridge (a plain Node entry that serves the built
// renderer and the same router over HTTP for tests and development; never started by the app).
export default defineConfig({
  main: {
    plugins: [standaloneProjectFileWorker()],
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
          // The project-file worker (run-worker.ts) is built on its own: standaloneProjectFileWorker.
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
