/**
 * Steps 四/五 in the reports: the issue log and the adjustments. In the 复盘报告, the issues
 * logged / resolved with their list, and each adjustment with its expected and measured effect
 * (figures from retro.get); in the 周报, the issues new in the period or still open at its end,
 * and the adjustments waiting for the overall owner's decision.
 */
import { formatExact } from '../../components/charts/format-values';
import { formatDate } from '../../i18n/format';
import type { Issue } from '../../../src-main/shared/feedback';
import type { ReportData } from './report-data';
import type { RenderContext } from './sections';

const isOpen = (i: Issue) => i.status === 'open' || i.status === 'in_progress';

function IssueTable({
  issues,
  ctx,
  newFrom,
  testId,
}: {
  issues: Issue[];
  ctx: RenderContext;
  /** Issues reported on or after this day are marked 新增 (the weekly report's period start). */
  newFrom?: string;
  testId: string;
}) {
  const { t, language: lng } = ctx;
  return (
    <table className="report-table" data-testid={testId}>
      <thead>
        <tr>
          <th>{t('fields.issue.reportedOn')}</th>
          <th>{t('fields.issue.title')}</th>
          <th>{t('fields.issue.moduleId')}</th>
          <th>{t('fields.issue.severity')}</th>
          <th>{t('fields.issue.status')}</th>
          <th>{t('fields.issue.ownerId')}</th>
          <th>{t('fields.issue.resolvedOn')}</th>
        </tr>
      </thead>
      <tbody>
        {issues.map((i) => (
          <tr key={i.id}>
            <td className="nowrap">{formatDate(i.reportedOn, lng)}</td>
            <td>
              {i.title}
              {newFrom && i.reportedOn >= newFrom && (
                <span className="report-tag">{t('report.issues.new')}</span>
              )}
            </td>
            <td>{i.moduleName ?? i.taskLabel ?? ''}</td>
            <td>{t(`severity.${i.severity}`)}</td>
            <td>{t(`issueStatus.${i.status}`)}</td>
            <td>{i.ownerName ?? ''}</td>
            <td className="nowrap">{formatDate(i.resolvedOn, lng) || '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function RetroIssues({ data, ctx }: { data: ReportData; ctx: RenderContext }) {
  const { t } = ctx;
  const r = data.retro!;
  const logged = data.issues.filter((i) => i.reportedOn <= r.asOf);
  return (
    <>
      <p className="report-note" data-testid="report-issue-counts">
        {t('report.issues.counts', {
          opened: r.issues.opened,
          resolved: r.issues.resolved,
          open: r.issues.open,
        })}
      </p>
      {logged.length === 0 ? (
        <p className="muted">{t('report.issues.none')}</p>
      ) : (
        <IssueTable issues={logged} ctx={ctx} testId="report-issues" />
      )}
    </>
  );
}

export function RetroAdjustments({ data, ctx }: { data: ReportData; ctx: RenderContext }) {
  const { t, language: lng } = ctx;
  const list = data.retro!.adjustments;
  if (list.length === 0) return <p className="muted">{t('report.adjustments.none')}</p>;
  const value = (v: number | null, kind: 'count' | 'percent' | 'money', unit: string) =>
    v === null ? '—' : formatExact(v, kind, unit, lng);
  return (
    <table className="report-table" data-testid="report-adjustments">
      <thead>
        <tr>
          <th>{t('fields.adjustment.title')}</th>
          <th>{t('fields.adjustment.status')}</th>
          <th>{t('fields.adjustment.expectedMetricId')}</th>
          <th className="num">{t('report.adjustments.expected')}</th>
          <th className="num">{t('report.adjustments.actual')}</th>
          <th>{t('report.adjustments.verdict')}</th>
        </tr>
      </thead>
      <tbody>
        {list.map((a) => (
          <tr key={a.id}>
            <td>{a.title}</td>
            <td>{t(`adjStatus.${a.status}`)}</td>
            <td>{a.metricName ?? '—'}</td>
            <td className="num">{value(a.expectedValueC, a.kind, a.unit)}</td>
            <td className="num">
              {value(a.actualValueC, a.kind, a.unit)}
              {a.measured === 'current' && (
                <span className="report-tags"> {t('report.adjustments.now')}</span>
              )}
            </td>
            <td>
              {a.met === null ? (
                '—'
              ) : (
                <span className={`report-status report-status-${a.met ? 'ok' : 'behind'}`}>
                  {t(a.met ? 'adjust.effectMet' : 'adjust.effectNotMet')}
                </span>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The weekly report's period: its first and last day (the whole plan when no period yet). */
function periodBounds(data: ReportData): { from: string; to: string } {
  return data.period
    ? { from: data.period.start, to: data.period.end }
    : { from: '0000-01-01', to: data.printedOn };
}

export function WeeklyIssues({ data, ctx }: { data: ReportData; ctx: RenderContext }) {
  const { t } = ctx;
  const { from, to } = periodBounds(data);
  // New in the period, or reported earlier and still open: the issues the week has to deal with.
  // The status is today's (the issue log keeps no history of statuses).
  const list = data.issues.filter((i) => i.reportedOn <= to && (i.reportedOn >= from || isOpen(i)));
  const fresh = list.filter((i) => i.reportedOn >= from).length;
  const open = list.filter(isOpen).length;
  return (
    <>
      <p className="report-note" data-testid="report-weekly-issue-counts">
        {t('report.issues.weeklyCounts', { fresh, open })}
      </p>
      {list.length === 0 ? (
        <p className="muted">{t('report.issues.none')}</p>
      ) : (
        <IssueTable issues={list} ctx={ctx} newFrom={from} testId="report-weekly-issues" />
      )}
    </>
  );
}

export function WeeklyAwaiting({ data, ctx }: { data: ReportData; ctx: RenderContext }) {
  const { t, language: lng } = ctx;
  const { to } = periodBounds(data);
  const list = data.adjustments.filter(
    (a) => a.status === 'submitted' && (a.submittedOn === null || a.submittedOn <= to),
  );
  if (list.length === 0) return <p className="muted">{t('report.adjustments.noneAwaiting')}</p>;
  return (
    <table className="report-table" data-testid="report-awaiting">
      <thead>
        <tr>
          <th>{t('fields.adjustment.title')}</th>
          <th>{t('fields.adjustment.moduleId')}</th>
          <th>{t('fields.adjustment.proposerId')}</th>
          <th>{t('adjust.submittedOn')}</th>
          <th>{t('fields.adjustment.major')}</th>
        </tr>
      </thead>
      <tbody>
        {list.map((a) => (
          <tr key={a.id}>
            <td>{a.title}</td>
            <td>{a.moduleName ?? ''}</td>
            <td>{a.proposerName ?? ''}</td>
            <td className="nowrap">{formatDate(a.submittedOn, lng) || '—'}</td>
            <td>{a.major ? t('adjust.major') : t('adjust.minor')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
