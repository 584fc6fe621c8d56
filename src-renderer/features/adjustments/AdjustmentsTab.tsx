/**
 * 调整审批 (step 五 分析与调整): the adjustments of the plan in a grid, the selected one in
 * detail below (causes, plan changes, approval workflow, effect, status trail), its printable
 * 策略调整审批表, and the rules and settings the workflow depends on.
 */
import { useEffect, useMemo, useState } from 'react';
import type { ColDef } from 'ag-grid-community';
import { useTranslation } from 'react-i18next';
import type { Adjustment } from '../../../src-main/shared/feedback';
import { formatExact } from '../../components/charts/format-values';
import { formatDate } from '../../i18n/format';
import { useStore } from '../../store';
import type { FollowView } from '../../store/follow-up-slice';
import type { Plan } from '../../store/plan-slice';
import { useMetrics } from '../../store/use-metrics';
import { valueOf } from '../../store/outcome';
import { ExportButton } from '../feedback/ExportButton';
import { linksColumn, linksTo } from '../feedback/record-columns';
import { RecordGrid } from '../feedback/RecordGrid';
import { useRecordColumns, type RecordSpec } from '../feedback/use-record-columns';
import { ViewSwitcher } from '../feedback/ViewSwitcher';
import { WordCell } from '../feedback/WordCell';
import '../feedback/follow-up.css';
import { AdjustmentDetail } from './AdjustmentDetail';
import { ApprovalForm } from './ApprovalForm';
import { FollowUpSettings } from './FollowUpSettings';

const ADJUSTMENTS: RecordSpec<Adjustment> = {
  entity: 'adjustment',
  edit: (row, patch) => void useStore.getState().editAdjustment(row.id, patch),
  label: (row) => row.title,
};

const VIEWS = ['adjustments', 'settings'] as const satisfies readonly FollowView[];

export function AdjustmentsTab({ plan }: { plan: Plan }) {
  const { t, i18n } = useTranslation();
  const followUp = useStore((s) => s.followUp);
  const view = useStore((s) => s.followView.adjustments);
  const openRecord = useStore((s) => s.openRecord);
  const focusRowId = useStore((s) => s.focusRowId);
  const createAdjustment = useStore((s) => s.createAdjustment);
  const deleteAdjustment = useStore((s) => s.deleteAdjustment);
  const metrics = useMetrics()?.metrics;
  const selectedId = useStore((s) => s.followSelected.adjustments ?? null);
  const select = useStore((s) => s.selectFollow);
  const setSelectedId = (id: string) => select('adjustments', id);
  const [printing, setPrinting] = useState(false);
  useEffect(() => {
    if (focusRowId) setPrinting(false);
  }, [focusRowId]);

  const c = useRecordColumns(ADJUSTMENTS);

  const columns = useMemo((): ColDef<Adjustment>[] => {
    const byId = new Map((metrics ?? []).map((m) => [m.id, m]));
    // Content is editable while a draft (or rejected); afterwards the workflow speaks.
    const whileDraft = (col: ColDef<Adjustment>): ColDef<Adjustment> => ({
      ...col,
      editable: (p) => !!p.data?.can.edit,
    });
    return [
      { ...whileDraft(c.text('title', 240, true)), pinned: 'left' },
      {
        ...c.choice(
          'status',
          128,
          () => [],
          (v) => t(`adjStatus.${v}`),
        ),
        editable: false,
        cellRenderer: WordCell,
        cellRendererParams: { prefix: 'adj' },
      },
      {
        colId: 'major',
        headerName: t('fields.adjustment.major'),
        width: 84,
        valueGetter: (p) => (p.data?.major ? t('adjust.major') : t('adjust.minor')),
        cellClass: (p) => (p.data?.major ? 'cell-major' : ''),
      },
      whileDraft(c.pick('moduleId', 'module', 120)),
      whileDraft(c.pick('ownerId', 'person', 100)),
      whileDraft(c.date('deadline')),
      {
        colId: 'expected',
        headerName: t('fields.adjustment.expected'),
        width: 170,
        valueGetter: (p) => {
          const a = p.data;
          if (!a?.expectedMetricName) return '';
          const m = a.expectedMetricId ? byId.get(a.expectedMetricId) : undefined;
          const v =
            a.expectedValueC == null
              ? '—'
              : formatExact(a.expectedValueC, m?.kind ?? 'count', m?.unit ?? '', i18n.language);
          return `${a.expectedMetricName} ${v}${a.expectedBy ? ` · ${formatDate(a.expectedBy, i18n.language, false)}` : ''}`;
        },
      },
      {
        colId: 'decision',
        headerName: t('fields.adjustment.decision'),
        width: 200,
        valueGetter: (p) => {
          const d = p.data?.decision;
          if (!d) return '';
          return `${t(`decision.${d.outcome}`)} · ${d.personName ?? '—'}${d.verified ? '' : ' ⚠'}`;
        },
        tooltipValueGetter: (p) =>
          p.data?.decision && !p.data.decision.verified
            ? t('adjust.unverified', { installation: p.data.decision.replicaName ?? '—' })
            : undefined,
      },
      linksColumn<Adjustment>('causes', c.header('causes'), 240, (r) => [
        ...linksTo('issues', r.issues),
        ...linksTo('feedback', r.feedback),
        ...linksTo('causes', r.rootCauses),
      ]),
    ];
  }, [c, t, i18n.language, metrics]);

  if (!followUp || followUp.projectId !== plan.project.id)
    return <p className="muted pad">{t('app.loading')}</p>;

  const switcher = (
    <ViewSwitcher
      views={VIEWS}
      current={view}
      label={t('project.tabs.adjustments')}
      badge={{ view: 'adjustments', count: followUp.summary.awaitingApproval }}
      onOpen={(v) => {
        setPrinting(false);
        openRecord(v);
      }}
    />
  );

  if (view === 'settings') return <FollowUpSettings plan={plan} followUp={followUp} switcher={switcher} />;

  const selected = followUp.adjustments.find((a) => a.id === selectedId) ?? null;
  if (printing && selected)
    return (
      <ApprovalForm
        adjustmentId={selected.id}
        plan={plan}
        metrics={metrics ?? []}
        onClose={() => setPrinting(false)}
      />
    );

  const me = followUp.identity;
  return (
    <div className="adjust-page">
      <div className="adjust-list">
        <RecordGrid<Adjustment>
          name="adjustments"
          title={t('adjust.title')}
          plan={plan}
          rows={followUp.adjustments}
          columns={columns}
          addLabel={t('adjust.add')}
          empty={t('adjust.empty')}
          onAdd={async () => valueOf(await createAdjustment({ title: t('adjust.newTitle') }))?.id ?? null}
          editColumn="title"
          deleteBody={(row) => t('followUp.deleteBody', { name: row.title })}
          onDelete={async (row) => (await deleteAdjustment(row.id)).ok}
          selectedId={selectedId}
          onSelect={(id) => id && setSelectedId(id)}
          focusId={focusRowId}
          switcher={switcher}
          tools={
            <>
              <ExportButton table="adjustments" />
              <span className="identity-chip" data-testid="identity-chip">
                {me.personName
                  ? t('adjust.youAre', { name: me.personName }) +
                    (me.isOverallOwner ? t('adjust.youAreOwner') : '')
                  : t('adjust.youAreUnknown')}
              </span>
            </>
          }
        />
      </div>
      {selected ? (
        <AdjustmentDetail
          key={selected.id}
          adjustment={selected}
          plan={plan}
          followUp={followUp}
          metrics={metrics ?? []}
          onPrint={() => setPrinting(true)}
        />
      ) : (
        followUp.adjustments.length > 0 && <p className="muted pad">{t('adjust.pickOne')}</p>
      )}
    </div>
  );
}
