/**
 * 根因分析 (step 五): a root cause with its category and free analysis (e.g. five whys), the
 * issues and feedback records (数据反馈 gaps included) it explains, and the adjustments that
 * answer it. One root cause may explain several records; a record may have several causes.
 */
import { useCallback, useMemo, type ReactNode } from 'react';
import type { ColDef } from 'ag-grid-community';
import { useTranslation } from 'react-i18next';
import type { RootCause } from '../../../src-main/shared/feedback';
import { describeError } from '../../i18n/describe-error';
import { useStore } from '../../store';
import type { FollowUp } from '../../store/follow-up-slice';
import type { Plan } from '../../store/plan-slice';
import { valueOf } from '../../store/outcome';
import { ExportButton } from './ExportButton';
import { LinksCell, type LinkItem } from './LinksCell';
import { LinkPicker } from './LinkPicker';
import { recordCellKey, recordColumns } from './record-columns';
import { RecordGrid } from './RecordGrid';

export function RootCauses({
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
  const editCause = useStore((s) => s.editCause);
  const createCause = useStore((s) => s.createCause);
  const deleteCause = useStore((s) => s.deleteCause);
  const createAdjustment = useStore((s) => s.createAdjustment);
  const openRecord = useStore((s) => s.openRecord);
  const reject = useStore((s) => s.rejectFollowCell);
  const errors = useStore((s) => s.followErrors);
  const categories = followUp.settings.causeCategories;

  const describeCellError = useCallback(
    (id: string, field: string) => {
      const e = useStore.getState().followErrors[recordCellKey(id, field)];
      return e ? describeError(t, e) : undefined;
    },
    [t],
  );

  const columns = useMemo((): ColDef<RootCause>[] => {
    const c = recordColumns<RootCause>({
      t,
      language: i18n.language,
      entity: 'cause',
      edit: (row, patch) => void editCause(row.id, patch),
      reject: (row, field, reason) =>
        reject('cause', row.id, field, { code: 'invalid_input', reason }, row.title),
      describeCellError,
    });
    return [
      { ...c.text('title', 200, true), pinned: 'left' },
      c.choice('category', 130, () => categories, undefined, true),
      c.text('analysis', 320, true),
      {
        colId: 'explains',
        headerName: t('fields.cause.explains'),
        width: 240,
        autoHeight: true,
        valueGetter: (p): LinkItem[] => [
          ...(p.data?.issues ?? []).map((l) => ({ ...l, view: 'issues' as const })),
          ...(p.data?.feedback ?? []).map((l) => ({ ...l, view: 'feedback' as const })),
        ],
        getQuickFilterText: (p) =>
          [...(p.data?.issues ?? []), ...(p.data?.feedback ?? [])].map((l) => l.label).join(' '),
        cellRenderer: LinksCell,
        sortable: false,
      },
      {
        colId: 'adjustments',
        headerName: t('fields.cause.adjustments'),
        width: 200,
        autoHeight: true,
        valueGetter: (p): LinkItem[] =>
          (p.data?.adjustments ?? []).map((l) => ({ ...l, view: 'adjustments' as const })),
        getQuickFilterText: (p) => (p.data?.adjustments ?? []).map((l) => l.label).join(' '),
        cellRenderer: LinksCell,
        sortable: false,
      },
    ];
  }, [t, i18n.language, editCause, reject, describeCellError, categories]);

  const selected = followUp.causes.find((c) => c.id === selectedId) ?? null;
  const onAdd = async () => valueOf(await createCause({ title: t('followUp.newCause') }))?.id ?? null;

  return (
    <div className="causes-page">
      <RecordGrid<RootCause>
        name="causes"
        title={t('followUp.causesTitle')}
        plan={plan}
        rows={followUp.causes}
        columns={columns}
        cellErrors={errors}
        addLabel={t('followUp.addCause')}
        empty={t('followUp.emptyCauses')}
        onAdd={onAdd}
        editColumn="title"
        deleteBody={(row) => t('followUp.deleteBody', { name: row.title })}
        onDelete={async (row) => (await deleteCause(row.id)).ok}
        selectedId={selectedId}
        onSelect={onSelect}
        focusId={focusId}
        lead={switcher}
        tools={
          <>
            <button
              disabled={!selected}
              onClick={() =>
                selected &&
                void createAdjustment({ title: t('adjust.newTitle'), rootCauseIds: [selected.id] }).then(
                  (made) => made.ok && openRecord('adjustments', made.value.id),
                )
              }
              data-testid="cause-add-adjustment"
            >
              {t('followUp.proposeFor')}
            </button>
            <ExportButton table="causes" />
          </>
        }
      />
      {selected && (
        <div className="card cause-links" data-testid="cause-links">
          <h3>{t('followUp.causeLinksTitle', { name: selected.title })}</h3>
          <div className="picker-columns">
            <LinkPicker
              title={t('followUp.pickIssues')}
              options={followUp.issues.map((i) => ({ id: i.id, label: i.title }))}
              chosen={selected.issues.map((l) => l.id)}
              onChange={(issueIds) => editCause(selected.id, { issueIds })}
              testId="cause-issues"
            />
            <LinkPicker
              title={t('followUp.pickFeedback')}
              options={followUp.feedback.map((f) => ({
                id: f.id,
                label: `${t(`feedbackSource.${f.source}`)} · ${f.content}`,
              }))}
              chosen={selected.feedback.map((l) => l.id)}
              onChange={(feedbackIds) => editCause(selected.id, { feedbackIds })}
              testId="cause-feedback"
            />
          </div>
        </div>
      )}
    </div>
  );
}
