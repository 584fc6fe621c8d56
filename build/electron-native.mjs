#!/usr/bin/env node
/**
 * Puts a better-sqlite3 binary built for Electron's ABI in node_modules/.electron-native/, apart
 * from the Node build in node_modules/better-sqlite3 that the tests use (the main process loads
 * it through better-sqlite3's `nativeBinding` option; electron-builder packs it as a resource).
 *
 * Never run from postinstall or npm test: it downloads Electron's prebuilt binary (or headers to
 * compile against), which needs the internet — fine on a developer's laptop, impossible on the
 * offline build machines. It works on a copy so the Node build is never overwritten, and it
 * stamps the result only once the binary's own ABI is Electron's (electron-native-logic.mjs).
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { abiOfBinary, checkBuilt, decide, electronState } from './electron-native-logic.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
// CT_ELECTRON_DIR lets the unit test point the script at an Electron package without its binary.
const electron = electronState(process.env.CT_ELECTRON_DIR || join(root, 'node_modules', 'electron'));
const sqliteDir = dirname(require.resolve('better-sqlite3/package.json'));
const sqliteVersion = JSON.parse(readFileSync(join(sqliteDir, 'package.json'), 'utf8')).version;
const target = join(root, 'node_modules', '.electron-native');
const stampFile = join(target, 'stamp.json');
const keptBinary = join(target, 'better_sqlite3.node');
const stamp = JSON.stringify({
  electronVersion: electron.version,
  sqliteVersion,
  platform: process.platform,
  arch: process.arch,
});

const decision = decide({
  electron,
  stampMatches: existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp,
  keptAbi: existsSync(keptBinary) ? abiOfBinary(readFileSync(keptBinary)) : null,
});
if (decision.action === 'missing') {
  console.error(decision.message);
  process.exit(1);
}
if (decision.action === 'ready') process.exit(0);

const work = mkdtempSync(join(tmpdir(), 'ct-electron-native-'));
try {
  cpSync(sqliteDir, work, { recursive: true, filter: (src) => !src.startsWith(join(sqliteDir, 'build')) });
  // npm's nodedir setting points node-gyp at the system Node's headers whatever --target says.
  const env = { ...process.env };
  delete env.npm_config_nodedir;
  delete env.NPM_CONFIG_NODEDIR;
  const run = (cmd, args) =>
    execFileSync(process.execPath, [cmd, ...args], { cwd: work, stdio: 'inherit', env });
  const common = [`--target=${electron.version}`, `--arch=${process.arch}`];
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
  const built = join(work, 'build', 'Release', 'better_sqlite3.node');
  const verdict = checkBuilt(abiOfBinary(readFileSync(built)), electron);
  if (!verdict.ok) {
    console.error(verdict.message);
    process.exitCode = 1;
  } else {
    mkdirSync(target, { recursive: true });
    cpSync(built, keptBinary);
    writeFileSync(stampFile, stamp);
    console.log(
      `better-sqlite3 ${sqliteVersion} for Electron ${electron.version} is in node_modules/.electron-native`,
    );
  }
} catch (e) {
  console.error(
    'Could not get better-sqlite3 for Electron (this needs the internet once).',
    e instanceof Error ? e.message : e,
  );
  process.exitCode = 1;
} finally {
  rmSync(work, { recursive: true, force: true });
}
