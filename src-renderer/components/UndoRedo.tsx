import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from '../store';
import { undoLabel } from './undo-label';

/** Undo / redo buttons for the open project, named after what they would revert. */
export function UndoRedo() {
  const { t } = useTranslation();
  const history = useStore((s) => s.history);
  const undo = useStore((s) => s.undo);
  const redo = useStore((s) => s.redo);
  const label = (action: string | null) => undoLabel(t, action);
  return (
    <span className="undo-redo">
      <button
        disabled={!history.undo}
        onClick={() => void undo()}
        title={
          history.undo ? t('history.undoWhat', { what: label(history.undo) }) : t('history.nothingToUndo')
        }
        data-testid="undo"
      >
        ↶ {t('history.undo')}
      </button>
      <button
        disabled={!history.redo}
        onClick={() => void redo()}
        title={
          history.redo ? t('history.redoWhat', { what: label(history.redo) }) : t('history.nothingToRedo')
        }
        data-testid="redo"
      >
        ↷ {t('history.redo')}
      </button>
    </span>
  );
}

/**
 * Ctrl+Z / Ctrl+Shift+Z / Ctrl+Y (⌘ on a Mac) undo and redo the project's changes, except while
 * the user is typing in a field, where they belong to the field.
 */
export function useUndoRedoShortcuts(): void {
  const undo = useStore((s) => s.undo);
  const redo = useStore((s) => s.redo);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey) return;
      const target = e.target as HTMLElement | null;
      if (target?.closest('input, textarea, select, [contenteditable="true"]')) return;
      const k = e.key.toLowerCase();
      if (k === 'z' && !e.shiftKey) void undo();
      else if ((k === 'z' && e.shiftKey) || k === 'y') void redo();
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [undo, redo]);
}
