/**
 * 策略调整审批表 as a printed report: one adjustment as a form (what it answers, the measures, the
 * expected effect, whether it is major and why), its proposed changes to the plan (from → to),
 * the decision with its trail, and the signature lines of the paper form.
 * Everything comes from `adjustments.form` (report-data.ts): the same answer as the in-app form.
 */
import type { ReactNode } from 'react';
import { changeFrom, changeObject, changeTo, type ChangeFormat } from '../adjustments/change-words';
import { formatExact } from '../../components/charts/format-values';
import { formatCompactMoney, formatDate, formatDateTime, formatMoney, formatPeriod } from '../../i18n/format';
import type { AdjustmentChange } from '../../../src-main/shared/feedback';
import type { ReportData } from './report-data';
import type { RenderContext } from './sections';

function useForm(data: ReportData) {
  const form = data.form!;
  return { form, a: form.adjustment };
}

/** A metric's value in its unit (kind and unit from the project's metrics). */
function metricValue(data: ReportData, metricId: string | null, v: number | null, lng: string): string {
  if (v == null) return '—';
  const m = data.metrics.find((x) => x.id === metricId);
  return formatExact(v, m?.kind ?? 'count', m?.unit ?? '', lng);
}

export function ApprovalDetails({ data, ctx }: { data: ReportData; ctx: RenderContext }) {
  const { t, language: lng } = ctx;
  const { form, a } = useForm(data);
  const sep = t('followUp.sep');
  const causes = [...a.issues, ...a.feedback].map((l) => l.label).join(sep) || '—';
  const reasons = a.majorReasons.map((r) =>
    t(`majorReason.${r}`, {
      change: formatCompactMoney(a.budgetChangeFen, lng),
      base: formatCompactMoney(a.budgetBaseFen, lng),
      pct: data.majorBudgetPct ?? '—',
    }),
  );
  const wide = (label: string, content: ReactNode, testId?: string) => (
    <tr>
      <th>{label}</th>
      <td colSpan={3} data-testid={testId}>
        {content}
      </td>
    </tr>
  );
  const pair = (l1: string, v1: ReactNode, l2: string, v2: ReactNode) => (
    <tr>
      <th>{l1}</th>
      <td>{v1}</td>
      <th>{l2}</th>
      <td>{v2}</td>
    </tr>
  );
  return (
    <table className="report-form" data-testid="report-approval">
      <colgroup>
        <col style={{ width: '17%' }} />
        <col style={{ width: '33%' }} />
        <col style={{ width: '17%' }} />
        <col style={{ width: '33%' }} />
      </colgroup>
      <tbody>
        {pair(
          t('fields.project.name'),
          form.projectName,
          t('fields.project.ownerId'),
          form.overallOwnerName ?? '—',
        )}
        {pair(
          t('fields.project.goal'),
          form.goal || '—',
          t('fields.project.budgetFen'),
          form.projectBudgetFen == null ? '—' : formatMoney(form.projectBudgetFen, lng),
        )}
        {wide(t('fields.adjustment.title'), <strong>{a.title}</strong>)}
        {pair(
          t('fields.adjustment.moduleId'),
          a.moduleName ?? '—',
          t('report.approval.status'),
          t(`adjStatus.${a.status}`),
        )}
        {pair(
          t('fields.adjustment.proposerId'),
          a.proposerName ?? '—',
          t('adjust.submittedOn'),
          formatDate(a.submittedOn, lng) || '—',
        )}
        {wide(t('adjust.formCauses'), causes)}
        {wide(t('adjust.formRootCauses'), a.rootCauses.map((l) => l.label).join(sep) || '—')}
        {wide(
          t('fields.adjustment.measures'),
          <span className="pre">{a.measures || '—'}</span>,
          'report-measures',
        )}
        {pair(
          t('fields.adjustment.ownerId'),
          a.ownerName ?? '—',
          t('fields.adjustment.deadline'),
          formatDate(a.deadline, lng) || '—',
        )}
        {wide(
          t('adjust.sectionExpected'),
          a.expectedMetricName
            ? t('adjust.expectedLine', {
                metric: a.expectedMetricName,
                value: metricValue(data, a.expectedMetricId, a.expectedValueC, lng),
                date: formatDate(a.expectedBy, lng) || '—',
              })
            : '—',
        )}
        {wide(
          t('adjust.formMajor'),
          a.major ? `${t('adjust.major')} · ${reasons.join(sep)}` : t('adjust.minor'),
        )}
      </tbody>
    </table>
  );
}

export function ApprovalChanges({ data, ctx }: { data: ReportData; ctx: RenderContext }) {
  const { t, language: lng } = ctx;
  const { a } = useForm(data);
  if (a.changes.length === 0) return <p className="muted">{t('adjust.noChanges')}</p>;
  const money = (fen: number | null) => (fen == null ? '—' : formatMoney(fen, lng));
  const dates = (s: string | null, e: string | null) => formatPeriod(s, e, lng) || '—';
  const words: ChangeFormat = {
    money,
    dates,
    date: (iso) => formatDate(iso, lng),
    value: (metricId, v) => metricValue(data, metricId, v, lng),
    projectName: data.project.name,
    noOwner: '—',
    gap: '',
  };
  const object = (c: AdjustmentChange) => changeObject(c, words);
  const from = (c: AdjustmentChange) => changeFrom(c, words);
  const to = (c: AdjustmentChange) => changeTo(c, words);
  return (
    <table className="report-table" data-testid="report-approval-changes">
      <thead>
        <tr>
          <th>{t('adjust.changeKind')}</th>
          <th>{t('adjust.changeObject')}</th>
          <th className="num">{t('adjust.changeFrom')}</th>
          <th className="num">{t('adjust.changeTo')}</th>
        </tr>
      </thead>
      <tbody>
        {a.changes.map((c) => (
          <tr key={c.id}>
            <td>{t(`changeKind.${c.kind}`)}</td>
            <td>{object(c)}</td>
            <td className="num">{from(c)}</td>
            <td className="num">{to(c)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function ApprovalDecision({ data, ctx }: { data: ReportData; ctx: RenderContext }) {
  const { t, language: lng } = ctx;
  const { a } = useForm(data);
  const d = a.decision;
  return (
    <>
      <table className="report-form" data-testid="report-approval-decision">
        <colgroup>
          <col style={{ width: '17%' }} />
          <col style={{ width: '33%' }} />
          <col style={{ width: '17%' }} />
          <col style={{ width: '33%' }} />
        </colgroup>
        <tbody>
          <tr>
            <th>{t('adjust.formDecision')}</th>
            <td>{d ? t(`decision.${d.outcome}`) : t('adjust.formPending')}</td>
            <th>{t('adjust.formDecisionDate')}</th>
            <td>{formatDate(d?.date, lng) || '—'}</td>
          </tr>
          <tr>
            <th>{t('adjust.formApprover')}</th>
            <td>
              {d?.personName ?? '—'}
              {d && !d.verified && <span className="report-tag">{t('adjust.notOwnerFlag')}</span>}
            </td>
            <th>{t('report.approval.installation')}</th>
            <td>{d?.replicaName || '—'}</td>
          </tr>
          <tr>
            <th>{t('adjust.comment')}</th>
            <td colSpan={3}>
              <span className="pre">{d?.comment || '—'}</span>
            </td>
          </tr>
        </tbody>
      </table>
    </>
  );
}

/** Every status change with its date and who made it (after the signatures: the form's appendix). */
export function ApprovalTrail({ data, ctx }: { data: ReportData; ctx: RenderContext }) {
  const { t, language: lng } = ctx;
  const { a } = useForm(data);
  if (a.history.length === 0) return <p className="muted">{t('adjust.noHistory')}</p>;
  return (
    <table className="report-table" data-testid="report-approval-trail">
      <thead>
        <tr>
          <th>{t('adjust.historyWhen')}</th>
          <th>{t('adjust.historyAction')}</th>
          <th>{t('adjust.historyStatus')}</th>
          <th>{t('adjust.historyWho')}</th>
          <th>{t('adjust.comment')}</th>
        </tr>
      </thead>
      <tbody>
        {a.history.map((e) => (
          <tr key={e.id}>
            <td className="nowrap">{e.date ? formatDate(e.date, lng) : formatDateTime(e.at, lng)}</td>
            <td>{t(`adjAction.${e.action}`)}</td>
            <td>
              {t(`adjStatus.${e.fromStatus}`)} → {t(`adjStatus.${e.toStatus}`)}
            </td>
            <td>{e.personName ?? e.replicaName}</td>
            <td>{e.comment}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The paper form's signature lines: the proposer, the overall owner's approval, the date. */
export function ApprovalSignatures({ data, ctx }: { data: ReportData; ctx: RenderContext }) {
  const { t } = ctx;
  const { form, a } = useForm(data);
  const line = (label: string, name: string | null) => (
    <div className="report-signature">
      <div className="report-signature-label">{label}</div>
      <div className="report-signature-line" />
      {name && <div className="report-signature-name">{name}</div>}
    </div>
  );
  return (
    <div className="report-signatures" data-testid="report-signatures">
      {line(t('report.approval.signProposer'), a.proposerName)}
      {line(t('report.approval.signOwner'), form.overallOwnerName)}
      {line(t('report.approval.signDate'), null)}
    </div>
  );
}
