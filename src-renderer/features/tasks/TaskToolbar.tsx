/**
 * Table 2's toolbar: add, delete, the outline moves, check-in, search, sheets, counts and notes.
 * Memoised in parts: an edit re-renders Table 2 twice (its value, then the stored row) and a
 * focus move once more, and none of them should word the toolbar's buttons again.
 */
import { memo } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { Task } from '../../../src-main/shared/domain';
import { useStore } from '../../store';
import { SheetButtons } from '../sheets/SheetButtons';
import { CheckinButton } from './CheckinButton';

export type Reshape = 'up' | 'down' | 'indent' | 'outdent';

const MOVES: { how: Reshape; arrow: string; label: string; hint: string; testId: string }[] = [
  { how: 'up', arrow: '↑', label: 'tasks.moveUp', hint: 'tasks.moveUpHint', testId: 'move-up' },
  { how: 'down', arrow: '↓', label: 'tasks.moveDown', hint: 'tasks.moveDownHint', testId: 'move-down' },
  { how: 'indent', arrow: '→', label: 'tasks.indent', hint: 'tasks.indentHint', testId: 'indent' },
  { how: 'outdent', arrow: '←', label: 'tasks.outdent', hint: 'tasks.outdentHint', testId: 'outdent' },
];

/** Whether any cell of the open plan is sent and not yet confirmed. */
const selectSaving = (s: { pending: Record<string, true> }) => {
  for (const _ in s.pending) return true;
  return false;
};

/** 保存中 while an edit is on its way: read from the store here, so only this mark follows it. */
function SavingMark() {
  const { t } = useTranslation();
  const saving = useStore(selectSaving);
  return saving ? <span className="saving">{t('tasks.saving')}</span> : null;
}

const SheetsOfTasks = memo(function SheetsOfTasks() {
  return <SheetButtons table="tasks" />;
});

/** The outline moves, enabled while a task is focused or selected. */
const RowMoves = memo(function RowMoves(props: { enabled: boolean; onReshape(how: Reshape): void }) {
  const { t } = useTranslation();
  return (
    <span className="toolbar-group" role="group" aria-label={t('tasks.outline')}>
      {MOVES.map((m) => (
        <button
          key={m.how}
          disabled={!props.enabled}
          onClick={() => props.onReshape(m.how)}
          title={t(m.hint)}
          data-testid={m.testId}
        >
          {`${m.arrow} `}
          {t(m.label)}
        </button>
      ))}
    </span>
  );
});

/** The callbacks are expected to keep their identity across renders (the toolbar is memoised). */
export const TaskToolbar = memo(function TaskToolbar(props: {
  /** Whether there is a task the row tools act on (focused, else last selected). */
  hasCurrent: boolean;
  /** An archived campaign: nothing to add, delete, move or check in. */
  readOnly: boolean;
  /** That task, read when a tool acts. */
  currentTask(): Task | null;
  selectedCount: number;
  taskCount: number;
  search: string;
  onSearch(text: string): void;
  onAdd(): void;
  onDelete(): void;
  onReshape(how: Reshape): void;
  /** The short-lived note after a paste, worded when shown. */
  pasteInfo: ((t: TFunction) => string) | null;
}) {
  const { t } = useTranslation();
  const { readOnly } = props;
  const hasCurrent = props.hasCurrent && !readOnly;
  return (
    <div className="toolbar">
      <h2 className="toolbar-title">{t('tasks.title')}</h2>
      <button
        className="primary"
        disabled={readOnly}
        onClick={props.onAdd}
        data-testid="add-task"
        title={t('tasks.addHint')}
      >
        + {hasCurrent ? t('tasks.addBelow') : t('tasks.add')}
      </button>
      <button
        disabled={props.selectedCount === 0 || readOnly}
        onClick={props.onDelete}
        data-testid="delete-tasks"
      >
        {t('tasks.delete')}
      </button>
      <RowMoves enabled={hasCurrent} onReshape={props.onReshape} />
      <CheckinButton enabled={hasCurrent} currentTask={props.currentTask} />
      <input
        className="search"
        type="search"
        value={props.search}
        placeholder={t('tasks.search')}
        aria-label={t('tasks.search')}
        onChange={(e) => props.onSearch(e.target.value)}
        data-testid="task-search"
      />
      <SheetsOfTasks />
      <span className="toolbar-spacer" />
      <span className="toolbar-info" data-testid="task-info">
        {props.selectedCount
          ? t('tasks.selected', { count: props.selectedCount })
          : t('tasks.count', { count: props.taskCount })}
        <SavingMark />
      </span>
      {props.pasteInfo && (
        // A short-lived note under the toolbar, so it never takes room from the toolbar itself.
        <span className="paste-note">
          <span className="sheet-status" role="status" data-testid="paste-info">
            {props.pasteInfo(t)}
          </span>
        </span>
      )}
    </div>
  );
});
