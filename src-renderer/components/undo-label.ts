import type { TFunction } from 'i18next';

/**
 * The words of an undoable action for the undo/redo tooltip ("编辑指标", "open new period"); an
 * action this version has no words for reads "上一步操作", never its raw name.
 */
export function undoLabel(t: TFunction, action: string | null): string {
  if (!action) return '';
  return t(`history.action.${action}`, { defaultValue: t('history.action.other') });
}
