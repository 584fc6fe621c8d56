/** Every conflict of a merge side by side (mine / theirs / what both started from), to decide. */
import { useTranslation } from 'react-i18next';
import type { MergeConflictView } from '../../../../src-main/shared/project-file-contract';
import type { Resolution } from '../project-file-store';
import { ConflictPick } from './ConflictPick';
import { useCellText } from './use-cell-text';

export function ConflictTable(props: {
  conflicts: MergeConflictView[];
  choices: Record<string, Resolution>;
  hidden: number;
  onChoose(id: string, r: Resolution): void;
  onChooseAll(r: Resolution): void;
}) {
  const { t } = useTranslation();
  const show = useCellText();
  return (
    <div className="conflicts" data-testid="conflicts">
      <div className="conflicts-bar">
        <strong>{t('projectFile.conflictsTitle')}</strong>
        <span className="toolbar-spacer" />
        <button onClick={() => props.onChooseAll('mine')} data-testid="all-mine">
          {t('projectFile.allMine')}
        </button>
        <button onClick={() => props.onChooseAll('theirs')} data-testid="all-theirs">
          {t('projectFile.allTheirs')}
        </button>
      </div>
      <div className="conflicts-scroll">
        <table className="simple-table conflict-table">
          <thead>
            <tr>
              <th>{t('projectFile.where')}</th>
              <th>{t('projectFile.mine')}</th>
              <th>{t('projectFile.theirs')}</th>
              <th>{t('projectFile.base')}</th>
            </tr>
          </thead>
          <tbody>
            {props.conflicts.map((c) => {
              const choice = props.choices[c.id];
              return (
                <tr key={c.id} data-testid="conflict-row">
                  <td>
                    <div>{c.label}</div>
                    {c.dependents && Object.keys(c.dependents).length > 0 && (
                      <div className="muted">
                        {t('projectFile.withDependents', {
                          list: Object.entries(c.dependents)
                            .map(
                              ([table, n]) =>
                                `${n} ${t(`projectFile.table.${table}`, { defaultValue: table })}`,
                            )
                            .join(t('projectFile.listSeparator')),
                        })}
                      </div>
                    )}
                    <div className="muted">
                      {t(`projectFile.table.${c.table}`, { defaultValue: c.table })}
                      {c.column
                        ? ` · ${t(`projectFile.column.${c.column}`, { defaultValue: c.column })}`
                        : ''}
                    </div>
                  </td>
                  {SIDES.map((side) => (
                    <td key={side}>
                      <ConflictPick conflict={c} side={side} chosen={choice} onChoose={props.onChoose}>
                        {c.kind === 'field'
                          ? show(c.column, side === 'mine' ? c.mine : c.theirs)
                          : t(ROW_CHOICE[c.kind][side])}
                      </ConflictPick>
                    </td>
                  ))}
                  <td className="muted">{c.kind === 'field' ? show(c.column, c.base) : '—'}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {props.hidden > 0 && <p className="muted">{t('projectFile.moreConflicts', { count: props.hidden })}</p>}
    </div>
  );
}

const SIDES: readonly Resolution[] = ['mine', 'theirs'];

/** What choosing a side of an edit-against-delete conflict does. */
const ROW_CHOICE: Record<'deleted_by_me' | 'deleted_by_them', Record<Resolution, string>> = {
  deleted_by_me: { mine: 'projectFile.keepDeleted', theirs: 'projectFile.restoreTheirs' },
  deleted_by_them: { mine: 'projectFile.keepMine', theirs: 'projectFile.theyDeleted' },
};
