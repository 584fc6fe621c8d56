/**
 * Words for an error code in the user's language. The main process sends codes (and a reason
 * and path); only here do they become sentences.
 */
import type { TFunction } from 'i18next';
import type { AppErrorData } from '../../src-main/shared/errors';

export function describeError(t: TFunction, error: AppErrorData): string {
  const params = error.params ?? {};
  if (error.reason) {
    // Lengths of text read differently from sizes of numbers ("at most 200 characters").
    const key =
      params.origin === 'string' ? `errors.reason.${error.reason}_string` : `errors.reason.${error.reason}`;
    const modules = params.modules ? `${params.tasks ? '; ' : ''}${params.modules}` : '';
    // Reasons a project file is refused for are worded with the project-file texts.
    const fileKey = `projectFileErrors.${error.reason}`;
    for (const k of [key, `errors.reason.${error.reason}`, fileKey]) {
      const text = t(k, { ...params, modules, defaultValue: '' });
      if (text) return text;
    }
  }
  return t(`errors.code.${error.code}`, params);
}

/** The column a path points at, e.g. ['patch', 'progress'] → 当前进度. */
export function fieldLabel(
  t: TFunction,
  entity: 'task' | 'module' | 'project' | 'person',
  path?: (string | number)[],
) {
  const field = [...(path ?? [])]
    .reverse()
    .find((p) => typeof p === 'string' && !['patch', 'values'].includes(p));
  return field ? t(`fields.${entity}.${field}`, { defaultValue: String(field) }) : '';
}
