/**
 * One adjustment (策略调整审批表's content): what it is, the causes it answers, the plan changes
 * it proposes, whether it is major (and why), the workflow with the overall owner's decision,
 * the effect against what was expected, and the status trail.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Adjustment, AdjustmentPatch } from '../../../src-main/shared/feedback';
import { hundredthsToText, parseHundredths } from '../../../src-main/shared/metric-values';
import type { Metric } from '../../../src-main/shared/tracking';
import type { AppErrorData } from '../../../src-main/shared/errors';
import { formatExact } from '../../components/charts/format-values';
import { describeError } from '../../i18n/describe-error';
import { formatCompactMoney, formatDate } from '../../i18n/format';
import { useStore } from '../../store';
import type { FollowUp, WorkflowStep } from '../../store/follow-up-slice';
import type { Plan } from '../../store/plan-slice';
import { refusalOf, type Outcome } from '../../store/outcome';
import { LinkList } from '../feedback/LinksCell';
import { LinkPicker } from '../feedback/LinkPicker';
import { ChangesEditor } from './ChangesEditor';
import { DateInput } from '../../components/DateInput';

export function AdjustmentDetail({
  adjustment: a,
  plan,
  followUp,
  metrics,
  onPrint,
}: {
  adjustment: Adjustment;
  plan: Plan;
  followUp: FollowUp;
  metrics: Metric[];
  onPrint(): void;
}) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const editAdjustment = useStore((s) => s.editAdjustment);
  const openPreview = useStore((s) => s.openPreview);
  const metric = metrics.find((m) => m.id === a.expectedMetricId);
  const shown = (v: number | null) =>
    v == null ? '—' : formatExact(v, metric?.kind ?? 'count', metric?.unit ?? '', lng);
  const save = (patch: AdjustmentPatch) => void editAdjustment(a.id, patch);
  const editable = a.can.edit;

  return (
    <div className="adjust-detail" data-testid="adjustment-detail" data-status={a.status}>
      <div className="detail-head">
        <h3>{a.title}</h3>
        <span className={`status-cell word-adj-${a.status}`} data-testid="adjustment-status">
          <span className="status-dot" aria-hidden="true" />
          {t(`adjStatus.${a.status}`)}
        </span>
        <MajorBadge adjustment={a} />
        <span className="toolbar-spacer" />
        <button onClick={onPrint} data-testid="print-form">
          {t('adjust.viewForm')}
        </button>
        {/* The PDF: the print preview of the 策略调整审批表 (paper, sections, 保存为 PDF). */}
        <button
          className="primary"
          onClick={() => openPreview('approval', a.id)}
          data-testid="print-approval"
        >
          {t('adjust.printForm')}
        </button>
      </div>

      <section className="detail-section">
        <h4>{t('adjust.sectionWhat')}</h4>
        <div className="form-grid">
          <TextField
            label={t('fields.adjustment.title')}
            value={a.title}
            disabled={!editable}
            onSave={(title) => save({ title })}
            testId="adj-title"
          />
          <SelectField
            label={t('fields.adjustment.moduleId')}
            value={a.moduleId}
            options={plan.modules.map((m) => ({ id: m.id, label: m.name }))}
            disabled={!editable}
            onSave={(moduleId) => save({ moduleId })}
          />
          <SelectField
            label={t('fields.adjustment.proposerId')}
            value={a.proposerId}
            options={plan.people.map((p) => ({ id: p.id, label: p.name }))}
            disabled={!editable}
            onSave={(proposerId) => save({ proposerId })}
          />
          <SelectField
            label={t('fields.adjustment.ownerId')}
            value={a.ownerId}
            options={plan.people.map((p) => ({ id: p.id, label: p.name }))}
            disabled={!editable}
            onSave={(ownerId) => save({ ownerId })}
            testId="adj-owner"
          />
          <TextField
            label={t('fields.adjustment.deadline')}
            type="date"
            value={a.deadline ?? ''}
            disabled={!editable}
            onSave={(v) => save({ deadline: v || null })}
            testId="adj-deadline"
          />
          <TextField
            label={t('fields.adjustment.measures')}
            value={a.measures}
            long
            disabled={!editable}
            onSave={(measures) => save({ measures })}
            testId="adj-measures"
          />
        </div>
      </section>

      <section className="detail-section">
        <h4>{t('adjust.sectionExpected')}</h4>
        <div className="form-grid">
          <SelectField
            label={t('fields.adjustment.expectedMetricId')}
            value={a.expectedMetricId}
            options={metrics.map((m) => ({ id: m.id, label: m.name }))}
            disabled={!editable}
            onSave={(expectedMetricId) => save({ expectedMetricId })}
            testId="adj-metric"
          />
          <TextField
            label={t('fields.adjustment.expectedValueC')}
            value={a.expectedValueC == null ? '' : hundredthsToText(a.expectedValueC)}
            disabled={!editable}
            onSave={(text) => {
              const v = text.trim() ? parseHundredths(text) : null;
              if (text.trim() && v === null)
                useStore.getState().showNotice({
                  error: { code: 'invalid_input', reason: 'not_number', params: { text } },
                  entity: 'adjustment',
                  label: a.title,
                });
              else save({ expectedValueC: v });
            }}
            hint={metric?.unit}
            testId="adj-expected"
          />
          <TextField
            label={t('fields.adjustment.expectedBy')}
            type="date"
            value={a.expectedBy ?? ''}
            disabled={!editable}
            onSave={(v) => save({ expectedBy: v || null })}
          />
        </div>
      </section>

      <section className="detail-section">
        <h4>{t('adjust.sectionCauses')}</h4>
        <div className="cause-links-line" data-testid="adjustment-causes">
          <LinkList
            links={[
              ...a.issues.map((l) => ({ ...l, view: 'issues' as const })),
              ...a.feedback.map((l) => ({ ...l, view: 'feedback' as const })),
              ...a.rootCauses.map((l) => ({ ...l, view: 'causes' as const })),
            ]}
          />
        </div>
        {editable && (
          <details className="pick-causes">
            <summary>{t('adjust.pickCauses')}</summary>
            <div className="picker-columns">
              <LinkPicker
                title={t('followUp.pickIssues')}
                options={followUp.issues.map((i) => ({ id: i.id, label: i.title }))}
                chosen={a.issues.map((l) => l.id)}
                onChange={(issueIds) => editAdjustment(a.id, { issueIds })}
                testId="adj-issues"
              />
              <LinkPicker
                title={t('followUp.pickFeedback')}
                options={followUp.feedback.map((f) => ({
                  id: f.id,
                  label: `${t(`feedbackSource.${f.source}`)} · ${f.content}`,
                }))}
                chosen={a.feedback.map((l) => l.id)}
                onChange={(feedbackIds) => editAdjustment(a.id, { feedbackIds })}
                testId="adj-feedback"
              />
              <LinkPicker
                title={t('followUp.pickCauses')}
                options={followUp.causes.map((c) => ({ id: c.id, label: c.title }))}
                chosen={a.rootCauses.map((l) => l.id)}
                onChange={(rootCauseIds) => editAdjustment(a.id, { rootCauseIds })}
                testId="adj-causes"
              />
            </div>
          </details>
        )}
      </section>

      <section className="detail-section">
        <h4>{t('adjust.sectionChanges')}</h4>
        <ChangesEditor adjustment={a} plan={plan} metrics={metrics} />
      </section>

      <Workflow
        adjustment={a}
        plan={plan}
        followUp={followUp}
        shown={shown}
        direction={metric?.direction ?? 'higher'}
      />

      <section className="detail-section">
        <h4>{t('adjust.sectionHistory')}</h4>
        <History adjustment={a} ownerId={plan.project.ownerId} />
      </section>
    </div>
  );
}

/** 重大调整 / 一般调整, with the rule(s) that make it major. */
export function MajorBadge({ adjustment: a }: { adjustment: Adjustment }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const pct = useStore((s) => s.followUp?.settings.majorRules.budgetPct ?? null);
  const reasons = a.majorReasons.map((r) =>
    t(`majorReason.${r}`, {
      change: formatCompactMoney(a.budgetChangeFen, lng),
      base: formatCompactMoney(a.budgetBaseFen, lng),
      pct: pct ?? '—',
    }),
  );
  return (
    <span
      className={a.major ? 'major-badge major' : 'major-badge'}
      title={a.major ? reasons.join(t('followUp.sep')) : t('adjust.minorHint')}
      data-testid="major-badge"
    >
      {a.major ? t('adjust.major') : t('adjust.minor')}
      {a.major && <span className="major-reasons"> · {reasons.join(t('followUp.sep'))}</span>}
    </span>
  );
}

function Workflow({
  adjustment: a,
  plan,
  followUp,
  shown,
  direction,
}: {
  adjustment: Adjustment;
  plan: Plan;
  followUp: FollowUp;
  shown: (v: number | null) => string;
  direction: 'higher' | 'lower';
}) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const step = useStore((s) => s.stepAdjustment);
  const evaluate = useStore((s) => s.evaluateAdjustment);
  const confirmDecision = useStore((s) => s.confirmDecision);
  const openRecord = useStore((s) => s.openRecord);
  const [comment, setComment] = useState('');
  const [actual, setActual] = useState('');
  const [refusal, setRefusal] = useState<AppErrorData | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    setRefusal(null);
    setComment('');
    setActual('');
  }, [a.id]);

  const run = async (work: () => Promise<Outcome<unknown>>) => {
    setBusy(true);
    const refused = refusalOf(await work());
    setBusy(false);
    setRefusal(refused);
    if (!refused) setComment('');
  };
  const go = (s: WorkflowStep) => run(() => step(s, a.id, comment));
  const me = followUp.identity;
  const owner = plan.people.find((p) => p.id === plan.project.ownerId)?.name ?? t('project.noOwner');
  const d = a.decision;
  const status = a.status;

  return (
    <section className="detail-section workflow" data-testid="workflow">
      <h4>{t('adjust.sectionWorkflow')}</h4>
      <p className="muted small">
        {a.major ? t('adjust.needsApproval', { owner }) : t('adjust.minorHint')}
        {' · '}
        {me.personName
          ? t('adjust.youAre', { name: me.personName }) +
            (me.isOverallOwner ? t('adjust.youAreOwner') : t('adjust.youAreNotOwner'))
          : t('adjust.youAreUnknown')}
        {!me.personName && (
          <button className="link" onClick={() => openRecord('settings')}>
            {t('adjust.setWho')}
          </button>
        )}
      </p>
      {d && (
        <div className={`decision decision-${d.outcome}`} data-testid="decision">
          <strong>{t(`decision.${d.outcome}`)}</strong>
          {t('adjust.decisionBy', {
            who: d.personName ?? t('adjust.someone'),
            date: formatDate(d.date, lng),
            installation: d.replicaName || '—',
          })}
          {d.comment && <p className="decision-comment">{d.comment}</p>}
          {!d.verified && (
            <p className="warn-word" data-testid="decision-unverified">
              ⚠ {t('adjust.unverified', { installation: d.replicaName || '—' })}
            </p>
          )}
        </div>
      )}
      {status !== 'evaluated' && status !== 'applied' && (
        <label className="form-field wide">
          <span>{t('adjust.comment')}</span>
          <textarea
            rows={2}
            value={comment}
            placeholder={t('adjust.commentPlaceholder')}
            onChange={(e) => setComment(e.target.value)}
            data-testid="workflow-comment"
          />
        </label>
      )}
      <div className="row-actions">
        {(status === 'draft' || status === 'rejected') && (
          <button
            className="primary"
            disabled={busy}
            onClick={() => void go('submit')}
            data-testid="wf-submit"
          >
            {t('adjust.submit')}
          </button>
        )}
        {status === 'submitted' && (
          <>
            <button
              className="primary"
              disabled={busy}
              onClick={() => void go('approve')}
              data-testid="wf-approve"
            >
              {t('adjust.approve')}
            </button>
            <button disabled={busy} onClick={() => void go('reject')} data-testid="wf-reject">
              {t('adjust.reject')}
            </button>
          </>
        )}
        {(status === 'draft' || status === 'submitted' || status === 'approved') && (
          <button
            className={status === 'approved' ? 'primary' : ''}
            disabled={busy}
            onClick={() => void go('apply')}
            title={t('adjust.applyHint')}
            data-testid="wf-apply"
          >
            {t('adjust.apply')}
          </button>
        )}
        {a.can.confirmDecision && (
          <>
            <button
              disabled={busy}
              onClick={() => void run(() => confirmDecision(a.id, true, comment))}
              data-testid="wf-confirm"
            >
              {t('adjust.confirmDecision')}
            </button>
            <button
              disabled={busy}
              onClick={() => void run(() => confirmDecision(a.id, false, comment))}
              data-testid="wf-overturn"
            >
              {t('adjust.overturnDecision')}
            </button>
          </>
        )}
      </div>
      {refusal && (
        <p className="refusal" role="alert" data-testid="workflow-refusal">
          ⚠ {t('adjust.refused')}
          {describeError(t, refusal)}
        </p>
      )}

      <h4>{t('adjust.sectionEffect')}</h4>
      <table className="simple-table effect-table" data-testid="effect">
        <tbody>
          <tr>
            <th>{t('fields.adjustment.expectedMetricId')}</th>
            <td>{a.expectedMetricName ?? '—'}</td>
            <th>{t('adjust.expected')}</th>
            <td className="num">
              {shown(a.expectedValueC)}
              {a.expectedBy && <span className="muted"> · {formatDate(a.expectedBy, lng)}</span>}
            </td>
          </tr>
          <tr>
            <th>{status === 'evaluated' ? t('adjust.actualEvaluated') : t('adjust.actualNow')}</th>
            <td className="num" data-testid="effect-actual">
              {shown(status === 'evaluated' ? a.actualValueC : a.expectedMetricActualC)}
            </td>
            <th>{t('adjust.effectVerdict')}</th>
            <td data-testid="effect-verdict">{verdict(a, direction, t)}</td>
          </tr>
          {a.evaluatedOn && (
            <tr>
              <th>{t('adjust.evaluatedOn')}</th>
              <td>{formatDate(a.evaluatedOn, lng)}</td>
              <th>{t('fields.adjustment.effectNote')}</th>
              <td>{a.effectNote || '—'}</td>
            </tr>
          )}
        </tbody>
      </table>
      {status === 'applied' && (
        <div className="row-actions evaluate">
          <input
            value={actual}
            onChange={(e) => setActual(e.target.value)}
            placeholder={
              a.expectedMetricActualC == null
                ? t('adjust.actualPlaceholder')
                : t('adjust.actualFromMetric', { value: shown(a.expectedMetricActualC) })
            }
            aria-label={t('adjust.actualEvaluated')}
            data-testid="evaluate-actual"
          />
          <input
            value={comment}
            onChange={(e) => setComment(e.target.value)}
            placeholder={t('adjust.effectNotePlaceholder')}
            aria-label={t('fields.adjustment.effectNote')}
            data-testid="evaluate-note"
          />
          <button
            className="primary"
            disabled={busy}
            onClick={() => {
              const v = actual.trim() ? parseHundredths(actual) : null;
              if (actual.trim() && v === null)
                return setRefusal({ code: 'invalid_input', reason: 'not_number', params: { text: actual } });
              void run(() => evaluate(a.id, v, comment));
            }}
            data-testid="wf-evaluate"
          >
            {t('adjust.evaluate')}
          </button>
        </div>
      )}
    </section>
  );
}

/** Met or not: the metric's direction decides whether above the expected value is good. */
function verdict(a: Adjustment, direction: 'higher' | 'lower', t: (k: string) => string): string {
  const actual = a.status === 'evaluated' ? a.actualValueC : a.expectedMetricActualC;
  if (a.expectedValueC == null || actual == null) return '—';
  const met = direction === 'lower' ? actual <= a.expectedValueC : actual >= a.expectedValueC;
  return met ? t('adjust.effectMet') : t('adjust.effectNotMet');
}

function History({ adjustment: a, ownerId }: { adjustment: Adjustment; ownerId: string | null }) {
  const { t, i18n } = useTranslation();
  if (a.history.length === 0) return <p className="muted">{t('adjust.noHistory')}</p>;
  const instant = (iso: string) => {
    const d = new Date(iso);
    return Number.isNaN(d.getTime())
      ? iso
      : d.toLocaleString(i18n.language, { dateStyle: 'short', timeStyle: 'short' });
  };
  return (
    <table className="simple-table history-table" data-testid="adjustment-history">
      <thead>
        <tr>
          <th>{t('adjust.historyWhen')}</th>
          <th>{t('adjust.historyAction')}</th>
          <th>{t('adjust.historyStatus')}</th>
          <th>{t('adjust.historyWho')}</th>
          <th>{t('adjust.historyInstallation')}</th>
          <th>{t('adjust.comment')}</th>
        </tr>
      </thead>
      <tbody>
        {a.history.map((e) => {
          const decision = e.action === 'approve' || e.action === 'reject' || e.action === 'confirm';
          const notOwner = decision && (!e.personId || e.personId !== ownerId);
          return (
            <tr key={e.id}>
              <td className="nowrap">{instant(e.at)}</td>
              <td>{t(`adjAction.${e.action}`)}</td>
              <td className="nowrap">
                {t(`adjStatus.${e.fromStatus}`)} → {t(`adjStatus.${e.toStatus}`)}
              </td>
              <td>
                {e.personName ?? '—'}
                {notOwner && <span className="warn-word"> · {t('adjust.notOwnerFlag')}</span>}
              </td>
              <td>{e.replicaName || '—'}</td>
              <td>{e.comment || '—'}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function TextField(props: {
  label: string;
  value: string;
  onSave(value: string): void;
  disabled?: boolean;
  long?: boolean;
  type?: 'date';
  hint?: string;
  testId?: string;
}) {
  const [value, setValue] = useState(props.value);
  useEffect(() => setValue(props.value), [props.value]);
  const commit = () => {
    if (value !== props.value) props.onSave(value);
  };
  return (
    <label className={props.long ? 'form-field wide' : 'form-field'}>
      <span>
        {props.label}
        {props.hint && <span className="muted"> ({props.hint})</span>}
      </span>
      {props.type === 'date' ? (
        <DateInput
          value={value}
          disabled={props.disabled}
          testId={props.testId}
          onCommit={(iso) => (setValue(iso), iso !== props.value && props.onSave(iso))}
        />
      ) : props.long ? (
        <textarea
          rows={3}
          value={value}
          disabled={props.disabled}
          onChange={(e) => setValue(e.target.value)}
          onBlur={commit}
          data-testid={props.testId}
        />
      ) : (
        <input
          type="text"
          value={value}
          disabled={props.disabled}
          onChange={(e) => setValue(e.target.value)}
          onBlur={commit}
          onKeyDown={(e) => e.key === 'Enter' && commit()}
          data-testid={props.testId}
        />
      )}
    </label>
  );
}

function SelectField(props: {
  label: string;
  value: string | null;
  options: { id: string; label: string }[];
  onSave(value: string | null): void;
  disabled?: boolean;
  testId?: string;
}) {
  const { t } = useTranslation();
  return (
    <label className="form-field">
      <span>{props.label}</span>
      <select
        value={props.value ?? ''}
        disabled={props.disabled}
        onChange={(e) => props.onSave(e.target.value || null)}
        data-testid={props.testId}
      >
        <option value="">{t('adjust.choose')}</option>
        {props.options.map((o) => (
          <option key={o.id} value={o.id}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}
