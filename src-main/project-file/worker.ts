/**
 * The project-file worker (built to out/main/project-file-worker.js): runs one job — writing
 * an export or reading an untrusted file — away from the main thread, under the time and memory
 * limits the main side sets (run-worker.ts), and posts its progress and its answer.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { AppError, type AppErrorData } from '../shared/errors';
import type { ProjectFileJob, WorkerMessage } from './jobs';
import { readProjectFile } from './read';
import { writeProjectFile } from './write';

function post(message: WorkerMessage): void {
  parentPort?.postMessage(message);
}

function errorData(e: unknown, job: ProjectFileJob): AppErrorData {
  if (e instanceof AppError) return e.data;
  const detail = e instanceof Error ? e.message : String(e);
  return job.kind === 'export'
    ? { code: 'export_failed', reason: 'write_failed', params: { detail } }
    : { code: 'internal', params: { detail } };
}

function run(job: ProjectFileJob): void {
  try {
    if (job.kind === 'export') {
      const { kind: _kind, ...args } = job;
      const value = writeProjectFile({
        ...args,
        onProgress: (p) => post({ type: 'progress', ...p }),
      });
      post({ type: 'result', value });
    } else {
      const value = readProjectFile(job.path, job.limits, { nativeBinding: job.nativeBinding });
      post({ type: 'result', value });
    }
  } catch (e) {
    post({ type: 'error', error: errorData(e, job) });
  }
}

if (!parentPort) throw new Error('the project-file worker runs as a worker thread');
run(workerData as ProjectFileJob);
