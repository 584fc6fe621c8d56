/**
 * The Electron main process: one window over the local database. Kept thin on purpose (it cannot
 * run on the build machines): the rules it applies live in shell/security.ts and are tested
 * there; the work is done by the router and services, tested for real.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, BrowserWindow, session, shell } from 'electron';
import { openBackend, type Backend } from './backend';
import { registerIpc } from './ipc-electron';
import { createFailedRouter, type Router } from './router';
import { AppError } from './shared/errors';
import { decideNavigation, decideNewWindow, isTrustedSender, secureWebPreferences } from './shell/security';

const RENDERER_ENTRY = pathToFileURL(join(__dirname, '../renderer/index.html')).toString();
let mainWindow: BrowserWindow | null = null;
let backend: Backend | null = null;

/**
 * better-sqlite3 must be compiled for Electron's ABI, which differs from the Node build the tests
 * use; the Electron build is kept apart (see build/electron-native.mjs) and loaded by path.
 */
function electronNativeBinding(): string | undefined {
  const candidates = app.isPackaged
    ? [join(process.resourcesPath, 'native', 'better_sqlite3.node')]
    : [join(app.getAppPath(), 'node_modules', '.electron-native', 'better_sqlite3.node')];
  return candidates.find((p) => existsSync(p));
}

function openRouter(): Router {
  try {
    backend = openBackend({
      dataDir: app.getPath('userData'),
      version: app.getVersion(),
      nativeBinding: electronNativeBinding(),
    });
    return backend.router;
  } catch (e) {
    // The renderer shows the reason in the user's language (e.g. a database from a newer version).
    console.error('could not open the database', e);
    return createFailedRouter(e instanceof AppError ? e.data : { code: 'internal' });
  }
}

function createWindow() {
  mainWindow = new BrowserWindow({
    width: 1360,
    height: 860,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: 'Campaign Tracker',
    webPreferences: secureWebPreferences(join(__dirname, '../preload/index.js')),
  });
  mainWindow.once('ready-to-show', () => mainWindow?.show());
  void mainWindow.loadURL(RENDERER_ENTRY);
}

function guardWebContents() {
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event, url) => {
      const decision = decideNavigation(url, RENDERER_ENTRY);
      if (decision === 'allow') return;
      event.preventDefault();
      if (decision === 'open-externally') void shell.openExternal(url);
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      if (decideNewWindow(url) === 'open-externally') void shell.openExternal(url);
      return { action: 'deny' };
    });
  });
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  guardWebContents();
  void app.whenReady().then(() => {
    // No camera, microphone, notifications … the app needs none of them.
    session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
    registerIpc(
      openRouter(),
      (event) =>
        mainWindow !== null &&
        event.sender === mainWindow.webContents &&
        event.senderFrame === mainWindow.webContents.mainFrame &&
        isTrustedSender(event.senderFrame?.url, RENDERER_ENTRY),
    );
    createWindow();
  });
  app.on('window-all-closed', () => {
    backend?.close();
    app.quit();
  });
}
