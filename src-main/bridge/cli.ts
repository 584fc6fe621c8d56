/**
 * `npm run web -- --port PORT --data-dir DIR`: starts the loopback bridge over the built renderer
 * and prints its URL (with the run's token) as the line `BRIDGE_URL <url>`.
 */
import { parseArgs } from 'node:util';
import { join } from 'node:path';
import { openBackend } from '../backend';
import { createFailedRouter, type Router } from '../router';
import { AppError } from '../shared/errors';
import { startBridge } from './server';
import { version } from '../../package.json';

async function main() {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '0' },
      'data-dir': { type: 'string' },
      // No save dialog in a browser: exported project files are written here (default: <data-dir>/exports).
      'export-dir': { type: 'string' },
    },
  });
  const dataDir = values['data-dir'];
  if (!dataDir) {
    console.error('usage: npm run web -- --port PORT --data-dir DIR');
    process.exit(2);
  }
  let router: Router;
  let close = () => {};
  try {
    // out/main/bridge.js: the project-file worker is built beside it.
    const backend = openBackend({ dataDir, version, exportDir: values['export-dir'], mainDir: __dirname });
    router = backend.router;
    close = backend.close;
  } catch (e) {
    // Same as the app: the page explains why the database cannot be used.
    if (!(e instanceof AppError)) throw e;
    console.error(`database refused: ${e.message}`);
    router = createFailedRouter(e.data);
  }
  // out/main/bridge.js → out/renderer
  const rendererDir = join(__dirname, '../renderer');
  const bridge = await startBridge({ router, rendererDir, port: Number(values.port) });
  console.log(`BRIDGE_URL ${bridge.url}`);
  const stop = async () => {
    await bridge.close();
    close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
