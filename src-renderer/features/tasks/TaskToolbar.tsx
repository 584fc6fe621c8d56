/** Table 2's toolbar: add, delete, the outline moves, check-in, search, sheets, counts and notes. */
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { Task } from '../../../src-main/shared/domain';
import { SheetButtons } from '../sheets/SheetButtons';
import { CheckinButton } from './CheckinButton';

export type Reshape = 'up' | 'down' | 'indent' | 'outdent';

const MOVES: { how: Reshape; arrow: string; label: string; hint: string; testId: string }[] = [
  { how: 'up', arrow: '↑', label: 'tasks.moveUp', hint: 'tasks.moveUpHint', testId: 'move-up' },
  { how: 'down', arrow: '↓', label: 'tasks.moveDown', hint: 'tasks.moveDownHint', testId: 'move-down' },
  { how: 'indent', arrow: '→', label: 'tasks.indent', hint: 'tasks.indentHint', testId: 'indent' },
  { how: 'outdent', arrow: '←', label: 'tasks.outdent', hint: 'tasks.outdentHint', testId: 'outdent' },
];

export function TaskToolbar(props: {
  /** The task the row tools act on (focused, else last selected). */
  current: Task | null;
  selectedCount: number;
  taskCount: number;
  saving: boolean;
  search: string;
  onSearch(text: string): void;
  onAdd(): void;
  onDelete(): void;
  onReshape(how: Reshape): void;
  /** The short-lived note after a paste, worded when shown. */
  pasteInfo: ((t: TFunction) => string) | null;
}) {
  const { t } = useTranslation();
  const { current } = props;
  return (
    <div className="toolbar">
      <h2 className="toolbar-title">{t('tasks.title')}</h2>
      <button className="primary" onClick={props.onAdd} data-testid="add-task" title={t('tasks.addHint')}>
        + {current ? t('tasks.addBelow') : t('tasks.add')}
      </button>
      <button disabled={props.selectedCount === 0} onClick={props.onDelete} data-testid="delete-tasks">
        {t('tasks.delete')}
      </button>
      <span className="toolbar-group" role="group" aria-label={t('tasks.outline')}>
        {MOVES.map((m) => (
          <button
            key={m.how}
            disabled={!current}
            onClick={() => props.onReshape(m.how)}
            title={t(m.hint)}
            data-testid={m.testId}
          >
            {`${m.arrow} `}
            {t(m.label)}
          </button>
        ))}
      </span>
      <CheckinButton task={current} />
      <input
        className="search"
        type="search"
        value={props.search}
        placeholder={t('tasks.search')}
        aria-label={t('tasks.search')}
        onChange={(e) => props.onSearch(e.target.value)}
        data-testid="task-search"
      />
      <SheetButtons table="tasks" />
      <span className="toolbar-spacer" />
      <span className="toolbar-info" data-testid="task-info">
        {props.selectedCount
          ? t('tasks.selected', { count: props.selectedCount })
          : t('tasks.count', { count: props.taskCount })}
        {props.saving && <span className="saving"> · {t('tasks.saving')}</span>}
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
}
