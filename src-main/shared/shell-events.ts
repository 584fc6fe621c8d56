/**
 * What the shell (Electron's main process) tells the window on its own initiative: a project file
 * opened from the operating system, or a command chosen in the application menu. These travel
 * with the app's other events (events.ts), each message checked against these shapes first.
 */
import { isAppErrorData, type AppErrorData, type ErrorParams } from './errors';

/** Menu commands the page carries out (it knows the open project and shows the dialogs). */
export const MENU_ACTIONS = ['open-file', 'export-file', 'backups', 'print'] as const;
export type MenuAction = (typeof MENU_ACTIONS)[number];

/** Tokens are the service's random UUIDs; the preview channel accepts at most this many characters. */
export const SHELL_TOKEN_MAX = 100;

export type ShellEvent =
  /** A file double-clicked or dropped on the app was read: ask `projectFile.preview` with the token. */
  | { type: 'file-opened'; token: string }
  /** A file from the operating system could not be read (e.g. file_refused/not_project_file). */
  | { type: 'file-error'; error: AppErrorData }
  | { type: 'menu'; action: MenuAction };

const REASON_MAX = 100;
const PARAMS_MAX = 20;
const PARAM_CHARS_MAX = 1000;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** An error's code, reason and simple params; anything else it carries is dropped. */
function cleanError(value: unknown): AppErrorData | null {
  if (!isAppErrorData(value)) return null;
  const error: AppErrorData = { code: value.code };
  if (value.reason !== undefined) {
    if (typeof value.reason !== 'string' || value.reason.length > REASON_MAX) return null;
    error.reason = value.reason;
  }
  if (value.params !== undefined) {
    if (!isRecord(value.params)) return null;
    const entries = Object.entries(value.params);
    if (entries.length > PARAMS_MAX) return null;
    const params: ErrorParams = {};
    for (const [key, param] of entries) {
      if (typeof param === 'number' && Number.isFinite(param)) params[key] = param;
      else if (typeof param === 'string' && param.length <= PARAM_CHARS_MAX) params[key] = param;
      else return null;
    }
    error.params = params;
  }
  return error;
}

/**
 * The event as a fresh object of a known shape, or null for anything else (unknown type or
 * action, a token that is not a short string, an error without a known code).
 */
export function parseShellEvent(value: unknown): ShellEvent | null {
  if (!isRecord(value)) return null;
  switch (value.type) {
    case 'file-opened': {
      const token = value.token;
      if (typeof token !== 'string' || token.length === 0 || token.length > SHELL_TOKEN_MAX) return null;
      return { type: 'file-opened', token };
    }
    case 'file-error': {
      const error = cleanError(value.error);
      return error ? { type: 'file-error', error } : null;
    }
    case 'menu': {
      const action = MENU_ACTIONS.find((a) => a === value.action);
      return action ? { type: 'menu', action } : null;
    }
    default:
      return null;
  }
}
