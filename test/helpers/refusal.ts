/**
 * What a call that must be refused was refused with: the AppErrorData it threw. Fails the test
 * when the call returned, and rethrows anything that is not an AppError (a bug, not a refusal).
 */
import { AppError, type AppErrorData } from '../../src-main/shared/errors';

export function refusal(fn: () => unknown, what = 'the call'): AppErrorData {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return e.data;
    throw e;
  }
  throw new Error(`${what} should have been refused, but was not`);
}

/** The same for a promise: the AppErrorData it rejected with. */
export async function rejection(promise: Promise<unknown>, what = 'the job'): Promise<AppErrorData> {
  try {
    await promise;
  } catch (e) {
    if (e instanceof AppError) return e.data;
    throw e;
  }
  throw new Error(`${what} should have been refused, but succeeded`);
}
