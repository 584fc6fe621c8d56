/**
 * Electron cannot run here: the 'electron' module is replaced by a recording fake, and main.ts and
 * preload.ts are imported for real against it (with the real router over a real SQLite file).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { DATABASE_FILE, PROJECT_FILE_WORKER, type BackendOptions } from '../../src-main/backend';
import { openDatabase } from '../../src-main/db/open';
import { FILE_META, PROJECT_FILE_APPLICATION_ID } from '../../src-main/project-file/format';
import type { FilePreview } from '../../src-main/shared/project-file-contract';
import { CHANNELS } from '../../src-main/shared/channels';
import type { ExposedApi } from '../../src-main/shared/exposed-api';
import type { AppEvent } from '../../src-main/shared/events';
import type { ShellEvent } from '../../src-main/shared/shell-events';
import { secureWebPreferences } from '../../src-main/shell/security';
import { openApp } from '../helpers/app';
import { countRows, sha256File, withRaw } from '../helpers/db';
import { exportProject } from '../helpers/project-files';
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
    readonly sent: [string, unknown][] = [];
    send(channel: string, payload: unknown) {
      this.sent.push([channel, payload]);
    }
    /** What printToPDF was asked with; it answers with a small fake PDF. */
    readonly printed: unknown[] = [];
    printToPDF(options: unknown) {
      this.printed.push(options);
      return Promise.resolve(Buffer.from('%PDF-1.7 fake report'));
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
    locale: 'zh-CN',
    documents: '',
    /** What the save dialogs are shown with, and what the user answers (in order). */
    saveDialogs: [] as { window: unknown; options: Record<string, unknown> }[],
    saveAnswers: [] as { canceled: boolean; filePath?: string }[],
    menus: [] as { template: unknown[] }[],
    applicationMenu: undefined as { template: unknown[] } | undefined,
    rendererListeners: new Map<string, Listener[]>(),
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
      if (name === 'userData') return state.userData;
      if (name === 'documents') return state.documents;
      throw new Error(`unexpected getPath(${name})`);
    },
    getLocale: () => state.locale,
    getVersion: () => '9.8.7-test',
    get isPackaged() {
      return false;
    },
    getAppPath: () => state.appPath,
  };
  const electron = {
    app,
    BrowserWindow,
    dialog: {
      showSaveDialog: (...args: unknown[]) => {
        const [window, options] = args.length === 2 ? args : [undefined, args[0]];
        state.saveDialogs.push({ window, options: options as Record<string, unknown> });
        const answer = state.saveAnswers.shift();
        if (!answer) throw new Error('no answer prepared for the save dialog');
        return Promise.resolve({ filePath: '', ...answer });
      },
    },
    Menu: {
      buildFromTemplate: (template: unknown[]) => {
        const menu = { template };
        state.menus.push(menu);
        return menu;
      },
      setApplicationMenu: (menu: { template: unknown[] }) => {
        state.applicationMenu = menu;
      },
    },
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
      on: (channel: string, fn: Listener) => {
        state.rendererListeners.set(channel, [...(state.rendererListeners.get(channel) ?? []), fn]);
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
    state.locale = 'zh-CN';
    state.saveDialogs.length = 0;
    state.saveAnswers.length = 0;
    state.menus.length = 0;
    state.applicationMenu = undefined;
    state.rendererListeners.clear();
  };
  return { state, electron, reset, FakeWebContents, FakeFrame };
});

vi.mock('electron', () => ({ ...fake.electron, default: fake.electron }));

/**
 * The project-file worker is a separate bundle, built beside main (out/main). main.ts runs from
 * source here, where the backend would look for it in src-main; openBackend is the real one,
 * told where the built worker is, and each file main.ts hands to it is recorded so a test can
 * wait until the worker has read it.
 */
const BUILT_MAIN = resolve(__dirname, '../../out/main');
const staging = { reads: [] as Promise<unknown>[] };
function mockBackendWithBuiltWorker() {
  vi.doMock('../../src-main/backend', async (importOriginal) => {
    const real = await importOriginal<typeof import('../../src-main/backend')>();
    return {
      ...real,
      openBackend(options: BackendOptions) {
        const backend = real.openBackend({ ...options, mainDir: BUILT_MAIN });
        const files = backend.projectFiles;
        const stagePath = files.stagePath;
        files.stagePath = (path: string): Promise<FilePreview> => {
          const read = stagePath(path);
          staging.reads.push(read.catch(() => {}));
          return read;
        };
        return backend;
      },
    };
  });
}

/** Tests that read or write project files need the built worker: fail, never skip, without it. */
function requireBuiltWorker() {
  const worker = join(BUILT_MAIN, PROJECT_FILE_WORKER);
  if (!existsSync(worker)) {
    throw new Error(`${worker} is missing: run \`npm run build\` first (npm test does)`);
  }
}

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
  fake.state.documents = join(root, 'Documents');
  mkdirSync(fake.state.appPath);
  mkdirSync(fake.state.documents);
  staging.reads.length = 0;
  // Registered again for each test: a mocked module is kept across vi.resetModules, and this one
  // must share the fresh modules (AppError's class above all) that main.ts is imported with.
  mockBackendWithBuiltWorker();
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
    // One per contract channel, and the print channel of the shell (tested below).
    expect([...fake.state.ipcHandlers.keys()].sort()).toEqual(
      [...CHANNELS.map((c) => `api:${c}`), 'shell:print-to-pdf'].sort(),
    );
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

type Sender = { sender: unknown; senderFrame: unknown };

/** The IPC event of a call from our window's page. */
function fromOurPage(win: FakeWindow): Sender {
  win.webContents.mainFrame.url = RENDERER_ENTRY;
  return { sender: win.webContents, senderFrame: win.webContents.mainFrame };
}

/** What main.ts sent the page, all of it on the events' channel. */
function shellEventsSent(win: FakeWindow): ShellEvent[] {
  for (const [channel] of win.webContents.sent) expect(channel).toBe('app:event');
  return win.webContents.sent.map(([, payload]) => payload as ShellEvent);
}

/** Waits until the worker has read every file main.ts handed it, and the page was told. */
async function fileReadsSettled() {
  await Promise.all(staging.reads);
  await new Promise((r) => setTimeout(r, 0));
}

/** A colleague's project file, exported from another database by the app's own writer. */
function colleaguesFile(dir: string, fileName: string, projectName: string): string {
  const colleague = openApp();
  const projectId = colleague.ok('projects.create', { name: projectName }).id;
  const file = join(dir, fileName);
  exportProject(colleague, projectId, file);
  return file;
}

/** The token of the one 'file-opened' event sent, after checking that is all that was sent. */
function openedToken(win: FakeWindow): string {
  const events = shellEventsSent(win);
  expect(events).toEqual([{ type: 'file-opened', token: expect.any(String) }]);
  return (events[0] as { token: string }).token;
}

/** The page asks for the preview of the file it was told about, as the dialog does. */
async function previewOf(win: FakeWindow, token: string) {
  return handler('projectFile.preview')(fromOurPage(win), { token });
}

const projectsNamed = (name: string) =>
  countRows(join(fake.state.userData, DATABASE_FILE), 'projects', 'name = ?', name);

type MenuItem = {
  label?: string;
  role?: string;
  accelerator?: string;
  type?: string;
  click?: () => void;
  submenu?: MenuItem[];
};

function menuItems(items: MenuItem[]): MenuItem[] {
  return items.flatMap((item) => [item, ...menuItems(item.submenu ?? [])]);
}

describe('project files in the app window', () => {
  test('export: the save dialog opens in Documents under the project’s name; cancelled, nothing is written', async () => {
    const win = await startMain();
    if (!win) throw new Error('no window');
    const page = fromOurPage(win);
    const list = (await handler('projects.list')(page, {})) as { value: { id: string; name: string }[] };
    const project = list.value[0]!;

    fake.state.saveAnswers.push({ canceled: true });
    expect(
      await handler('projectFile.export')(page, { projectId: project.id, exporterName: '王芳' }),
    ).toEqual({
      ok: true,
      value: { path: null, bytes: 0, rows: 0, ms: 0 },
      changes: { projectId: null, tables: [] },
    });
    expect(fake.state.saveDialogs).toEqual([
      {
        window: win,
        options: {
          defaultPath: join(fake.state.documents, `${project.name}.ctproj`),
          filters: [{ name: 'Campaign Tracker 项目', extensions: ['ctproj'] }],
        },
      },
    ]);
    expect(readdirSync(fake.state.documents)).toEqual([]);
    // Nor in the folder used when there is no dialog (the bridge).
    expect(existsSync(join(fake.state.userData, 'exports'))).toBe(false);
    closeApp();
  });

  test('export: written where the user chose, .ctproj added to a name typed without it', async () => {
    requireBuiltWorker();
    const win = await startMain();
    if (!win) throw new Error('no window');
    const page = fromOurPage(win);
    const list = (await handler('projects.list')(page, {})) as { value: { id: string; name: string }[] };
    const project = list.value[0]!;
    const shared = join(tempDir(), '共享');
    mkdirSync(shared);

    fake.state.saveAnswers.push({ canceled: false, filePath: join(shared, '给王芳') });
    win.webContents.emit('did-finish-load');
    const answer = await handler('projectFile.export')(page, { projectId: project.id, exporterName: '李明' });
    const target = join(shared, '给王芳.ctproj');
    expect(answer).toMatchObject({ ok: true, value: { path: target } });
    // The page was told how far the export was as it went, on the events' channel.
    const progress = win.webContents.sent
      .filter(([channel, event]) => channel === 'app:event' && (event as AppEvent).type === 'export-progress')
      .map(([, event]) => event as { done: number; total: number });
    expect(progress[0]).toEqual({ type: 'export-progress', done: 0, total: 0 });
    const last = progress[progress.length - 1]!;
    expect(last.total).toBeGreaterThan(0);
    expect(last.done).toBe(last.total);
    expect(last.total).toBe((answer as { value: { rows: number } }).value.rows);
    expect(readdirSync(shared)).toEqual(['给王芳.ctproj']);
    withRaw(target, (raw) => {
      expect(raw.pragma('application_id', { simple: true })).toBe(PROJECT_FILE_APPLICATION_ID);
      const meta = raw.prepare('SELECT value FROM app_meta WHERE key = ?').pluck();
      expect(meta.get(FILE_META.projectId)).toBe(project.id);
      expect(meta.get(FILE_META.exporterName)).toBe('李明');
      expect(raw.prepare('SELECT id, name FROM projects').all()).toEqual([
        { id: project.id, name: project.name },
      ]);
    });
    const written = sha256File(target);

    // The same name typed again: the file with .ctproj exists, and the dialog never asked about
    // it, so it is shown again under that name (where the system asks before replacing).
    fake.state.saveAnswers.push({ canceled: false, filePath: join(shared, '给王芳') }, { canceled: true });
    expect(
      await handler('projectFile.export')(page, { projectId: project.id, exporterName: '李明' }),
    ).toEqual({
      ok: true,
      value: { path: null, bytes: 0, rows: 0, ms: 0 },
      changes: { projectId: null, tables: [] },
    });
    expect(fake.state.saveDialogs.slice(1).map((d) => d.options.defaultPath)).toEqual([
      join(fake.state.documents, `${project.name}.ctproj`),
      target,
    ]);
    expect(readdirSync(shared)).toEqual(['给王芳.ctproj']);
    expect(sha256File(target)).toBe(written);
    closeApp();
  });

  test('a double-click that starts the app (Windows, Linux): the file reaches the page once it has loaded', async () => {
    requireBuiltWorker();
    const file = colleaguesFile(tempDir(), '秋季新品 王芳.ctproj', '2025秋季新品');
    const argv = process.argv;
    // A packaged Linux build started by the file manager (an AppImage adds --no-sandbox).
    process.argv = ['/opt/Campaign Tracker/campaign-tracker', '--no-sandbox', file];
    let win: FakeWindow | undefined;
    try {
      win = await startMain();
    } finally {
      process.argv = argv;
    }
    if (!win) throw new Error('no window');
    expect(staging.reads).toHaveLength(1);
    await fileReadsSettled();
    // Read, but the page is not there yet: a message now would be lost.
    expect(win.webContents.sent).toEqual([]);

    win.webContents.emit('did-finish-load');
    const token = openedToken(win);
    expect(await previewOf(win, token)).toMatchObject({
      ok: true,
      value: { token, mode: 'new', summary: { projectName: '2025秋季新品' } },
    });
    // Only shown: the project is written when the user confirms the preview.
    expect(projectsNamed('2025秋季新品')).toBe(0);
    closeApp();
  });

  test('a double-click while the app runs (a second instance): window brought back, the file sent', async () => {
    requireBuiltWorker();
    const win = await startMain();
    if (!win) throw new Error('no window');
    win.webContents.emit('did-finish-load');
    const folder = tempDir();
    colleaguesFile(folder, 'Plan.CTPROJ', '双11大促');

    // Without a file (the app started again from its icon): only the window comes back.
    win.minimized = true;
    appListener('second-instance')({}, ['/opt/Campaign Tracker/campaign-tracker'], folder, {});
    expect([win.minimized, win.focused, staging.reads.length]).toEqual([false, 1, 0]);

    // Chromium adds switches of its own; the path is relative to the second instance's folder.
    win.minimized = true;
    appListener('second-instance')(
      {},
      [
        '/opt/Campaign Tracker/campaign-tracker',
        '--allow-file-access-from-files',
        '--original-process-start-time=13370000000000000',
        'Plan.CTPROJ',
      ],
      folder,
      {},
    );
    expect([win.minimized, win.focused]).toEqual([false, 2]);
    await fileReadsSettled();
    const token = openedToken(win);
    expect(await previewOf(win, token)).toMatchObject({
      ok: true,
      value: { mode: 'new', summary: { projectName: '双11大促' } },
    });
    closeApp();
  });

  test('macOS: a file opened before the app is ready waits for the database, then for the page', async () => {
    requireBuiltWorker();
    const file = colleaguesFile(tempDir(), 'brand.ctproj', '品牌周年庆');
    let ready = () => {};
    fake.state.whenReady = new Promise<void>((r) => (ready = r));
    await import('../../src-main/main');
    const event = { preventDefault: vi.fn() };
    appListener('open-file')(event, file);
    // Handled by us (without preventDefault macOS would report the file as not opened).
    expect(event.preventDefault).toHaveBeenCalled();
    expect(fake.state.windows).toHaveLength(0);
    expect(staging.reads).toHaveLength(0);

    ready();
    const win = await startMain();
    if (!win) throw new Error('no window');
    expect(staging.reads).toHaveLength(1);
    await fileReadsSettled();
    expect(win.webContents.sent).toEqual([]);
    win.webContents.emit('did-finish-load');
    const token = openedToken(win);
    expect(await previewOf(win, token)).toMatchObject({
      ok: true,
      value: { mode: 'new', summary: { projectName: '品牌周年庆' } },
    });
    closeApp();
  });

  test('files that are not project files are refused with a reason for the page; nothing is written', async () => {
    requireBuiltWorker();
    const win = await startMain();
    if (!win) throw new Error('no window');
    win.webContents.emit('did-finish-load');
    const before = countRows(join(fake.state.userData, DATABASE_FILE), 'projects');
    const folder = tempDir();
    const notes = join(folder, 'notes.txt');
    writeFileSync(notes, '会议纪要');
    const renamed = join(folder, 'renamed.ctproj');
    writeFileSync(renamed, 'just text with a project file’s name');

    win.minimized = true;
    appListener('open-file')({ preventDefault: () => {} }, notes);
    appListener('open-file')({ preventDefault: () => {} }, renamed);
    expect([win.minimized, win.focused]).toEqual([false, 2]);
    await fileReadsSettled();
    // The text file is refused by its name and never read; the renamed one by the reader.
    expect(staging.reads).toHaveLength(1);
    expect(shellEventsSent(win)).toEqual([
      {
        type: 'file-error',
        error: { code: 'file_refused', reason: 'wrong_extension', params: { name: 'notes.txt' } },
      },
      { type: 'file-error', error: { code: 'file_refused', reason: 'not_sqlite' } },
    ]);
    expect(countRows(join(fake.state.userData, DATABASE_FILE), 'projects')).toBe(before);
    closeApp();
  });

  test('a file opened while the database could not be opened is refused with the same reason', async () => {
    mkdirSync(fake.state.userData, { recursive: true });
    const file = join(fake.state.userData, DATABASE_FILE);
    openDatabase({ file }).close();
    withRaw(file, (raw) => raw.pragma('user_version = 43'), { readonly: false });
    const project = join(tempDir(), 'plan.ctproj');
    writeFileSync(project, 'never read');
    const argv = process.argv;
    process.argv = ['C:\\Program Files\\Campaign Tracker\\Campaign Tracker.exe', project];
    let win: FakeWindow | undefined;
    try {
      win = await startMain();
    } finally {
      process.argv = argv;
    }
    if (!win) throw new Error('no window');
    win.webContents.emit('did-finish-load');
    await new Promise((r) => setTimeout(r, 0));
    expect(shellEventsSent(win)).toEqual([
      {
        type: 'file-error',
        error: { code: 'db_too_new', params: { found: 43, supported: expect.any(Number) } },
      },
    ]);
    closeApp();
  });

  test('application menu in the system language; its commands reach the page, held until it has loaded', async () => {
    const win = await startMain();
    if (!win) throw new Error('no window');
    expect(fake.state.menus).toHaveLength(1);
    expect(fake.state.applicationMenu).toBe(fake.state.menus[0]);
    const template = fake.state.applicationMenu?.template as MenuItem[];
    expect(template.filter((item) => item.role !== 'appMenu').map((item) => item.label)).toEqual([
      '文件',
      '编辑',
      '视图',
      '窗口',
    ]);
    const items = menuItems(template);
    const item = (label: string) => {
      const found = items.find((i) => i.label === label);
      if (!found) throw new Error(`no menu item ${label}`);
      return found;
    };
    expect(item('打开项目文件…').accelerator).toBe('CmdOrCtrl+O');
    expect(item('导出项目文件…').accelerator).toBe('CmdOrCtrl+Shift+E');
    const roles = items.map((i) => i.role).filter(Boolean);
    expect(roles).toEqual(expect.arrayContaining(['cut', 'copy', 'paste', 'selectAll', 'toggleDevTools']));
    // The app's own undo: an undo role would undo the text field's typing instead.
    expect(roles).not.toContain('undo');
    expect(roles).not.toContain('redo');

    expect(item('打印预览…').accelerator).toBe('CmdOrCtrl+P');

    item('打开项目文件…').click?.();
    expect(win.webContents.sent).toEqual([]);
    win.webContents.emit('did-finish-load');
    item('导出项目文件…').click?.();
    item('备份与恢复…').click?.();
    item('打印预览…').click?.();
    // Nothing else: the test process was started without a project file among its arguments.
    expect(shellEventsSent(win)).toEqual([
      { type: 'menu', action: 'open-file' },
      { type: 'menu', action: 'export-file' },
      { type: 'menu', action: 'backups' },
      { type: 'menu', action: 'print' },
    ]);
    closeApp();
  });

  test('menu and save dialog in English outside Chinese locales', async () => {
    fake.state.locale = 'en-US';
    const win = await startMain();
    if (!win) throw new Error('no window');
    const template = fake.state.applicationMenu?.template as MenuItem[];
    expect(template.filter((item) => item.role !== 'appMenu').map((item) => item.label)).toEqual([
      'File',
      'Edit',
      'View',
      'Window',
    ]);
    const page = fromOurPage(win);
    const list = (await handler('projects.list')(page, {})) as { value: { id: string }[] };
    fake.state.saveAnswers.push({ canceled: true });
    await handler('projectFile.export')(page, { projectId: list.value[0]!.id, exporterName: '' });
    expect(fake.state.saveDialogs.map((d) => d.options.filters)).toEqual([
      [{ name: 'Campaign Tracker project', extensions: ['ctproj'] }],
    ]);
    closeApp();
  });
});

describe('print to PDF', () => {
  test('our window prints itself after the save dialog, to the path chosen; others are refused', async () => {
    const win = await startMain();
    if (!win) throw new Error('no window');
    const print = fake.state.ipcHandlers.get('shell:print-to-pdf');
    if (!print) throw new Error('no print handler');
    const page = fromOurPage(win);
    const folder = tempDir();
    const target = join(folder, '复盘.pdf');

    fake.state.saveAnswers.push({ canceled: false, filePath: target });
    const request = { pageSize: 'Letter', landscape: true, fileName: '2024夏季新品推广 复盘报告' };
    expect(await print(page, request)).toEqual({ ok: true, value: { path: target } });
    expect(win.webContents.printed).toEqual([
      { pageSize: 'Letter', landscape: true, printBackground: true, preferCSSPageSize: true },
    ]);
    expect(readFileSync(target, 'utf8')).toBe('%PDF-1.7 fake report');
    expect(fake.state.saveDialogs.at(-1)?.options).toEqual({
      defaultPath: join(fake.state.documents, '2024夏季新品推广 复盘报告.pdf'),
      filters: [{ name: 'PDF', extensions: ['pdf'] }],
    });

    // Cancelled: nothing printed, nothing written.
    fake.state.saveAnswers.push({ canceled: true });
    expect(await print(page, { ...request, fileName: 'a/b:c' })).toEqual({ ok: true, value: { path: null } });
    expect(fake.state.saveDialogs.at(-1)?.options.defaultPath).toBe(join(fake.state.documents, 'a_b_c.pdf'));
    expect(win.webContents.printed).toHaveLength(1);

    // A malformed request or another sender: refused before any dialog or printing.
    const dialogs = fake.state.saveDialogs.length;
    for (const bad of [
      null,
      {},
      { ...request, pageSize: 'A3' },
      { ...request, extra: 1 },
      { ...request, fileName: 'x\u0000' },
    ])
      expect(await print(page, bad)).toEqual({ ok: false, error: { code: 'invalid_input' } });
    const stranger = { sender: new fake.FakeWebContents(), senderFrame: new fake.FakeFrame(RENDERER_ENTRY) };
    expect(await print(stranger, request)).toEqual({ ok: false, error: { code: 'forbidden' } });
    expect(fake.state.saveDialogs).toHaveLength(dialogs);
    expect(win.webContents.printed).toHaveLength(1);
    expect(readdirSync(folder)).toEqual(['复盘.pdf']);
    closeApp();
  });
});

describe('preload', () => {
  test('exposes only `api`, whose invoke forwards known channels and refuses unknown ones', async () => {
    await import('../../src-main/preload');
    expect(fake.state.exposed.map(([key]) => key)).toEqual(['api']);
    const api = fake.state.exposed[0]?.[1] as { invoke: (c: unknown, p: unknown) => Promise<unknown> };
    expect(Object.keys(api)).toEqual(['invoke', 'printToPdf', 'onEvent']);

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

  test('printToPdf forwards a well-formed request only, on the print channel', async () => {
    await import('../../src-main/preload');
    const api = fake.state.exposed[0]?.[1] as ExposedApi;
    const bad = await api.printToPdf({ pageSize: 'A3', landscape: false, fileName: 'x' } as never);
    expect(bad).toEqual({ ok: false, error: { code: 'invalid_input' } });
    expect(fake.state.rendererInvokes).toEqual([]);
    const request = { pageSize: 'A4' as const, landscape: false, fileName: '周报' };
    await api.printToPdf(request);
    expect(fake.state.rendererInvokes).toEqual([['shell:print-to-pdf', request]]);
  });

  test('onEvent passes on the known events only (from the shell, export progress, a restore), as fresh objects, until unsubscribed', async () => {
    await import('../../src-main/preload');
    const api = fake.state.exposed[0]?.[1] as ExposedApi;
    const listeners = fake.state.rendererListeners.get('app:event') ?? [];
    expect(listeners).toHaveLength(1);
    const fromMain = (payload: unknown) => listeners[0]!({ sender: {}, senderId: 0 }, payload);

    const received: unknown[] = [];
    const unsubscribe = api.onEvent((event) => received.push(event));
    const valid: AppEvent[] = [
      { type: 'export-progress', done: 0, total: 0 },
      { type: 'export-progress', done: 5000, total: 12000 },
      { type: 'backup-restored', name: 'campaign-tracker-2026-11-26T20-30-00Z-manual.sqlite' },
      { type: 'file-opened', token: '0190a000-0000-7000-8000-000000000001' },
      { type: 'file-opened', token: 't'.repeat(100) },
      { type: 'file-error', error: { code: 'file_refused', reason: 'not_sqlite' } },
      { type: 'file-error', error: { code: 'file_refused', reason: 'too_large', params: { limitMb: 128 } } },
      { type: 'file-error', error: { code: 'internal' } },
      { type: 'menu', action: 'open-file' },
      { type: 'menu', action: 'export-file' },
      { type: 'menu', action: 'backups' },
    ];
    const malformed: unknown[] = [
      undefined,
      null,
      'file-opened',
      42,
      [],
      ['file-opened', 'token'],
      {},
      { type: 'FILE-OPENED', token: 't' },
      { type: 'toString' },
      { type: '__proto__' },
      { type: 'file-opened' },
      { type: 'file-opened', token: 42 },
      { type: 'file-opened', token: '' },
      { type: 'file-opened', token: 't'.repeat(101) },
      { type: 'file-opened', token: ['t'] },
      { type: 'menu' },
      { type: 'menu', action: 'quit' },
      { type: 'menu', action: 'toString' },
      { type: 'menu', action: ['open-file'] },
      { type: 'file-error' },
      { type: 'file-error', error: 'file_refused' },
      { type: 'file-error', error: { code: 'no_such_code' } },
      { type: 'file-error', error: { code: 'file_refused', reason: 42 } },
      { type: 'file-error', error: { code: 'file_refused', reason: 'r'.repeat(101) } },
      { type: 'file-error', error: { code: 'file_refused', params: { nested: { a: 1 } } } },
      { type: 'file-error', error: { code: 'file_refused', params: ['x'] } },
      { type: 'export-progress' },
      { type: 'export-progress', done: -1, total: 3 },
      { type: 'export-progress', done: 1.5, total: 3 },
      { type: 'export-progress', done: '1', total: 3 },
      { type: 'backup-restored' },
      { type: 'backup-restored', name: '' },
      { type: 'backup-restored', name: 'n'.repeat(201) },
    ];
    for (const payload of [...malformed, ...valid, ...malformed]) fromMain(payload);
    expect(received).toStrictEqual(valid);

    // Only the known fields travel on: nothing else the message carried reaches the page.
    fromMain({ type: 'menu', action: 'backups', html: '<img onerror=alert(1)>' });
    fromMain({
      type: 'file-error',
      error: { code: 'file_refused', reason: 'corrupt', path: ['x'], problems: [{}], stack: 'at …' },
      extra: 1,
    });
    expect(received.slice(valid.length)).toStrictEqual([
      { type: 'menu', action: 'backups' },
      { type: 'file-error', error: { code: 'file_refused', reason: 'corrupt' } },
    ]);

    unsubscribe();
    fromMain(valid[0]);
    expect(received).toHaveLength(valid.length + 2);
  });

  test('events sent before the page subscribes wait for the subscription that stays', async () => {
    await import('../../src-main/preload');
    const api = fake.state.exposed[0]?.[1] as ExposedApi;
    const fromMain = (payload: unknown) =>
      fake.state.rendererListeners.get('app:event')?.[0]?.({ sender: {} }, payload);
    fromMain({ type: 'file-opened', token: 'launch-file' });
    fromMain({ type: 'menu', action: 'quit' });
    fromMain({ type: 'menu', action: 'open-file' });

    // React's StrictMode subscribes, unsubscribes and subscribes again within one task.
    const first: unknown[] = [];
    const second: unknown[] = [];
    api.onEvent((event) => first.push(event))();
    api.onEvent((event) => second.push(event));
    await Promise.resolve();
    expect(first).toEqual([]);
    expect(second).toStrictEqual([
      { type: 'file-opened', token: 'launch-file' },
      { type: 'menu', action: 'open-file' },
    ]);
    // Given once: a later subscriber gets only what comes after it.
    const third: unknown[] = [];
    api.onEvent((event) => third.push(event));
    await Promise.resolve();
    fromMain({ type: 'menu', action: 'backups' });
    expect(third).toStrictEqual([{ type: 'menu', action: 'backups' }]);
    expect(second).toHaveLength(3);
  });
});
