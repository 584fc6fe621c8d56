/**
 * The Electron main process: one window over the local database. Kept thin on purpose (it cannot
 * run on the build machines): the rules it applies live in shell/security.ts, shell/open-file.ts
 * and shell/menu.ts and are tested there; the work is done by the router and services, tested
 * for real.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, BrowserWindow, dialog, Menu, session, shell, type IpcMainInvokeEvent } from 'electron';
import { openBackend, type Backend } from './backend';
import { registerIpc, registerPrint } from './ipc-electron';
import { PROJECT_FILE_EXTENSION } from './project-file/format';
import { createFailedRouter, type Router } from './router';
import { AppError, type AppErrorData } from './shared/errors';
import { EVENT_CHANNEL } from './shared/events';
import { applicationMenuTemplate, shellLabels } from './shell/menu';
import {
  createShellOutbox,
  openProjectFile,
  projectFileFromArgv,
  withProjectFileExtension,
} from './shell/open-file';
import { decideNavigation, decideNewWindow, isTrustedSender, secureWebPreferences } from './shell/security';

const RENDERER_ENTRY = pathToFileURL(join(__dirname, '../renderer/index.html')).toString();
let mainWindow: BrowserWindow | null = null;
let backend: Backend | null = null;
/** Why the database could not be opened (files opened from the OS are refused with it). */
let backendFailure: AppErrorData | null = null;
/** What the page is told by the main process on its own, held until the page has loaded. */
const outbox = createShellOutbox((event) => mainWindow?.webContents.send(EVENT_CHANNEL, event));
/** Files the OS asked us to open before the database was open (macOS sends them before ready). */
const filesBeforeReady: string[] = [];
let started = false;

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

/**
 * The save dialog of an export, in the documents folder under the suggested name. A name typed
 * without .ctproj gets it; if that makes the name of a file that exists, the dialog asks again
 * with that name, so the system's overwrite question is not skipped.
 */
async function chooseExportPath(suggestedName: string): Promise<string | null> {
  const filters = [
    { name: shellLabels(app.getLocale()).projectFileType, extensions: [PROJECT_FILE_EXTENSION] },
  ];
  let defaultPath = join(app.getPath('documents'), suggestedName);
  for (;;) {
    const options = { defaultPath, filters };
    const answer = mainWindow
      ? await dialog.showSaveDialog(mainWindow, options)
      : await dialog.showSaveDialog(options);
    if (answer.canceled || !answer.filePath) return null;
    const path = withProjectFileExtension(answer.filePath);
    if (path === answer.filePath || !existsSync(path)) return path;
    defaultPath = path;
  }
}

/** The save dialog of a printed report, in the documents folder under the suggested name. */
async function choosePdfPath(suggestedName: string): Promise<string | null> {
  const options = {
    defaultPath: join(app.getPath('documents'), suggestedName),
    filters: [{ name: 'PDF', extensions: ['pdf'] }],
  };
  const answer = mainWindow
    ? await dialog.showSaveDialog(mainWindow, options)
    : await dialog.showSaveDialog(options);
  return answer.canceled || !answer.filePath ? null : answer.filePath;
}

function openRouter(): Router {
  try {
    backend = openBackend({
      dataDir: app.getPath('userData'),
      version: app.getVersion(),
      nativeBinding: electronNativeBinding(),
      chooseExportPath,
      mainDir: __dirname, // out/main, where the project-file worker is built
    });
    return backend.router;
  } catch (e) {
    // The renderer shows the reason in the user's language (e.g. a database from a newer version).
    console.error('could not open the database', e);
    backendFailure = e instanceof AppError ? e.data : { code: 'internal' };
    return createFailedRouter(backendFailure);
  }
}

/** Reads a file the OS handed us and tells the page: a preview token, or why not. */
function openFromSystem(path: string): void {
  if (!started) {
    filesBeforeReady.push(path);
    return;
  }
  const stage = (file: string) =>
    backend
      ? backend.projectFiles.stagePath(file)
      : Promise.reject(new AppError(backendFailure ?? { code: 'internal' }));
  void openProjectFile(path, stage, (e) => console.error('could not open a project file', e)).then(
    outbox.post,
  );
}

function bringWindowBack() {
  if (!mainWindow) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.focus();
}

function setApplicationMenu() {
  const template = applicationMenuTemplate({
    locale: app.getLocale(),
    platform: process.platform,
    isPackaged: app.isPackaged,
    onAction: (action) => outbox.post({ type: 'menu', action }),
  });
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
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
  mainWindow.webContents.on('did-finish-load', () => outbox.pageLoaded());
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
  // macOS: a double-click on a file, or a file dropped on the Dock icon; may come before ready.
  app.on('open-file', (event, path) => {
    event.preventDefault();
    bringWindowBack();
    openFromSystem(path);
  });
  // Windows and Linux: a double-click while the app runs starts a second instance with the file.
  app.on('second-instance', (_event, argv: unknown, workingDirectory: unknown) => {
    bringWindowBack();
    if (!Array.isArray(argv)) return;
    const file = projectFileFromArgv(argv, {
      workingDirectory: typeof workingDirectory === 'string' ? workingDirectory : process.cwd(),
    });
    if (file) openFromSystem(file);
  });
  guardWebContents();
  void app.whenReady().then(() => {
    // No camera, microphone, notifications … the app needs none of them.
    session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
    const fromOurWindow = (event: IpcMainInvokeEvent) =>
      mainWindow !== null &&
      event.sender === mainWindow.webContents &&
      event.senderFrame === mainWindow.webContents.mainFrame &&
      isTrustedSender(event.senderFrame?.url, RENDERER_ENTRY);
    const router = openRouter();
    registerIpc(router, fromOurWindow);
    // The app's own events (export progress, a restore) go to the page with the shell's.
    router.listen(outbox.post);
    registerPrint(fromOurWindow, choosePdfPath);
    setApplicationMenu();
    createWindow();
    started = true;
    // Windows and Linux: the double-click that started the app passed the file as an argument.
    const launchFile = projectFileFromArgv(process.argv, { workingDirectory: process.cwd() });
    if (launchFile) openFromSystem(launchFile);
    for (const path of filesBeforeReady.splice(0)) openFromSystem(path);
  });
  app.on('window-all-closed', () => {
    backend?.close();
    app.quit();
  });
}
