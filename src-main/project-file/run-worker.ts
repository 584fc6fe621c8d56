/**
 * Runs one project-file job in a worker thread (the built out/main/project-file-worker.js),
 * so that neither a large export nor a hostile file can hold up the app: a job that takes
 * longer than its time limit is stopped, and one that needs more memory than allowed dies alone.
 */
import { rmSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { AppError, type ErrorParams } from '../shared/errors';
import { tempNameFor, type JobResult, type ProjectFileJob, type WorkerMessage } from './jobs';
import type { ExportProgress } from './write';

export interface JobLimits {
  timeoutMs: number;
  /** The worker's JavaScript heap; SQLite's own memory is not counted. */
  maxMemoryMb: number;
  onProgress?: (progress: ExportProgress) => void;
  /** Passed to the job when it names none (better-sqlite3's addon built for Electron). */
  nativeBinding?: string;
}

export function runProjectFileJob<J extends ProjectFileJob>(
  workerFile: string,
  job: J,
  limits: JobLimits,
): Promise<JobResult<J>> {
  const code = job.kind === 'export' ? 'export_failed' : 'file_refused';
  return new Promise((resolve, reject) => {
    let settled = false;
    let succeeded = false;
    // Named here, so that what a stopped worker leaves behind can be removed here.
    const tempFile = job.kind === 'export' ? (job.tempFile ?? tempNameFor(job.target)) : null;
    const worker = new Worker(workerFile, {
      workerData: {
        ...job,
        ...(tempFile ? { tempFile } : {}),
        nativeBinding: job.nativeBinding ?? limits.nativeBinding,
      },
      resourceLimits: { maxOldGenerationSizeMb: limits.maxMemoryMb },
    });
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      fn();
    };
    const removeTemp = () => {
      // A worker stopped before its rename leaves its temporary file behind: not for the user.
      if (!succeeded && tempFile) rmSync(tempFile, { force: true });
    };
    // Settled only once the worker has stopped: nothing goes on reading or writing afterwards.
    const timer = setTimeout(() => {
      settled = true;
      const error = new AppError({
        code,
        reason: 'too_slow',
        params: { limitS: Math.max(1, Math.round(limits.timeoutMs / 1000)) },
      });
      void worker.terminate().then(() => {
        removeTemp();
        reject(error);
      });
    }, limits.timeoutMs);

    worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'progress') {
        if (!settled) limits.onProgress?.({ done: message.done, total: message.total });
      } else if (message.type === 'result') {
        succeeded = true;
        settle(() => resolve(message.value as JobResult<J>));
      } else {
        settle(() => reject(new AppError(message.error)));
      }
    });
    worker.on('error', (e: Error & { code?: string }) => {
      const reason = e.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'too_large_in_memory' : 'worker_failed';
      // The detail is for the log; the user is told the reason in their language.
      const params: ErrorParams =
        reason === 'worker_failed'
          ? { detail: String(e.message).slice(0, 300) }
          : { limitMb: limits.maxMemoryMb };
      settle(() => reject(new AppError({ code, reason, params })));
    });
    worker.on('exit', () => {
      removeTemp();
      settle(() => reject(new AppError({ code, reason: 'worker_failed', params: {} })));
    });
  });
}
