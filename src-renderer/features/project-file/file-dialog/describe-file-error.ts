/** A project file's refusal in words: its reason when the file format names one, else the code's. */
import type { TFunction } from 'i18next';
import type { AppErrorData } from '../../../../src-main/shared/errors';
import { describeError } from '../../../i18n/describe-error';

export function describeFileError(t: TFunction, error: AppErrorData): string {
  if (error.reason) {
    const text = t(`projectFileErrors.${error.reason}`, {
      ...error.params,
      limitMb: typeof error.params?.limit === 'number' ? Math.round(error.params.limit / 1024 / 1024) : '',
      defaultValue: '',
    });
    if (text) return text;
  }
  return describeError(t, error);
}
