import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

// Three Electron bundles plus the loopback bridge (a plain Node entry that serves the built
// renderer and the same router over HTTP for tests and development; never started by the app).
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
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
    plugins: [react()],
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      minify: true,
      chunkSizeWarningLimit: 4096,
      rollupOptions: { input: { index: resolve(__dirname, 'src-renderer/index.html') } },
    },
  },
});
