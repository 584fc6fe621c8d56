/**
 * 《策略调整审批表》 as a printable page: the strategy, the adjustment, the causes it answers, the
 * plan changes (from → to), major or not and why, the expected effect, and the overall owner's
 * decision with room for signatures. Styled for A4 printing (the reports will make the PDF).
 */
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../src-main/shared/contract';
import type { AppErrorData } from '../../../src-main/shared/errors';
import type { Metric } from '../../../src-main/shared/tracking';
import { call, errorData } from '../../api/client';
import { formatExact } from '../../components/charts/format-values';
import { describeError } from '../../i18n/describe-error';
import { formatDate, formatMoney } from '../../i18n/format';
import type { Plan } from '../../store/plan-slice';
import { ChangesEditor } from './ChangesEditor';
import { MajorBadge } from './AdjustmentDetail';

type Form = Output<'adjustments.form'>;

export function ApprovalForm({
  adjustmentId,
  plan,
  metrics,
  onClose,
}: {
  adjustmentId: string;
  plan: Plan;
  metrics: Metric[];
  onClose(): void;
}) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const [form, setForm] = useState<Form | null>(null);
  const [error, setError] = useState<AppErrorData | null>(null);
  useEffect(() => {
    call('adjustments.form', { id: adjustmentId })
      .then(setForm)
      .catch((e: unknown) => setError(errorData(e)));
  }, [adjustmentId]);

  if (error) return <p className="refusal pad">{describeError(t, error)}</p>;
  if (!form) return <p className="muted pad">{t('app.loading')}</p>;
  const a = form.adjustment;
  const metric = metrics.find((m) => m.id === a.expectedMetricId);
  const value = (v: number | null) =>
    v == null ? '—' : formatExact(v, metric?.kind ?? 'count', metric?.unit ?? '', lng);
  const causes = [...a.issues, ...a.feedback].map((l) => l.label).join(t('followUp.sep')) || '—';
  const d = a.decision;
  const row = (label: string, content: ReactNode, wide = false) => (
    <tr>
      <th>{label}</th>
      <td colSpan={wide ? 3 : 1}>{content}</td>
    </tr>
  );

  return (
    <div className="print-page">
      <div className="toolbar no-print">
        <button onClick={onClose} data-testid="close-form">
          ← {t('adjust.backToList')}
        </button>
        <button className="primary" onClick={() => window.print()}>
          {t('adjust.printNow')}
        </button>
        <span className="muted small">{t('adjust.printHint')}</span>
      </div>
      <article className="approval-form" data-testid="approval-form">
        <h1>{t('adjust.formTitle')}</h1>
        <p className="form-sub">
          {form.projectName}
          {' · '}
          {t('adjust.formPrinted', { date: formatDate(new Date().toISOString().slice(0, 10), lng) })}
        </p>
        <table className="form-table">
          <tbody>
            <tr>
              <th>{t('fields.project.name')}</th>
              <td>{form.projectName}</td>
              <th>{t('fields.project.ownerId')}</th>
              <td>{form.overallOwnerName ?? '—'}</td>
            </tr>
            <tr>
              <th>{t('fields.project.goal')}</th>
              <td>{form.goal || '—'}</td>
              <th>{t('fields.project.budgetFen')}</th>
              <td>{form.projectBudgetFen == null ? '—' : formatMoney(form.projectBudgetFen, lng)}</td>
            </tr>
            <tr>
              <th>{t('fields.adjustment.title')}</th>
              <td>{a.title}</td>
              <th>{t('fields.adjustment.moduleId')}</th>
              <td>{a.moduleName ?? '—'}</td>
            </tr>
            <tr>
              <th>{t('fields.adjustment.proposerId')}</th>
              <td>{a.proposerName ?? '—'}</td>
              <th>{t('adjust.submittedOn')}</th>
              <td>{formatDate(a.submittedOn, lng) || '—'}</td>
            </tr>
            {row(t('adjust.formCauses'), causes, true)}
            {row(
              t('adjust.formRootCauses'),
              a.rootCauses.map((l) => l.label).join(t('followUp.sep')) || '—',
              true,
            )}
            {row(t('fields.adjustment.measures'), <span className="pre">{a.measures || '—'}</span>, true)}
            {row(
              t('adjust.sectionChanges'),
              <ChangesEditor
                adjustment={{ ...a, can: { ...a.can, edit: false } }}
                plan={plan}
                metrics={metrics}
              />,
              true,
            )}
            <tr>
              <th>{t('fields.adjustment.ownerId')}</th>
              <td>{a.ownerName ?? '—'}</td>
              <th>{t('fields.adjustment.deadline')}</th>
              <td>{formatDate(a.deadline, lng) || '—'}</td>
            </tr>
            {row(
              t('adjust.sectionExpected'),
              a.expectedMetricName
                ? t('adjust.expectedLine', {
                    metric: a.expectedMetricName,
                    value: value(a.expectedValueC),
                    date: formatDate(a.expectedBy, lng) || '—',
                  })
                : '—',
              true,
            )}
            {row(t('adjust.formMajor'), <MajorBadge adjustment={a} />, true)}
            <tr>
              <th>{t('adjust.formDecision')}</th>
              <td>{d ? t(`decision.${d.outcome}`) : t('adjust.formPending')}</td>
              <th>{t('adjust.formDecisionDate')}</th>
              <td>{formatDate(d?.date, lng) || '—'}</td>
            </tr>
            {row(t('adjust.comment'), <span className="pre">{d?.comment || '—'}</span>, true)}
            <tr className="signatures">
              <th>{t('adjust.formApprover')}</th>
              <td>{d?.personName ?? ''}</td>
              <th>{t('adjust.formSignature')}</th>
              <td />
            </tr>
          </tbody>
        </table>
        <p className="muted small">{t('adjust.formStatus', { status: t(`adjStatus.${a.status}`) })}</p>
      </article>
    </div>
  );
}
