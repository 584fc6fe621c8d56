/**
 * `npm start` before Electron starts (build/electron-native.mjs): what it decides when Electron
 * or its binary is missing, and that a better-sqlite3 binary is stamped as Electron's only when
 * its own ABI is Electron's — never the system Node's build an npm `nodedir` setting produces.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { abiOfBinary, checkBuilt, decide, electronState } from '../../build/electron-native-logic.mjs';

const root = join(__dirname, '..', '..');

/** A node_modules/electron as npm leaves it: the package, with or without its downloaded binary. */
function fakeElectron(opts: { binary: boolean; abi?: string }): string {
  const dir = mkdtempSync(join(tmpdir(), 'ct-electron-'));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'electron', version: '45.5.0' }));
  if (opts.abi !== undefined) writeFileSync(join(dir, 'abi_version'), opts.abi);
  if (opts.binary) {
    mkdirSync(join(dir, 'dist'));
    writeFileSync(join(dir, 'dist', 'electron'), 'binary');
    writeFileSync(join(dir, 'path.txt'), 'electron');
  }
  return dir;
}

const ready = { installed: true, binary: true, version: '45.5.0', abi: 150 };

describe('the ABI of a native binary', () => {
  it('reads the Node build of better-sqlite3 as this Node’s ABI', () => {
    const bytes = readFileSync(join(root, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node'));
    expect(abiOfBinary(bytes)).toBe(Number(process.versions.modules));
  });

  it('reads the symbol of another ABI, and null when there is none', () => {
    expect(abiOfBinary(Buffer.from('\0\0node_register_module_v150\0junk'))).toBe(150);
    expect(abiOfBinary(Buffer.from('not an addon'))).toBeNull();
  });
});

describe('what npm start decides', () => {
  it('says in one sentence that the Electron package is missing', () => {
    const state = electronState(join(tmpdir(), 'no-such-electron-here'));
    expect(state.installed).toBe(false);
    const d = decide({ electron: state, stampMatches: false, keptAbi: null });
    expect(d.action).toBe('missing');
    if (d.action !== 'missing') return;
    expect(d.message).toMatch(/Electron is not installed/);
    expect(d.message).toMatch(/npm install/);
    expect(d.message.split('\n')).toHaveLength(1);
  });

  it('says that Electron’s binary was not downloaded and how to get it (no build is tried)', () => {
    const state = electronState(fakeElectron({ binary: false, abi: '150' }), {});
    expect(state).toEqual({ installed: true, binary: false, version: '45.5.0', abi: 150 });
    const d = decide({ electron: state, stampMatches: true, keptAbi: 150 });
    expect(d.action).toBe('missing');
    if (d.action !== 'missing') return;
    expect(d.message).toMatch(/Electron 45\.5\.0's binary has not been downloaded/);
    expect(d.message).toMatch(/node node_modules\/electron\/install\.js/);
    expect(d.message).not.toMatch(/\n\s+at /);
  });

  it('takes a binary given by ELECTRON_OVERRIDE_DIST_PATH as present', () => {
    const elsewhere = mkdtempSync(join(tmpdir(), 'ct-electron-dist-'));
    const state = electronState(fakeElectron({ binary: false, abi: '150' }), {
      ELECTRON_OVERRIDE_DIST_PATH: elsewhere,
    });
    expect(state.binary).toBe(true);
  });

  it('is ready only when the stamp matches and the kept binary has Electron’s ABI', () => {
    const state = electronState(fakeElectron({ binary: true, abi: '150' }), {});
    expect(state).toEqual(ready);
    expect(decide({ electron: state, stampMatches: true, keptAbi: 150 })).toEqual({ action: 'ready' });
    // A stamped binary of the system Node's ABI (as an earlier version of the script kept) is rebuilt.
    expect(decide({ electron: state, stampMatches: true, keptAbi: 115 })).toEqual({ action: 'build' });
    expect(decide({ electron: state, stampMatches: false, keptAbi: 150 })).toEqual({ action: 'build' });
    expect(decide({ electron: state, stampMatches: true, keptAbi: null })).toEqual({ action: 'build' });
  });

  it('refuses when Electron does not say its ABI', () => {
    const state = electronState(fakeElectron({ binary: true }), {});
    expect(decide({ electron: state, stampMatches: true, keptAbi: 150 }).action).toBe('missing');
  });
});

describe('stamping a build', () => {
  it('refuses the system Node’s build as Electron’s and says why', () => {
    const nodeBuild = readFileSync(
      join(root, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node'),
    );
    const verdict = checkBuilt(abiOfBinary(nodeBuild), ready);
    expect(verdict.ok).toBe(false);
    if (verdict.ok) return;
    expect(verdict.message).toContain(`ABI ${process.versions.modules}`);
    expect(verdict.message).toContain('ABI 150');
    expect(verdict.message).toMatch(/nodedir/);
  });

  it('accepts a build of Electron’s ABI', () => {
    expect(checkBuilt(abiOfBinary(Buffer.from('node_register_module_v150')), ready)).toEqual({ ok: true });
  });
});

describe('the script where Electron’s binary could not be downloaded', () => {
  it('ends with the one sentence and no stack trace, and stamps nothing', () => {
    let stderr = '';
    let status = 0;
    try {
      execFileSync(process.execPath, [join(root, 'build/electron-native.mjs')], {
        cwd: root,
        env: {
          ...process.env,
          ELECTRON_OVERRIDE_DIST_PATH: '',
          CT_ELECTRON_DIR: fakeElectron({ binary: false, abi: '150' }),
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
    } catch (e) {
      const err = e as { status: number; stderr: Buffer };
      status = err.status;
      stderr = err.stderr.toString();
    }
    expect(status).toBe(1);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/binary has not been downloaded/);
    expect(stderr).not.toMatch(/\bat .*\.m?js:\d+/);
    expect(existsSync(join(root, 'node_modules/.electron-native/stamp.json'))).toBe(false);
  });
});
