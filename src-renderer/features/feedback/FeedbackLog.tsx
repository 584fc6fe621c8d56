/**
 * The feedback log (step 四): 内部反馈, 外部反馈 (surveys, channel partners, social listening) and
 * 数据反馈 (a metric's gap to its target, recorded from 概览 with the target, the actual and the
 * gap as they were). Links to the root causes and adjustments that answer each record.
 */
import { useMemo } from 'react';
import type { ColDef } from 'ag-grid-community';
import { useTranslation } from 'react-i18next';
import { FEEDBACK_SOURCES, SENTIMENTS, type Feedback } from '../../../src-main/shared/feedback';
import type { Metric } from '../../../src-main/shared/tracking';
import { todayIso } from '../../../src-main/shared/values';
import { formatExact } from '../../components/charts/format-values';
import { formatPercent } from '../../i18n/format';
import { useStore } from '../../store';
import { valueOf } from '../../store/outcome';
import { FollowUpTools } from './FollowUpTools';
import { linksColumn, linksTo } from './record-columns';
import { RecordGrid, type RecordViewProps } from './RecordGrid';
import { useRecordColumns, type RecordSpec } from './use-record-columns';
import { WordCell } from './WordCell';

const FEEDBACK: RecordSpec<Feedback> = {
  entity: 'feedback',
  edit: (row, patch) => void useStore.getState().editFeedback(row.id, patch),
  label: (row) => row.content.slice(0, 20),
};

export function FeedbackLog({ followUp, metrics, ...view }: RecordViewProps & { metrics: Metric[] }) {
  const { t, i18n } = useTranslation();
  const createFeedback = useStore((s) => s.createFeedback);
  const deleteFeedback = useStore((s) => s.deleteFeedback);
  const channels = followUp.settings.feedbackChannels;
  const c = useRecordColumns(FEEDBACK);

  const columns = useMemo((): ColDef<Feedback>[] => {
    const byId = new Map(metrics.map((m) => [m.id, m]));
    const measured = (field: 'targetC' | 'actualC'): ColDef<Feedback> => ({
      colId: field,
      headerName: t(`fields.feedback.${field}`),
      width: 96,
      type: 'rightAligned',
      valueGetter: (p) => {
        const v = p.data?.[field];
        const m = p.data?.metricId ? byId.get(p.data.metricId) : undefined;
        return v == null ? '' : formatExact(v, m?.kind ?? 'count', m?.unit ?? '', i18n.language);
      },
    });
    return [
      {
        ...c.choice(
          'source',
          96,
          () => FEEDBACK_SOURCES,
          (v) => t(`feedbackSource.${v}`),
        ),
        cellRenderer: WordCell,
        cellRendererParams: { prefix: 'source' },
      },
      c.choice('channel', 104, () => channels, undefined, true),
      c.date('receivedOn', false),
      { ...c.text('content', 260, true), pinned: 'left' },
      c.choice(
        'sentiment',
        108,
        () => SENTIMENTS,
        (v) => t(`sentiment.${v}`),
        true,
      ),
      c.pick('moduleId', 'module', 120),
      c.pick('taskId', 'task', 130),
      c.pick('metricId', 'metric', 100),
      measured('targetC'),
      measured('actualC'),
      {
        colId: 'gapPct',
        headerName: t('fields.feedback.gapPct'),
        headerTooltip: t('followUp.gapHint'),
        width: 84,
        type: 'rightAligned',
        valueGetter: (p) => (p.data?.gapPct == null ? '' : formatPercent(p.data.gapPct, i18n.language)),
        cellClass: (p) => (p.data?.gapPct != null && p.data.gapPct < 0 ? 'cell-behind' : ''),
      },
      linksColumn<Feedback>('rootCauses', c.header('rootCauses'), 150, (r) =>
        linksTo('causes', r.rootCauses),
      ),
      linksColumn<Feedback>('adjustments', c.header('adjustments'), 190, (r) =>
        linksTo('adjustments', r.adjustments),
      ),
    ];
  }, [c, t, i18n.language, channels, metrics]);

  const selected = followUp.feedback.find((f) => f.id === view.selectedId) ?? null;
  const onAdd = async () =>
    valueOf(
      await createFeedback({
        source: 'internal',
        receivedOn: todayIso(),
        content: t('followUp.newFeedback'),
      }),
    )?.id ?? null;

  return (
    <RecordGrid<Feedback>
      {...view}
      name="feedback"
      title={t('followUp.feedbackTitle')}
      metrics={metrics}
      rows={followUp.feedback}
      columns={columns}
      addLabel={t('followUp.addFeedback')}
      empty={t('followUp.emptyFeedback')}
      onAdd={onAdd}
      editColumn="content"
      deleteBody={(row) => t('followUp.deleteBody', { name: row.content.slice(0, 40) })}
      onDelete={async (row) => (await deleteFeedback(row.id)).ok}
      tools={
        <FollowUpTools
          testId="feedback"
          table="feedback"
          cause={selected ? { feedbackIds: [selected.id] } : null}
          adjustment={
            selected
              ? {
                  feedbackIds: [selected.id],
                  moduleId: selected.moduleId,
                  expectedMetricId: selected.metricId,
                }
              : null
          }
        />
      }
    />
  );
}
