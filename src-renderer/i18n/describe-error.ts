/**
 * Words for an error code in the user's language. The main process sends codes (and a reason
 * and path); only here do they become sentences.
 */
import type { TFunction } from 'i18next';
import type { AppErrorData } from '../../src-main/shared/errors';
import type { NoticeEntity } from '../store/ui-slice';

export function describeError(t: TFunction, error: AppErrorData): string {
  const params = { ...(error.params ?? {}), ...wordedCodes(t, error.params ?? {}) };
  if (error.reason) {
    // Lengths of text read differently from sizes of numbers ("at most 200 characters"); a
    // refusal about a proposed plan change (params.kind) names the change.
    const key =
      params.origin === 'string'
        ? `errors.reason.${error.reason}_string`
        : params.kind && error.reason === 'end_before_start'
          ? `errors.reason.${error.reason}_change`
          : `errors.reason.${error.reason}`;
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

/**
 * Codes inside a refusal's params put into words: the statuses of a workflow step (from, to)
 * and the kind of a proposed plan change.
 */
function wordedCodes(t: TFunction, params: Record<string, unknown>): Record<string, string> {
  const words: Record<string, string> = {};
  for (const [name, value] of [
    ['fromWord', params.from],
    ['toWord', params.to],
  ] as const) {
    if (typeof value === 'string') words[name] = t(`adjStatus.${value}`, { defaultValue: value });
  }
  if (typeof params.kind === 'string')
    words.kindWord = t(`changeKind.${params.kind}`, { defaultValue: params.kind });
  return words;
}

/** The column a path points at, e.g. ['patch', 'progress'] → 当前进度. */
export function fieldLabel(t: TFunction, entity: NoticeEntity, path?: (string | number)[]) {
  const field = [...(path ?? [])]
    .reverse()
    .find((p) => typeof p === 'string' && !['patch', 'values', 'id', 'projectId', 'today'].includes(p));
  return field ? t(`fields.${entity}.${field}`, { defaultValue: String(field) }) : '';
}
