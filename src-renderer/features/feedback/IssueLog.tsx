/**
 * 执行问题记录表 (step 四, 内部反馈): what blocks the work, its impact, the support needed, who
 * handles it by when, and how it was resolved. Each row shows the root causes that explain it and
 * the adjustments that answer it (links both ways).
 */
import { useCallback, useMemo, type ReactNode } from 'react';
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
import { describeError } from '../../i18n/describe-error';
import { useStore } from '../../store';
import type { FollowUp } from '../../store/follow-up-slice';
import type { Plan } from '../../store/plan-slice';
import { valueOf } from '../../store/outcome';
import { FollowUpTools } from './FollowUpTools';
import { LinksCell, type LinkItem } from './LinksCell';
import { recordCellKey, recordColumns } from './record-columns';
import { RecordGrid } from './RecordGrid';
import { WordCell } from './WordCell';

export function IssueLog({
  plan,
  followUp,
  selectedId,
  onSelect,
  focusId,
  switcher,
}: {
  plan: Plan;
  followUp: FollowUp;
  selectedId: string | null;
  onSelect(id: string | null): void;
  focusId: string | null;
  switcher: ReactNode;
}) {
  const { t, i18n } = useTranslation();
  const editIssue = useStore((s) => s.editIssue);
  const createIssue = useStore((s) => s.createIssue);
  const deleteIssue = useStore((s) => s.deleteIssue);
  const reject = useStore((s) => s.rejectFollowCell);
  const errors = useStore((s) => s.followErrors);
  const categories = followUp.settings.issueCategories;

  const describeCellError = useCallback(
    (id: string, field: string) => {
      const e = useStore.getState().followErrors[recordCellKey(id, field)];
      return e ? describeError(t, e) : undefined;
    },
    [t],
  );

  const columns = useMemo((): ColDef<Issue>[] => {
    const c = recordColumns<Issue>({
      t,
      language: i18n.language,
      entity: 'issue',
      edit: (row, patch) => {
        const next = { ...patch } as IssuePatch;
        // Marking an issue solved dates it today unless a date is there already.
        if (
          next.status &&
          !OPEN_ISSUE_STATUSES.includes(next.status) &&
          !row.resolvedOn &&
          next.resolvedOn === undefined
        )
          next.resolvedOn = todayIso();
        void editIssue(row.id, next);
      },
      reject: (row, field, reason) =>
        reject('issue', row.id, field, { code: 'invalid_input', reason }, row.title),
      describeCellError,
    });
    return [
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
      {
        colId: 'rootCauses',
        headerName: t('fields.issue.rootCauses'),
        width: 150,
        autoHeight: true,
        valueGetter: (p): LinkItem[] =>
          (p.data?.rootCauses ?? []).map((l) => ({ ...l, view: 'causes' as const })),
        getQuickFilterText: (p) => (p.data?.rootCauses ?? []).map((l) => l.label).join(' '),
        cellRenderer: LinksCell,
        sortable: false,
      },
      {
        colId: 'adjustments',
        headerName: t('fields.issue.adjustments'),
        width: 190,
        autoHeight: true,
        valueGetter: (p): LinkItem[] =>
          (p.data?.adjustments ?? []).map((l) => ({ ...l, view: 'adjustments' as const })),
        getQuickFilterText: (p) => (p.data?.adjustments ?? []).map((l) => l.label).join(' '),
        cellRenderer: LinksCell,
        sortable: false,
      },
    ];
  }, [t, i18n.language, editIssue, reject, describeCellError, categories]);

  const selected = followUp.issues.find((i) => i.id === selectedId) ?? null;
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
      name="issues"
      title={t('followUp.issuesTitle')}
      plan={plan}
      rows={followUp.issues}
      columns={columns}
      cellErrors={errors}
      addLabel={t('followUp.addIssue')}
      empty={t('followUp.emptyIssues')}
      onAdd={onAdd}
      editColumn="title"
      deleteBody={(row) => t('followUp.deleteBody', { name: row.title })}
      onDelete={async (row) => (await deleteIssue(row.id)).ok}
      selectedId={selectedId}
      onSelect={onSelect}
      focusId={focusId}
      lead={switcher}
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
