/**
 * Errors travel between the main process and the renderer as data, never as thrown objects
 * or English sentences: the renderer chooses the words in the user's language from `code`
 * and `reason`, and points at the offending field with `path`.
 */
import type { ChangeSet } from './changes';

export const ERROR_CODES = [
  'invalid_input', // the payload does not match the channel's schema, or a value breaks a rule
  'not_found', // the record named by an id does not exist (or was deleted meanwhile)
  'conflict', // the write contradicts stored data (e.g. deleting a person who still owns tasks)
  'unknown_channel', // no such channel in the contract
  'forbidden', // transport refused the caller (wrong window, token or origin)
  'db_too_new', // the database was written by a newer version of the app
  'db_foreign', // the file is not a Campaign Tracker database
  'internal', // a bug: logged in the main process, shown as a generic failure
  'file_refused', // a project file (or backup) that cannot be used: broken, foreign, hostile or too big
  'export_failed', // a project file could not be written (the old file, if any, is untouched)
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** Why a value was refused, for the renderer to word (see the locale files under errors.reason). */
export type ErrorParams = Record<string, string | number>;

export interface AppErrorData {
  code: ErrorCode;
  /** Where in the payload the problem is, e.g. ['patch', 'progress']. */
  path?: (string | number)[];
  /** A finer reason within the code, e.g. 'too_big', 'end_before_start', 'not_team_member'. */
  reason?: string;
  params?: ErrorParams;
  /** Every problem found, when one action checks many values (a paste, an import). */
  problems?: {
    ref?: number;
    path?: (string | number)[];
    field?: string;
    reason?: string;
    params?: ErrorParams;
  }[];
}

/**
 * A channel's answer. A write's answer also tells what it changed (see shared/changes.ts), so
 * the renderer needs no follow-up calls to learn it.
 */
export type Result<T> = { ok: true; value: T; changes?: ChangeSet } | { ok: false; error: AppErrorData };

/** Thrown by services; the router turns it into `{ ok: false, error }`. */
export class AppError extends Error {
  constructor(readonly data: AppErrorData) {
    super(
      `${data.code}${data.reason ? `/${data.reason}` : ''}${data.path ? ` at ${data.path.join('.')}` : ''}`,
    );
    this.name = 'AppError';
  }
}

export function isAppErrorData(value: unknown): value is AppErrorData {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { code?: unknown }).code === 'string' &&
    (ERROR_CODES as readonly string[]).includes((value as { code: string }).code)
  );
}
