/**
 * 执行问题记录表 (step 四, 内部反馈): what blocks the work, its impact, the support needed, who
 * handles it by when, and how it was resolved. Each row shows the root causes that explain it and
 * the adjustments that answer it (links both ways).
 */
import { useMemo } from 'react';
import type { ColDef } from 'ag-grid-community';
import { useTranslation } from 'react-i18next';
import {
  ISSUE_SEVERITIES,
  ISSUE_STATUSES,
  OPEN_ISSUE_STATUSES,
  type Issue,
  type IssuePatch,
} from '../../../src-main/shared/feedback';
import { todayIso } from '../../../src-main/shared/values';
import { useStore } from '../../store';
import { valueOf } from '../../store/outcome';
import { FollowUpTools } from './FollowUpTools';
import { linksColumn, linksTo } from './record-columns';
import { RecordGrid, type RecordViewProps } from './RecordGrid';
import { useRecordColumns, type RecordSpec } from './use-record-columns';
import { WordCell } from './WordCell';

/** Edits save at once; marking an issue solved dates it today unless a date is there already. */
const ISSUES: RecordSpec<Issue> = {
  entity: 'issue',
  edit: (row, patch) => {
    const next = { ...patch } as IssuePatch;
    if (
      next.status &&
      !OPEN_ISSUE_STATUSES.includes(next.status) &&
      !row.resolvedOn &&
      next.resolvedOn === undefined
    )
      next.resolvedOn = todayIso();
    void useStore.getState().editIssue(row.id, next);
  },
  label: (row) => row.title,
};

export function IssueLog({ followUp, ...view }: RecordViewProps) {
  const { t } = useTranslation();
  const createIssue = useStore((s) => s.createIssue);
  const deleteIssue = useStore((s) => s.deleteIssue);
  const categories = followUp.settings.issueCategories;
  const c = useRecordColumns(ISSUES);

  const columns = useMemo(
    (): ColDef<Issue>[] => [
      c.date('reportedOn', false),
      { ...c.text('title', 200, true), pinned: 'left' },
      c.pick('reporterId', 'person', 130),
      c.pick('moduleId', 'module', 120),
      c.pick('taskId', 'task', 140),
      c.choice('category', 104, () => categories, undefined, true),
      c.text('impact', 170, true),
      c.text('supportNeeded', 170, true),
      {
        ...c.choice(
          'severity',
          104,
          () => ISSUE_SEVERITIES,
          (v) => t(`severity.${v}`),
        ),
        cellRenderer: WordCell,
        cellRendererParams: { prefix: 'severity' },
      },
      c.pick('ownerId', 'person', 100),
      c.date('dueDate'),
      {
        ...c.choice(
          'status',
          96,
          () => ISSUE_STATUSES,
          (v) => t(`issueStatus.${v}`),
        ),
        cellRenderer: WordCell,
        cellRendererParams: { prefix: 'issue' },
      },
      c.text('resolution', 170, true),
      c.date('resolvedOn'),
      linksColumn<Issue>('rootCauses', c.header('rootCauses'), 150, (r) => linksTo('causes', r.rootCauses)),
      linksColumn<Issue>('adjustments', c.header('adjustments'), 190, (r) =>
        linksTo('adjustments', r.adjustments),
      ),
    ],
    [c, t, categories],
  );

  const selected = followUp.issues.find((i) => i.id === view.selectedId) ?? null;
  const onAdd = async () =>
    valueOf(
      await createIssue({
        title: t('followUp.newIssue'),
        reportedOn: todayIso(),
        reporterId: followUp.identity.personId,
      }),
    )?.id ?? null;

  return (
    <RecordGrid<Issue>
      {...view}
      name="issues"
      title={t('followUp.issuesTitle')}
      rows={followUp.issues}
      columns={columns}
      addLabel={t('followUp.addIssue')}
      empty={t('followUp.emptyIssues')}
      onAdd={onAdd}
      editColumn="title"
      deleteBody={(row) => t('followUp.deleteBody', { name: row.title })}
      onDelete={async (row) => (await deleteIssue(row.id)).ok}
      tools={
        <FollowUpTools
          testId="issue"
          table="issues"
          cause={selected ? { issueIds: [selected.id] } : null}
          adjustment={selected ? { issueIds: [selected.id], moduleId: selected.moduleId } : null}
        />
      }
    />
  );
}
