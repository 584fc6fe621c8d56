/**
 * Project files handed to the app by the operating system: a double-click on Windows and Linux
 * starts the app (or a second instance) with the file's path among its arguments; macOS sends
 * an `open-file` event instead. Pure functions over the arguments and the file system, so the
 * rules are tested without Electron.
 */
import { statSync } from 'node:fs';
import { basename, posix, win32 } from 'node:path';
import { PROJECT_FILE_EXTENSION } from '../project-file/format';
import { AppError } from '../shared/errors';
import type { FilePreview } from '../shared/project-file-contract';
import type { AppEvent } from '../shared/events';
import type { ShellEvent } from '../shared/shell-events';

const PROJECT_FILE_SUFFIX = `.${PROJECT_FILE_EXTENSION}`;

/** Whether the name ends in .ctproj, in any case (Windows and macOS names are case-insensitive). */
export function hasProjectFileExtension(path: string): boolean {
  return path.toLowerCase().endsWith(PROJECT_FILE_SUFFIX) && path.length > PROJECT_FILE_SUFFIX.length;
}

/** The path with .ctproj added when the user typed a name without it in the save dialog. */
export function withProjectFileExtension(path: string): string {
  return hasProjectFileExtension(path) ? path : `${path}${PROJECT_FILE_SUFFIX}`;
}

export function isRegularFileOnDisk(path: string): boolean {
  try {
    return statSync(path, { throwIfNoEntry: false })?.isFile() ?? false;
  } catch {
    return false;
  }
}

export interface ArgvOptions {
  /** Relative paths are relative to the directory the app was started from. */
  workingDirectory: string;
  platform?: NodeJS.Platform;
  isRegularFile?: (path: string) => boolean;
}

/**
 * The project file among a launch's arguments, as an absolute path, or null. argv[0] is the
 * executable; Electron's and Chromium's switches (`--no-sandbox`, `--allow-file-access-from-files`,
 * `--original-process-start-time=…`, macOS's `-psn_…`) start with a dash; in development the
 * app's folder (`.`) follows the executable. None of those is an existing regular file named
 * *.ctproj, which is the only thing accepted, so the first such argument is the file.
 */
export function projectFileFromArgv(argv: readonly unknown[], options: ArgvOptions): string | null {
  const paths = (options.platform ?? process.platform) === 'win32' ? win32 : posix;
  const isRegularFile = options.isRegularFile ?? isRegularFileOnDisk;
  for (const arg of argv.slice(1)) {
    if (typeof arg !== 'string' || arg.startsWith('-') || !hasProjectFileExtension(arg)) continue;
    const path = paths.resolve(options.workingDirectory, arg);
    if (isRegularFile(path)) return path;
  }
  return null;
}

/**
 * Reads the file for the preview and says what the window should be told: the preview's token,
 * or why the file cannot be opened. A file of another type is refused by its name before it is
 * read (file_refused/wrong_extension); missing, unreadable, broken and hostile files are refused
 * by the reader.
 */
export async function openProjectFile(
  path: string,
  stagePath: (path: string) => Promise<FilePreview>,
  logError: (e: unknown) => void = () => {},
): Promise<ShellEvent> {
  if (!hasProjectFileExtension(path)) {
    // Worded as when such a file is picked in the page's own open dialog.
    const name = basename(path);
    return {
      type: 'file-error',
      error: { code: 'file_refused', reason: 'wrong_extension', params: { name } },
    };
  }
  try {
    const preview = await stagePath(path);
    return { type: 'file-opened', token: preview.token };
  } catch (e) {
    if (e instanceof AppError) return { type: 'file-error', error: e.data };
    logError(e);
    return { type: 'file-error', error: { code: 'internal' } };
  }
}

/**
 * Events for the window, held until its page has first loaded (a message sent earlier is lost),
 * so the file whose double-click started the app still reaches the page. Later (a reload) the
 * preload keeps what arrives before the page subscribes again.
 */
export function createShellOutbox(send: (event: AppEvent) => void) {
  let loaded = false;
  const waiting: AppEvent[] = [];
  return {
    post(event: AppEvent) {
      if (loaded) send(event);
      else waiting.push(event);
    },
    /** The page has loaded: what waited goes now, in order; later events go at once. */
    pageLoaded() {
      loaded = true;
      for (const event of waiting.splice(0)) send(event);
    },
    get waiting(): readonly AppEvent[] {
      return waiting;
    },
  };
}
