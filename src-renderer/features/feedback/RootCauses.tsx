/**
 * 根因分析 (step 五): a root cause with its category and free analysis (e.g. five whys), the
 * issues and feedback records (数据反馈 gaps included) it explains, and the adjustments that
 * answer it. One root cause may explain several records; a record may have several causes.
 */
import { useMemo } from 'react';
import type { ColDef } from 'ag-grid-community';
import { useTranslation } from 'react-i18next';
import type { RootCause } from '../../../src-main/shared/feedback';
import { useStore } from '../../store';
import { valueOf } from '../../store/outcome';
import { ExportButton } from './ExportButton';
import { LinkPicker } from './LinkPicker';
import { linksColumn, linksTo } from './record-columns';
import { RecordGrid, type RecordViewProps } from './RecordGrid';
import { useRecordColumns, type RecordSpec } from './use-record-columns';

const CAUSES: RecordSpec<RootCause> = {
  entity: 'cause',
  edit: (row, patch) => void useStore.getState().editCause(row.id, patch),
  label: (row) => row.title,
};

export function RootCauses({ followUp, ...view }: RecordViewProps) {
  const { t } = useTranslation();
  const editCause = useStore((s) => s.editCause);
  const createCause = useStore((s) => s.createCause);
  const deleteCause = useStore((s) => s.deleteCause);
  const createAdjustment = useStore((s) => s.createAdjustment);
  const openRecord = useStore((s) => s.openRecord);
  const categories = followUp.settings.causeCategories;
  const c = useRecordColumns(CAUSES);

  const columns = useMemo(
    (): ColDef<RootCause>[] => [
      { ...c.text('title', 200, true), pinned: 'left' },
      c.choice('category', 130, () => categories, undefined, true),
      c.text('analysis', 320, true),
      linksColumn<RootCause>('explains', c.header('explains'), 240, (r) => [
        ...linksTo('issues', r.issues),
        ...linksTo('feedback', r.feedback),
      ]),
      linksColumn<RootCause>('adjustments', c.header('adjustments'), 200, (r) =>
        linksTo('adjustments', r.adjustments),
      ),
    ],
    [c, categories],
  );

  const selected = followUp.causes.find((c) => c.id === view.selectedId) ?? null;
  const onAdd = async () => valueOf(await createCause({ title: t('followUp.newCause') }))?.id ?? null;

  return (
    <div className="causes-page">
      <RecordGrid<RootCause>
        {...view}
        name="causes"
        title={t('followUp.causesTitle')}
        rows={followUp.causes}
        columns={columns}
        addLabel={t('followUp.addCause')}
        empty={t('followUp.emptyCauses')}
        onAdd={onAdd}
        editColumn="title"
        deleteBody={(row) => t('followUp.deleteBody', { name: row.title })}
        onDelete={async (row) => (await deleteCause(row.id)).ok}
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
