/**
 * The feedback log (step 四): 内部反馈, 外部反馈 (surveys, channel partners, social listening) and
 * 数据反馈 (a metric's gap to its target, recorded from 概览 with the target, the actual and the
 * gap as they were). Links to the root causes and adjustments that answer each record.
 */
import { useCallback, useMemo, type ReactNode } from 'react';
import type { ColDef } from 'ag-grid-community';
import { useTranslation } from 'react-i18next';
import { FEEDBACK_SOURCES, SENTIMENTS, type Feedback } from '../../../src-main/shared/feedback';
import type { Metric } from '../../../src-main/shared/tracking';
import { todayIso } from '../../../src-main/shared/values';
import { formatExact } from '../../components/charts/format-values';
import { describeError } from '../../i18n/describe-error';
import { formatPercent } from '../../i18n/format';
import { useStore } from '../../store';
import type { FollowUp } from '../../store/follow-up-slice';
import type { Plan } from '../../store/plan-slice';
import { valueOf } from '../../store/outcome';
import { FollowUpTools } from './FollowUpTools';
import { LinksCell, type LinkItem } from './LinksCell';
import { recordCellKey, recordColumns } from './record-columns';
import { RecordGrid } from './RecordGrid';
import { WordCell } from './WordCell';

export function FeedbackLog({
  plan,
  followUp,
  metrics,
  selectedId,
  onSelect,
  focusId,
  switcher,
}: {
  plan: Plan;
  followUp: FollowUp;
  metrics: Metric[];
  selectedId: string | null;
  onSelect(id: string | null): void;
  focusId: string | null;
  switcher: ReactNode;
}) {
  const { t, i18n } = useTranslation();
  const editFeedback = useStore((s) => s.editFeedback);
  const createFeedback = useStore((s) => s.createFeedback);
  const deleteFeedback = useStore((s) => s.deleteFeedback);
  const reject = useStore((s) => s.rejectFollowCell);
  const errors = useStore((s) => s.followErrors);
  const channels = followUp.settings.feedbackChannels;

  const describeCellError = useCallback(
    (id: string, field: string) => {
      const e = useStore.getState().followErrors[recordCellKey(id, field)];
      return e ? describeError(t, e) : undefined;
    },
    [t],
  );

  const columns = useMemo((): ColDef<Feedback>[] => {
    const byId = new Map(metrics.map((m) => [m.id, m]));
    const c = recordColumns<Feedback>({
      t,
      language: i18n.language,
      entity: 'feedback',
      edit: (row, patch) => void editFeedback(row.id, patch),
      reject: (row, field, reason) =>
        reject('feedback', row.id, field, { code: 'invalid_input', reason }, row.content.slice(0, 20)),
      describeCellError,
    });
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
      {
        colId: 'rootCauses',
        headerName: t('fields.feedback.rootCauses'),
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
        headerName: t('fields.feedback.adjustments'),
        width: 190,
        autoHeight: true,
        valueGetter: (p): LinkItem[] =>
          (p.data?.adjustments ?? []).map((l) => ({ ...l, view: 'adjustments' as const })),
        getQuickFilterText: (p) => (p.data?.adjustments ?? []).map((l) => l.label).join(' '),
        cellRenderer: LinksCell,
        sortable: false,
      },
    ];
  }, [t, i18n.language, editFeedback, reject, describeCellError, channels, metrics]);

  const selected = followUp.feedback.find((f) => f.id === selectedId) ?? null;
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
      name="feedback"
      title={t('followUp.feedbackTitle')}
      plan={plan}
      metrics={metrics}
      rows={followUp.feedback}
      columns={columns}
      cellErrors={errors}
      addLabel={t('followUp.addFeedback')}
      empty={t('followUp.emptyFeedback')}
      onAdd={onAdd}
      editColumn="content"
      deleteBody={(row) => t('followUp.deleteBody', { name: row.content.slice(0, 40) })}
      onDelete={async (row) => (await deleteFeedback(row.id)).ok}
      selectedId={selectedId}
      onSelect={onSelect}
      focusId={focusId}
      lead={switcher}
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
