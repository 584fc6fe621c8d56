#!/usr/bin/env node
/**
 * Puts a better-sqlite3 binary built for Electron's ABI in node_modules/.electron-native/, apart
 * from the Node build in node_modules/better-sqlite3 that the tests use (the main process loads
 * it through better-sqlite3's `nativeBinding` option; electron-builder packs it as a resource).
 *
 * Never run from postinstall or npm test: it downloads Electron's prebuilt binary (or headers to
 * compile against), which needs the internet — fine on a developer's laptop, impossible on the
 * offline build machines. It works on a copy so the Node build is never overwritten.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const electronVersion = JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version;
const sqliteDir = dirname(require.resolve('better-sqlite3/package.json'));
const sqliteVersion = JSON.parse(readFileSync(join(sqliteDir, 'package.json'), 'utf8')).version;
const target = join(root, 'node_modules', '.electron-native');
const stampFile = join(target, 'stamp.json');
const stamp = JSON.stringify({
  electronVersion,
  sqliteVersion,
  platform: process.platform,
  arch: process.arch,
});

if (
  existsSync(stampFile) &&
  readFileSync(stampFile, 'utf8') === stamp &&
  existsSync(join(target, 'better_sqlite3.node'))
) {
  process.exit(0);
}

const work = mkdtempSync(join(tmpdir(), 'ct-electron-native-'));
try {
  cpSync(sqliteDir, work, { recursive: true, filter: (src) => !src.startsWith(join(sqliteDir, 'build')) });
  const run = (cmd, args) => execFileSync(process.execPath, [cmd, ...args], { cwd: work, stdio: 'inherit' });
  const common = [`--target=${electronVersion}`, `--arch=${process.arch}`];
  try {
    // A prebuilt binary for this Electron version, if the maintainers published one.
    run(require.resolve('prebuild-install/bin.js'), ['--runtime=electron', ...common]);
  } catch {
    // Otherwise compile against Electron's headers.
    run(require.resolve('node-gyp/bin/node-gyp.js'), [
      'rebuild',
      '--release',
      '--runtime=electron',
      '--dist-url=https://electronjs.org/headers',
      ...common,
    ]);
  }
  mkdirSync(target, { recursive: true });
  cpSync(join(work, 'build', 'Release', 'better_sqlite3.node'), join(target, 'better_sqlite3.node'));
  writeFileSync(stampFile, stamp);
  console.log(
    `better-sqlite3 ${sqliteVersion} for Electron ${electronVersion} is in node_modules/.electron-native`,
  );
} catch (e) {
  console.error(
    'Could not get better-sqlite3 for Electron (this needs the internet once).',
    e instanceof Error ? e.message : e,
  );
  process.exit(1);
} finally {
  rmSync(work, { recursive: true, force: true });
}
