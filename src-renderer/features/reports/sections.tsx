/**
 * The sections of each printed report, as one list per report: id, title, whether it is printed
 * unless turned off, and how it renders from the report's data. The preview offers exactly
 * these as check boxes, the document numbers the chosen ones 一、二、三… in this order.
 *
 * A later section is one more entry, e.g.
 *   { id: 'issues', titleKey: 'report.sections.issues', render: (d, c) => <RetroIssues … /> }
 * with what it needs added to ReportData (report-data.ts).
 */
import { useMemo, type ReactNode } from 'react';
import type { TFunction } from 'i18next';
import { chartLabels, envFor } from '../../components/charts/chart-labels';
import { moduleProgressOption, targetVsActualOption } from '../../components/charts/options';
import { readChartTheme } from '../../components/charts/theme';
import { formatCompact, formatExact } from '../../components/charts/format-values';
import { formatCompactMoney, formatDate, formatMoney, formatPercent, formatPeriod } from '../../i18n/format';
import { LESSON_KINDS } from '../../../src-main/shared/lessons';
import { addDays } from '../../../src-main/shared/calendar';
import type { Task } from '../../../src-main/shared/domain';
import type { ReportData } from './report-data';
import type { ReportKind } from './report-route';
import { PrintChart } from './PrintChart';
import { attentionWords } from '../overview/attention-words';
import { RetroAdjustments, RetroIssues, WeeklyAwaiting, WeeklyIssues } from './follow-up-sections';
import {
  ApprovalChanges,
  ApprovalDecision,
  ApprovalDetails,
  ApprovalSignatures,
  ApprovalTrail,
} from './approval-sections';

export interface RenderContext {
  t: TFunction;
  language: string;
  /** Called by each chart once drawn (the page is ready to print when all are). */
  chartReady: () => void;
}

export interface ReportSection {
  id: string;
  /** i18n key of the heading. */
  titleKey: string;
  /** Printed as an appendix (附录) after the numbered sections, unnumbered. */
  appendix?: boolean;
  /** How many charts it draws (the page waits for them before it is ready to print). */
  charts?: (data: ReportData) => number;
  render(data: ReportData, ctx: RenderContext): ReactNode;
}

export interface ReportDefinition {
  titleKey: string;
  /** A cover page before the sections. */
  cover: boolean;
  sections: readonly ReportSection[];
}

const metricValue = (
  valueC: number | null,
  kind: 'count' | 'percent' | 'money',
  unit: string,
  lng: string,
) => (valueC === null ? '—' : formatExact(valueC, kind, unit, lng));
const pct = (value: number | null, lng: string) => (value === null ? '—' : formatPercent(value, lng));

/** 达成 / 接近 / 未达成, in colour and in words (black-and-white printers). */
function Completion({
  value,
  threshold,
  t,
  lng,
}: {
  value: number | null;
  threshold: number;
  t: TFunction;
  lng: string;
}) {
  if (value === null) return <span className="muted">—</span>;
  const state = value >= 100 ? 'ok' : value >= 100 - threshold ? 'warn' : 'behind';
  return (
    <span className={`report-status report-status-${state}`}>
      {pct(value, lng)} · {t(`report.completion.${state}`)}
    </span>
  );
}

function Kpis({ items }: { items: { label: string; value: string; note?: string }[] }) {
  return (
    <div className="report-kpis">
      {items.map((k) => (
        <div key={k.label} className="report-kpi">
          <div className="report-kpi-label">{k.label}</div>
          <div className="report-kpi-value">{k.value}</div>
          {k.note && <div className="report-kpi-note">{k.note}</div>}
        </div>
      ))}
    </div>
  );
}

function useReportCharts(data: ReportData, ctx: RenderContext) {
  return useMemo(() => {
    const dashboard = data.dashboard;
    if (!dashboard) return null;
    const env = {
      labels: chartLabels(ctx.t),
      // The report's palette is always the light one (report.css), whatever the app's theme.
      theme: readChartTheme(document.querySelector('.report') ?? document.documentElement),
      language: ctx.language,
    };
    return {
      targets: targetVsActualOption(
        dashboard.metrics.filter((m) => m.targetC != null),
        envFor(env, 'targetVsActual'),
      ),
      modules: moduleProgressOption(dashboard.modules, envFor(env, 'moduleProgress')),
      labels: env.labels,
    };
  }, [data.dashboard, ctx.t, ctx.language]);
}

/** The results' charts: target vs actual (left out of the weekly report) and module progress. */
function ResultsCharts({
  data,
  ctx,
  targets = true,
}: {
  data: ReportData;
  ctx: RenderContext;
  targets?: boolean;
}) {
  const charts = useReportCharts(data, ctx);
  if (!charts) return null;
  return (
    <div className="report-charts">
      {targets && (
        <PrintChart
          option={charts.targets}
          label={charts.labels.targetVsActual.title}
          testId="report-chart-targets"
          onReady={ctx.chartReady}
        />
      )}
      <PrintChart
        option={charts.modules}
        label={charts.labels.moduleProgress.title}
        testId="report-chart-modules"
        onReady={ctx.chartReady}
      />
    </div>
  );
}

function Results({ data, ctx }: { data: ReportData; ctx: RenderContext }) {
  const { t, language: lng } = ctx;
  const r = data.retro!;
  const threshold = data.project.gapThresholdPct;
  const roiNote =
    r.roi.method === 'metric'
      ? t('report.roi.metric', { name: r.roi.metricName })
      : r.roi.method === 'revenue'
        ? t('report.roi.revenue')
        : t('report.roi.none');
  const headline = (h: typeof r.exposure, labelKey: string) => {
    if (!h) return [];
    const m = r.results.find((x) => x.metricId === h.metricId)!;
    return [
      {
        label: t(labelKey),
        value: metricValue(h.actualC, m.kind, h.unit, lng),
        note:
          h.targetC === null
            ? undefined
            : t('report.ofTarget', { target: metricValue(h.targetC, m.kind, h.unit, lng) }),
      },
    ];
  };
  const showPrevious = r.previous !== null;
  return (
    <>
      <Kpis
        items={[
          {
            label: t('report.kpi.goal'),
            value: pct(r.targetCompletionPct, lng),
            note: t('report.kpi.goalNote'),
          },
          ...headline(r.exposure, 'report.kpi.exposure'),
          ...headline(r.conversion, 'report.kpi.conversion'),
          {
            label: t('report.kpi.budget'),
            value: formatCompactMoney(r.budget.spentFen, lng),
            note: t('report.kpi.budgetNote', {
              spent: formatMoney(r.budget.spentFen, lng),
              planned: formatMoney(r.budget.plannedFen, lng),
              pct: pct(r.budget.spentPct, lng),
            }),
          },
          {
            label: t('report.kpi.roi'),
            value: r.roi.value === null ? '—' : formatPercent(r.roi.value * 100, lng),
            note: roiNote,
          },
        ]}
      />
      <table className="report-table" data-testid="report-results">
        <thead>
          <tr>
            <th>{t('report.col.metric')}</th>
            <th>{t('report.col.scope')}</th>
            <th className="num">{t('report.col.target')}</th>
            <th className="num">{t('report.col.actual')}</th>
            <th className="num">{t('report.col.completion')}</th>
            {showPrevious && <th className="num">{t('report.col.previous', { name: r.previous!.name })}</th>}
          </tr>
        </thead>
        <tbody>
          {r.results.map((m) => (
            <tr key={m.metricId}>
              <td>
                {m.name}
                {m.goalLinked && <span className="report-tag">{t('report.goalLinked')}</span>}
              </td>
              <td>{m.scope === 'strategy' ? t('report.scope.strategy') : (m.scopeName ?? '')}</td>
              <td className="num">{metricValue(m.targetC, m.kind, m.unit, lng)}</td>
              <td className="num">{metricValue(m.actualC, m.kind, m.unit, lng)}</td>
              <td className="num">
                <Completion value={m.completionPct} threshold={threshold} t={t} lng={lng} />
              </td>
              {showPrevious && (
                <td className="num">
                  {m.previousActualC === null
                    ? '—'
                    : `${metricValue(m.previousActualC, m.kind, m.unit, lng)} · ${pct(m.previousCompletionPct, lng)}`}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="report-note">{t('report.resultsNote', { date: formatDate(r.asOf, lng) })}</p>
      <ResultsCharts data={data} ctx={ctx} />
    </>
  );
}

function TaskSummary({ data, ctx }: { data: ReportData; ctx: RenderContext }) {
  const { t, language: lng } = ctx;
  const s = data.retro!.tasks;
  const prev = data.retro!.previous?.tasks ?? null;
  const rows: [string, number, number | null][] = [
    ['doneOnTime', s.doneOnTime, prev?.doneOnTime ?? null],
    ['doneLate', s.doneLate, prev?.doneLate ?? null],
    ['doneUndated', s.doneUndated, prev?.doneUndated ?? null],
    ['notDone', s.notDone, prev?.notDone ?? null],
    ['notDoneOverdue', s.notDoneOverdue, prev?.notDoneOverdue ?? null],
  ];
  const share = (n: number, total: number) => (total ? pct((n * 100) / total, lng) : '—');
  return (
    <table className="report-table narrow" data-testid="report-tasks">
      <thead>
        <tr>
          <th>{t('report.tasks.kind')}</th>
          <th className="num">{t('report.tasks.count')}</th>
          <th className="num">{t('report.tasks.share')}</th>
          {prev && <th className="num">{t('report.tasks.previous')}</th>}
        </tr>
      </thead>
      <tbody>
        {rows.map(([key, n, p]) => (
          <tr key={key}>
            <td>{t(`report.tasks.${key}`)}</td>
            <td className="num">{n}</td>
            <td className="num">{share(n, s.total)}</td>
            {prev && <td className="num">{p === null ? '—' : `${p} · ${share(p, prev.total)}`}</td>}
          </tr>
        ))}
        <tr className="total">
          <td>{t('report.tasks.total')}</td>
          <td className="num">{s.total}</td>
          <td className="num">{s.total ? '100%' : '—'}</td>
          {prev && <td className="num">{prev.total}</td>}
        </tr>
      </tbody>
    </table>
  );
}

function Lessons({ data, ctx }: { data: ReportData; ctx: RenderContext }) {
  const { t } = ctx;
  const moduleName = new Map(data.modules.map((m) => [m.id, m.name]));
  return (
    <div className="report-lessons" data-testid="report-lessons">
      {LESSON_KINDS.map((kind) => {
        const list = data.lessons.filter((l) => l.kind === kind);
        return (
          <div key={kind} className="report-lesson-group">
            <h3>{t(`lessons.kind.${kind}`)}</h3>
            {list.length === 0 ? (
              <p className="muted">{t('report.noLessons')}</p>
            ) : (
              <ol>
                {list.map((l) => {
                  const tags = [l.channel, l.audience, l.tactic, l.moduleId ? moduleName.get(l.moduleId) : '']
                    .filter(Boolean)
                    .join(' · ');
                  return (
                    <li key={l.id}>
                      {l.text}
                      {tags && <span className="report-tags"> [{tags}]</span>}
                    </li>
                  );
                })}
              </ol>
            )}
          </div>
        );
      })}
    </div>
  );
}

function Table1({ data, ctx }: { data: ReportData; ctx: RenderContext }) {
  const { t, language: lng } = ctx;
  const person = new Map(data.people.map((p) => [p.id, p.name]));
  return (
    <table className="report-table" data-testid="report-table1">
      <thead>
        <tr>
          <th>{t('fields.module.name')}</th>
          <th>{t('fields.module.ownerId')}</th>
          <th>{t('fields.module.progress')}</th>
          <th>{t('fields.module.summary')}</th>
          <th>{t('fields.module.issues')}</th>
          <th>{t('fields.module.suggestions')}</th>
          <th>{t('fields.module.result')}</th>
        </tr>
      </thead>
      <tbody>
        {data.modules.map((m) => (
          <tr key={m.id}>
            <td>{m.name}</td>
            <td>{m.ownerId ? person.get(m.ownerId) : ''}</td>
            <td>
              {formatPercent(m.progress, lng)}
              {m.milestone ? `(${m.milestone})` : ''}
            </td>
            <td>{m.summary}</td>
            <td>{m.issues}</td>
            <td>{m.suggestions}</td>
            <td>{m.result}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Table2({ data, ctx }: { data: ReportData; ctx: RenderContext }) {
  const { t, language: lng } = ctx;
  const person = new Map(data.people.map((p) => [p.id, p.name]));
  const resources = (task: Task) =>
    [task.budgetFen === null ? '' : formatMoney(task.budgetFen, lng), task.manpower, task.tools]
      .filter(Boolean)
      .join(' / ');
  return (
    <table className="report-table table2" data-testid="report-table2">
      {/* Fixed shares of the width: a long deliverable must not squeeze the name or the ID. */}
      <colgroup>
        {[7, 13, 16, 8, 13, 13, 12, 7, 11].map((w, i) => (
          <col key={i} style={{ width: `${w}%` }} />
        ))}
      </colgroup>
      <thead>
        <tr>
          <th>{t('fields.task.code')}</th>
          <th>{t('fields.task.name')}</th>
          <th>{t('fields.task.deliverable')}</th>
          <th>{t('fields.task.ownerId')}</th>
          <th>{t('fields.task.period')}</th>
          <th>{t('fields.task.resources')}</th>
          <th>{t('fields.task.criteria')}</th>
          <th className="num">{t('fields.task.progress')}</th>
          <th>{t('fields.task.notes')}</th>
        </tr>
      </thead>
      <tbody>
        {data.tasks.map((task) => (
          <tr key={task.id}>
            <td>{task.code}</td>
            <td>{task.name}</td>
            <td>{task.deliverable}</td>
            <td>{task.ownerId ? person.get(task.ownerId) : ''}</td>
            <td>{formatPeriod(task.start, task.end, lng)}</td>
            <td>{resources(task)}</td>
            <td>{task.criteria}</td>
            <td className="num">{formatPercent(task.progress, lng)}</td>
            <td>{task.notes}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

// ---- 周报: one tracking period ----

function WeeklyProgress({ data, ctx }: { data: ReportData; ctx: RenderContext }) {
  const { t, language: lng } = ctx;
  const d = data.dashboard!;
  return (
    <>
      <Kpis
        items={[
          { label: t('report.kpi.progress'), value: formatPercent(d.kpis.progress, lng) },
          { label: t('report.kpi.goal'), value: pct(d.kpis.targetCompletionPct, lng) },
          {
            label: t('report.kpi.budget'),
            value: formatCompactMoney(d.kpis.budgetSpentFen, lng),
            note: t('report.kpi.budgetNote', {
              spent: formatMoney(d.kpis.budgetSpentFen, lng),
              planned: formatMoney(d.kpis.budgetPlannedFen, lng),
              pct: d.kpis.budgetPlannedFen
                ? pct((d.kpis.budgetSpentFen * 100) / d.kpis.budgetPlannedFen, lng)
                : '—',
            }),
          },
        ]}
      />
      <table className="report-table" data-testid="report-weekly-modules">
        <thead>
          <tr>
            <th>{t('fields.module.name')}</th>
            <th className="num">{t('report.col.progress')}</th>
            <th className="num">{t('report.col.elapsed')}</th>
            <th className="num">{t('report.col.gap')}</th>
          </tr>
        </thead>
        <tbody>
          {d.modules.map((m) => {
            const gap = m.timeElapsedPct === null ? null : m.progress - m.timeElapsedPct;
            const state =
              gap === null
                ? null
                : gap >= 0
                  ? 'ok'
                  : gap >= -data.project.gapThresholdPct
                    ? 'warn'
                    : 'behind';
            return (
              <tr key={m.id}>
                <td>{m.name}</td>
                <td className="num">{formatPercent(m.progress, lng)}</td>
                <td className="num">
                  {m.timeElapsedPct === null ? '—' : formatPercent(m.timeElapsedPct, lng)}
                </td>
                <td className="num">
                  {state === null ? (
                    '—'
                  ) : (
                    <span className={`report-status report-status-${state}`}>
                      {t('report.points', { value: Math.round(gap!) })} · {t(`report.pace.${state}`)}
                    </span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <ResultsCharts data={data} ctx={ctx} targets={false} />
    </>
  );
}

function WeeklyMetrics({ data, ctx }: { data: ReportData; ctx: RenderContext }) {
  const { t, language: lng } = ctx;
  const d = data.dashboard!;
  return (
    <table className="report-table" data-testid="report-weekly-metrics">
      <thead>
        <tr>
          <th>{t('report.col.metric')}</th>
          <th className="num">{t('report.col.proRated')}</th>
          <th className="num">{t('report.col.actual')}</th>
          <th className="num">{t('report.col.variance')}</th>
          <th>{t('report.col.status')}</th>
        </tr>
      </thead>
      <tbody>
        {d.metrics.map((m) => (
          <tr key={m.id}>
            <td>{m.name}</td>
            <td className="num">
              {m.proRatedC === null ? '—' : formatCompact(m.proRatedC, m.kind, m.unit, lng)}
            </td>
            <td className="num">{metricValue(m.actualC, m.kind, m.unit, lng)}</td>
            <td className="num">{m.variancePct === null ? '—' : formatPercent(m.variancePct, lng)}</td>
            <td>
              <span className={`report-status report-metric-${m.status}`}>
                {t(`metricStatus.${m.status}`)}
              </span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function WeeklyAttention({ data, ctx }: { data: ReportData; ctx: RenderContext }) {
  const { t } = ctx;
  const d = data.dashboard!;
  if (d.attention.length === 0) return <p className="muted">{t('report.noAttention')}</p>;
  return (
    <ul className="report-attention" data-testid="report-attention">
      {d.attention.slice(0, 30).map((a) => (
        <li key={a.key} className={`report-severity-${a.severity}`}>
          {attentionWords(a, t, ctx.language).text}
        </li>
      ))}
      {d.kpis.attentionCount > 30 && (
        <li className="muted">{t('report.moreAttention', { count: d.kpis.attentionCount - 30 })}</li>
      )}
    </ul>
  );
}

function WeeklyNext({ data, ctx }: { data: ReportData; ctx: RenderContext }) {
  const { t, language: lng } = ctx;
  const period = data.period;
  const from = period ? nextDay(period.end) : data.printedOn;
  const to = addDays(from, 6);
  // Tasks not done that run in the next seven days: what the team works on next.
  const next = data.tasks.filter(
    (task) => task.progress < 100 && (task.start ?? '') <= to && (task.end ?? '9999') >= from,
  );
  if (next.length === 0) return <p className="muted">{t('report.noNextSteps')}</p>;
  const person = new Map(data.people.map((p) => [p.id, p.name]));
  return (
    <>
      <p className="report-note">{t('report.nextWindow', { period: formatPeriod(from, to, lng) })}</p>
      <table className="report-table" data-testid="report-next">
        <thead>
          <tr>
            <th>{t('fields.task.code')}</th>
            <th>{t('fields.task.name')}</th>
            <th>{t('fields.task.ownerId')}</th>
            <th>{t('fields.task.period')}</th>
            <th className="num">{t('fields.task.progress')}</th>
          </tr>
        </thead>
        <tbody>
          {next.map((task) => (
            <tr key={task.id}>
              <td>{task.code}</td>
              <td>{task.name}</td>
              <td>{task.ownerId ? person.get(task.ownerId) : ''}</td>
              <td className="nowrap">{formatPeriod(task.start, task.end, lng)}</td>
              <td className="num">{formatPercent(task.progress, lng)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

const nextDay = (iso: string) => addDays(iso, 1);

export const REPORTS: Record<ReportKind, ReportDefinition> = {
  retro: {
    titleKey: 'report.title.retro',
    cover: true,
    sections: [
      {
        id: 'results',
        titleKey: 'report.sections.results',
        charts: (d) => (d.dashboard ? 2 : 0),
        render: (d, c) => <Results data={d} ctx={c} />,
      },
      { id: 'table1', titleKey: 'report.sections.table1', render: (d, c) => <Table1 data={d} ctx={c} /> },
      { id: 'tasks', titleKey: 'report.sections.tasks', render: (d, c) => <TaskSummary data={d} ctx={c} /> },
      {
        id: 'issues',
        titleKey: 'report.sections.issues',
        render: (d, c) => <RetroIssues data={d} ctx={c} />,
      },
      {
        id: 'adjustments',
        titleKey: 'report.sections.adjustments',
        render: (d, c) => <RetroAdjustments data={d} ctx={c} />,
      },
      { id: 'lessons', titleKey: 'report.sections.lessons', render: (d, c) => <Lessons data={d} ctx={c} /> },
      {
        id: 'table2',
        titleKey: 'report.sections.table2',
        appendix: true,
        render: (d, c) => <Table2 data={d} ctx={c} />,
      },
    ],
  },
  weekly: {
    titleKey: 'report.title.weekly',
    cover: false,
    sections: [
      {
        id: 'progress',
        titleKey: 'report.sections.progress',
        charts: (d) => (d.dashboard ? 1 : 0),
        render: (d, c) => <WeeklyProgress data={d} ctx={c} />,
      },
      {
        id: 'metrics',
        titleKey: 'report.sections.metrics',
        render: (d, c) => <WeeklyMetrics data={d} ctx={c} />,
      },
      {
        id: 'attention',
        titleKey: 'report.sections.attention',
        render: (d, c) => <WeeklyAttention data={d} ctx={c} />,
      },
      {
        id: 'issues',
        titleKey: 'report.sections.weeklyIssues',
        render: (d, c) => <WeeklyIssues data={d} ctx={c} />,
      },
      {
        id: 'awaiting',
        titleKey: 'report.sections.awaiting',
        render: (d, c) => <WeeklyAwaiting data={d} ctx={c} />,
      },
      { id: 'next', titleKey: 'report.sections.next', render: (d, c) => <WeeklyNext data={d} ctx={c} /> },
    ],
  },
  approval: {
    titleKey: 'report.title.approval',
    cover: false,
    sections: [
      {
        id: 'form',
        titleKey: 'report.sections.approvalForm',
        render: (d, c) => <ApprovalDetails data={d} ctx={c} />,
      },
      {
        id: 'changes',
        titleKey: 'report.sections.approvalChanges',
        render: (d, c) => <ApprovalChanges data={d} ctx={c} />,
      },
      {
        id: 'decision',
        titleKey: 'report.sections.approvalDecision',
        render: (d, c) => <ApprovalDecision data={d} ctx={c} />,
      },
      {
        id: 'signatures',
        titleKey: 'report.sections.signatures',
        render: (d, c) => <ApprovalSignatures data={d} ctx={c} />,
      },
      {
        id: 'trail',
        titleKey: 'report.sections.approvalTrail',
        render: (d, c) => <ApprovalTrail data={d} ctx={c} />,
      },
    ],
  },
};
