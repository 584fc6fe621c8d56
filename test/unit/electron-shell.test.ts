/**
 * Electron cannot run here: the 'electron' module is replaced by a recording fake, and main.ts and
 * preload.ts are imported for real against it (with the real router over a real SQLite file).
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { DATABASE_FILE } from '../../src-main/backend';
import { openDatabase } from '../../src-main/db/open';
import { CHANNELS } from '../../src-main/shared/channels';
import { secureWebPreferences } from '../../src-main/shell/security';
import { withRaw } from '../helpers/db';
import { tempDir } from '../helpers/tmp';

type Listener = (...args: unknown[]) => unknown;

const fake = vi.hoisted(() => {
  class FakeFrame {
    constructor(public url: string) {}
  }
  class FakeWebContents {
    readonly listeners = new Map<string, Listener[]>();
    readonly mainFrame = new FakeFrame('');
    windowOpenHandler: Listener | undefined;
    on(name: string, fn: Listener) {
      this.listeners.set(name, [...(this.listeners.get(name) ?? []), fn]);
      return this;
    }
    setWindowOpenHandler(fn: Listener) {
      this.windowOpenHandler = fn;
    }
    emit(name: string, ...args: unknown[]) {
      for (const fn of this.listeners.get(name) ?? []) fn(...args);
    }
  }
  const state = {
    lock: true,
    userData: '',
    appPath: '',
    quit: 0,
    whenReady: Promise.resolve() as Promise<void>,
    appListeners: new Map<string, Listener[]>(),
    windows: [] as { options: Record<string, unknown>; win: unknown }[],
    loadedUrls: [] as string[],
    ipcHandlers: new Map<string, Listener>(),
    permissionHandler: undefined as Listener | undefined,
    openExternal: [] as string[],
    exposed: [] as [string, unknown][],
    rendererInvokes: [] as unknown[][],
    rendererAnswer: { ok: true, value: 'from main' } as unknown,
    calls: [] as string[],
  };
  class BrowserWindow {
    readonly webContents = new FakeWebContents();
    readonly onceListeners = new Map<string, Listener>();
    minimized = false;
    focused = 0;
    constructor(public readonly options: Record<string, unknown>) {
      state.windows.push({ options, win: this });
      state.calls.push('new BrowserWindow');
    }
    once(name: string, fn: Listener) {
      this.onceListeners.set(name, fn);
      return this;
    }
    loadURL(url: string) {
      state.loadedUrls.push(url);
      return Promise.resolve();
    }
    show() {}
    isMinimized() {
      return this.minimized;
    }
    restore() {
      this.minimized = false;
    }
    focus() {
      this.focused++;
    }
  }
  const app = {
    requestSingleInstanceLock: () => {
      state.calls.push('requestSingleInstanceLock');
      return state.lock;
    },
    quit: () => {
      state.quit++;
    },
    whenReady: () => state.whenReady,
    on: (name: string, fn: Listener) => {
      state.appListeners.set(name, [...(state.appListeners.get(name) ?? []), fn]);
      return app;
    },
    getPath: (name: string) => {
      if (name !== 'userData') throw new Error(`unexpected getPath(${name})`);
      return state.userData;
    },
    getVersion: () => '9.8.7-test',
    get isPackaged() {
      return false;
    },
    getAppPath: () => state.appPath,
  };
  const electron = {
    app,
    BrowserWindow,
    ipcMain: {
      handle: (channel: string, fn: Listener) => {
        if (state.ipcHandlers.has(channel)) throw new Error(`second handler for ${channel}`);
        state.ipcHandlers.set(channel, fn);
      },
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (fn: Listener) => {
          state.permissionHandler = fn;
          state.calls.push('setPermissionRequestHandler');
        },
      },
    },
    shell: {
      openExternal: (url: string) => {
        state.openExternal.push(url);
        return Promise.resolve();
      },
    },
    contextBridge: {
      exposeInMainWorld: (key: string, value: unknown) => {
        state.exposed.push([key, value]);
      },
    },
    ipcRenderer: {
      invoke: (...args: unknown[]) => {
        state.rendererInvokes.push(args);
        return Promise.resolve(state.rendererAnswer);
      },
    },
  };
  const reset = () => {
    state.lock = true;
    state.quit = 0;
    state.whenReady = Promise.resolve();
    state.appListeners.clear();
    state.windows.length = 0;
    state.loadedUrls.length = 0;
    state.ipcHandlers.clear();
    state.permissionHandler = undefined;
    state.openExternal.length = 0;
    state.exposed.length = 0;
    state.rendererInvokes.length = 0;
    state.calls.length = 0;
  };
  return { state, electron, reset, FakeWebContents, FakeFrame };
});

vi.mock('electron', () => ({ ...fake.electron, default: fake.electron }));

const SRC_MAIN = resolve(__dirname, '../../src-main');
const RENDERER_ENTRY = pathToFileURL(join(SRC_MAIN, '../renderer/index.html')).toString();
const PRELOAD = join(SRC_MAIN, '../preload/index.js');

type FakeWindow = {
  options: Record<string, unknown>;
  webContents: InstanceType<typeof fake.FakeWebContents>;
  onceListeners: Map<string, Listener>;
  minimized: boolean;
  focused: number;
};

beforeEach(() => {
  vi.resetModules();
  fake.reset();
  const root = tempDir();
  fake.state.userData = join(root, 'userData');
  fake.state.appPath = join(root, 'app');
  mkdirSync(fake.state.appPath);
  vi.spyOn(console, 'error').mockImplementation(() => {});
});
afterEach(() => {
  vi.restoreAllMocks();
});

/** Imports main.ts afresh and waits until its whenReady work has run. */
async function startMain(): Promise<FakeWindow | undefined> {
  await import('../../src-main/main');
  await fake.state.whenReady;
  await new Promise((r) => setTimeout(r, 0));
  return fake.state.windows[0]?.win as FakeWindow | undefined;
}

function appListener(name: string): Listener {
  const list = fake.state.appListeners.get(name) ?? [];
  expect(list, `app.on('${name}')`).toHaveLength(1);
  return list[0]!;
}

function handler(channel: string): Listener {
  const fn = fake.state.ipcHandlers.get(`api:${channel}`);
  if (!fn) throw new Error(`no handler for api:${channel}`);
  return fn;
}

function closeApp() {
  for (const fn of fake.state.appListeners.get('window-all-closed') ?? []) fn();
}

describe('main process', () => {
  test('quits at once when another instance holds the lock', async () => {
    fake.state.lock = false;
    const win = await startMain();
    expect(fake.state.calls).toEqual(['requestSingleInstanceLock']);
    expect(fake.state.quit).toBe(1);
    expect(win).toBeUndefined();
    expect(fake.state.ipcHandlers.size).toBe(0);
    expect(fake.state.appListeners.size).toBe(0);
    expect(existsSync(join(fake.state.userData, DATABASE_FILE))).toBe(false);
  });

  test('with the lock: one secure window over the renderer entry, database opened in userData', async () => {
    const win = await startMain();
    expect(fake.state.calls[0]).toBe('requestSingleInstanceLock');
    expect(fake.state.quit).toBe(0);
    expect(fake.state.windows).toHaveLength(1);
    expect(win?.options.webPreferences).toEqual(secureWebPreferences(PRELOAD));
    const prefs = win?.options.webPreferences as Record<string, unknown>;
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.sandbox).toBe(true);
    expect(prefs.nodeIntegration).toBe(false);
    expect(fake.state.loadedUrls).toEqual([RENDERER_ENTRY]);
    expect(existsSync(join(fake.state.userData, DATABASE_FILE))).toBe(true);
    // Permissions are handled before the window exists.
    expect(fake.state.calls.indexOf('setPermissionRequestHandler')).toBeLessThan(
      fake.state.calls.indexOf('new BrowserWindow'),
    );
    closeApp();
  });

  test('navigation away is stopped; web links go to the system browser; new windows are denied', async () => {
    await startMain();
    const contents = new fake.FakeWebContents();
    appListener('web-contents-created')({}, contents);

    const navigate = (url: string) => {
      const event = { preventDefault: vi.fn() };
      contents.emit('will-navigate', event, url);
      return event.preventDefault.mock.calls.length > 0;
    };
    expect(navigate('https://example.com')).toBe(true);
    expect(fake.state.openExternal).toEqual(['https://example.com']);
    expect(navigate('file:///etc/passwd')).toBe(true);
    expect(navigate('javascript:alert(1)')).toBe(true);
    expect(fake.state.openExternal).toEqual(['https://example.com']);
    expect(navigate(RENDERER_ENTRY)).toBe(false);

    const attach = { preventDefault: vi.fn() };
    contents.emit('will-attach-webview', attach, {}, {});
    expect(attach.preventDefault).toHaveBeenCalled();

    expect(contents.windowOpenHandler).toBeDefined();
    expect(contents.windowOpenHandler?.({ url: 'https://example.com/x' })).toEqual({ action: 'deny' });
    expect(fake.state.openExternal).toEqual(['https://example.com', 'https://example.com/x']);
    for (const url of [RENDERER_ENTRY, 'file:///etc/passwd', 'javascript:alert(1)', 'about:blank']) {
      expect(contents.windowOpenHandler?.({ url }), url).toEqual({ action: 'deny' });
    }
    expect(fake.state.openExternal).toHaveLength(2);
    closeApp();
  });

  test('one IPC handler per channel, answering only our window’s main frame', async () => {
    const win = await startMain();
    expect([...fake.state.ipcHandlers.keys()].sort()).toEqual(CHANNELS.map((c) => `api:${c}`).sort());
    if (!win) throw new Error('no window');
    win.webContents.mainFrame.url = RENDERER_ENTRY;
    const ours = { sender: win.webContents, senderFrame: win.webContents.mainFrame };

    const answer = (await handler('projects.list')(ours, {})) as { ok: boolean; value: { name: string }[] };
    expect(answer.ok).toBe(true);
    const names = withRaw(join(fake.state.userData, DATABASE_FILE), (raw) =>
      raw.prepare('SELECT name FROM projects ORDER BY created_at, id').pluck().all(),
    );
    expect(answer.value.map((p) => p.name)).toEqual(names);
    expect(await handler('app.info')(ours, {})).toEqual({
      ok: true,
      value: {
        version: '9.8.7-test',
        schemaVersion: withRaw(join(fake.state.userData, DATABASE_FILE), (raw) =>
          raw.pragma('user_version', { simple: true }),
        ),
      },
    });
    expect(await handler('projects.get')(ours, { id: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });

    const forbidden = { ok: false, error: { code: 'forbidden' } };
    const otherContents = new fake.FakeWebContents();
    otherContents.mainFrame.url = RENDERER_ENTRY;
    const foreign = [
      { sender: otherContents, senderFrame: otherContents.mainFrame },
      { sender: win.webContents, senderFrame: new fake.FakeFrame(RENDERER_ENTRY) },
      { sender: win.webContents, senderFrame: undefined },
      {},
    ];
    const before = withRaw(join(fake.state.userData, DATABASE_FILE), (raw) =>
      raw.prepare('SELECT count(*) FROM projects').pluck().get(),
    );
    for (const event of foreign) {
      expect(await handler('projects.list')(event, {})).toEqual(forbidden);
      expect(await handler('projects.create')(event, { name: 'x' })).toEqual(forbidden);
    }
    // Our window, but showing some other page.
    win.webContents.mainFrame.url = 'https://evil.example/';
    expect(await handler('projects.create')(ours, { name: 'x' })).toEqual(forbidden);
    win.webContents.mainFrame.url = 'file:///etc/passwd';
    expect(await handler('projects.create')(ours, { name: 'x' })).toEqual(forbidden);
    const after = withRaw(join(fake.state.userData, DATABASE_FILE), (raw) =>
      raw.prepare('SELECT count(*) FROM projects').pluck().get(),
    );
    expect(after).toBe(before);
    closeApp();
  });

  test('every permission request is denied', async () => {
    await startMain();
    const handlerFn = fake.state.permissionHandler;
    expect(handlerFn).toBeDefined();
    for (const permission of ['media', 'notifications', 'geolocation', 'clipboard-read', 'openExternal']) {
      const callback = vi.fn();
      handlerFn?.({}, permission, callback, {});
      expect(callback, permission).toHaveBeenCalledExactlyOnceWith(false);
    }
    closeApp();
  });

  test('a database from a newer version: every channel answers db_too_new, the file is untouched', async () => {
    mkdirSync(fake.state.userData, { recursive: true });
    const file = join(fake.state.userData, DATABASE_FILE);
    openDatabase({ file }).close();
    const raw = new Database(file);
    raw.pragma('user_version = 42');
    raw.pragma('wal_checkpoint(TRUNCATE)');
    raw.close();

    const win = await startMain();
    if (!win) throw new Error('no window');
    win.webContents.mainFrame.url = RENDERER_ENTRY;
    const ours = { sender: win.webContents, senderFrame: win.webContents.mainFrame };
    for (const channel of CHANNELS) {
      expect(await handler(channel)(ours, {}), channel).toMatchObject({
        ok: false,
        error: { code: 'db_too_new', params: { found: 42 } },
      });
    }
    expect(withRaw(file, (r) => r.pragma('user_version', { simple: true }))).toBe(42);
    closeApp();
  });

  test('a second instance brings the window back; closing all windows closes the database and quits', async () => {
    const win = await startMain();
    if (!win) throw new Error('no window');
    win.minimized = true;
    appListener('second-instance')();
    expect(win.minimized).toBe(false);
    expect(win.focused).toBe(1);

    win.webContents.mainFrame.url = RENDERER_ENTRY;
    const ours = { sender: win.webContents, senderFrame: win.webContents.mainFrame };
    expect(await handler('projects.list')(ours, {})).toMatchObject({ ok: true });
    appListener('window-all-closed')();
    expect(fake.state.quit).toBe(1);
    // The connection is closed: a late call fails as internal instead of touching the file.
    expect(await handler('projects.list')(ours, {})).toEqual({ ok: false, error: { code: 'internal' } });
  });
});

describe('preload', () => {
  test('exposes only `api`, whose invoke forwards known channels and refuses unknown ones', async () => {
    await import('../../src-main/preload');
    expect(fake.state.exposed.map(([key]) => key)).toEqual(['api']);
    const api = fake.state.exposed[0]?.[1] as { invoke: (c: unknown, p: unknown) => Promise<unknown> };
    expect(Object.keys(api)).toEqual(['invoke']);

    for (const channel of ['nope', 'api:projects.list', '__proto__', '', 42, undefined]) {
      expect(await api.invoke(channel, {}), String(channel)).toEqual({
        ok: false,
        error: { code: 'unknown_channel' },
      });
    }
    expect(fake.state.rendererInvokes).toEqual([]);

    const payload = { any: 'thing' };
    const answer = await api.invoke('projects.list', payload);
    expect(fake.state.rendererInvokes).toEqual([['api:projects.list', payload]]);
    expect(answer).toBe(fake.state.rendererAnswer);
    for (const channel of CHANNELS) await api.invoke(channel, null);
    expect(fake.state.rendererInvokes.slice(1).map((args) => args[0])).toEqual(
      CHANNELS.map((c) => `api:${c}`),
    );
  });
});
