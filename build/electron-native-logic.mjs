/**
 * The decisions of electron-native.mjs as pure functions, so a unit test can walk through them
 * without Electron, the internet or a compiler (test/unit/electron-native.test.ts).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The ABI a native addon was built for. A V8/NAN addon such as better-sqlite3 exports a symbol
 * named after the NODE_MODULE_VERSION of the headers it was compiled against
 * (node_register_module_v115 for Node 20, v150 for Electron 45): reading it needs no loading.
 * Null when no such symbol is in the file.
 */
export function abiOfBinary(bytes) {
  const text = Buffer.from(bytes).toString('latin1');
  const found = /node_register_module_v(\d+)/.exec(text);
  return found ? Number(found[1]) : null;
}

/**
 * What is known of Electron in node_modules: whether the package is there, its version, the ABI
 * its Node has (the file abi_version Electron ships) and whether its binary has been downloaded
 * (Electron writes path.txt next to dist/ once it has).
 */
export function electronState(electronDir, env = process.env) {
  const pkg = join(electronDir, 'package.json');
  if (!existsSync(pkg)) return { installed: false, binary: false, version: null, abi: null };
  const version = JSON.parse(readFileSync(pkg, 'utf8')).version;
  const abiFile = join(electronDir, 'abi_version');
  const abi = existsSync(abiFile) ? Number(readFileSync(abiFile, 'utf8').trim()) || null : null;
  const pathFile = join(electronDir, 'path.txt');
  // Electron's own way to use a binary unpacked elsewhere.
  const override = env.ELECTRON_OVERRIDE_DIST_PATH;
  const binary = override
    ? existsSync(override)
    : existsSync(pathFile) && existsSync(join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim()));
  return { installed: true, binary, version, abi };
}

/**
 * What to do before `electron-vite preview` starts Electron:
 * - 'missing': Electron (its package or its downloaded binary) is not there — one sentence says what
 *   is missing and how to get it, and nothing is built;
 * - 'ready': the binary kept for Electron carries this very stamp and Electron's ABI;
 * - 'build': build it (a stamp alone is not trusted: a binary of the wrong ABI is rebuilt).
 */
export function decide({ electron, stampMatches, keptAbi }) {
  if (!electron.installed) {
    return {
      action: 'missing',
      message:
        'Electron is not installed (node_modules/electron is missing): run `npm install` on a machine with internet access, then `npm start` again.',
    };
  }
  if (!electron.binary) {
    return {
      action: 'missing',
      message: `Electron ${electron.version}'s binary has not been downloaded (node_modules/electron/dist is missing): run \`node node_modules/electron/install.js\` with internet access (or set ELECTRON_OVERRIDE_DIST_PATH to an unpacked Electron ${electron.version}), then \`npm start\` again.`,
    };
  }
  if (electron.abi === null) {
    return {
      action: 'missing',
      message: `Electron ${electron.version} does not say which ABI it has (node_modules/electron/abi_version is missing): reinstall it with \`npm install electron@${electron.version}\`.`,
    };
  }
  if (stampMatches && keptAbi === electron.abi) return { action: 'ready' };
  return { action: 'build' };
}

/**
 * Whether a freshly built binary may be stamped as Electron's: only when its ABI is Electron's.
 * A build that silently used the system Node's headers (an npm `nodedir` setting does that)
 * answers with the sentence to print instead.
 */
export function checkBuilt(builtAbi, electron) {
  if (builtAbi === electron.abi) return { ok: true };
  const what = builtAbi === null ? 'an unknown ABI' : `ABI ${builtAbi}`;
  const node = builtAbi === Number(process.versions.modules) ? ` (this Node's, ${process.version})` : '';
  return {
    ok: false,
    message: `better-sqlite3 was built for ${what}${node}, not Electron ${electron.version}'s ABI ${electron.abi}, so it was not kept: unset npm's nodedir setting (npm config delete nodedir) and run \`npm start\` again with internet access.`,
  };
}
