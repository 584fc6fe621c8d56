/**
 * What the project-file worker is asked to do and what it answers, shared by the worker
 * (worker.ts) and the main side (run-worker.ts). Plain data: it crosses a thread boundary.
 */
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import type { AppErrorData } from '../shared/errors';
import type { FileLimits, ReadResult } from './read';
import type { ExportArgs, ExportProgress, ExportResult } from './write';

export type ExportJob = { kind: 'export' } & Omit<ExportArgs, 'onProgress'>;

export interface ReadJob {
  kind: 'read';
  path: string;
  limits?: FileLimits;
  /** better-sqlite3's addon built for Electron (see OpenOptions.nativeBinding). */
  nativeBinding?: string;
}

export type ProjectFileJob = ExportJob | ReadJob;

export type JobResult<J extends ProjectFileJob> = J extends ExportJob ? ExportResult : ReadResult;

export type WorkerMessage =
  | ({ type: 'progress' } & ExportProgress)
  | { type: 'result'; value: ExportResult | ReadResult }
  | { type: 'error'; error: AppErrorData };

/** An export's temporary name beside its target: hidden, unique, and recognisably ours. */
export function tempNameFor(target: string): string {
  return join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
}
