/**
 * What every store action answers: the value it stored, or why it was refused (the error code
 * the UI words). One shape for all slices, so a caller never has to guess whether `null` means
 * "refused" or "done".
 */
import type { AppErrorData } from '../../src-main/shared/errors';

export type Outcome<T = void> = { ok: true; value: T } | { ok: false; error: AppErrorData };

export const succeeded = <T>(value: T): Outcome<T> => ({ ok: true, value });
export const refused = (error: AppErrorData): Outcome<never> => ({ ok: false, error });

/** An action asked while no project is open (nothing was sent). */
export const NO_OPEN_PROJECT: AppErrorData = { code: 'not_found', reason: 'no_open_project' };

/** The refusal of an outcome, or null when it succeeded (for callers that only show the reason). */
export const refusalOf = (outcome: Outcome<unknown>): AppErrorData | null =>
  outcome.ok ? null : outcome.error;

/** The value of an outcome, or null when it was refused (for callers that only use the value). */
export const valueOf = <T>(outcome: Outcome<T>): T | null => (outcome.ok ? outcome.value : null);
