/**
 * 对计划的调整: the plan changes an adjustment proposes (a module's or task's budget, a task's
 * dates or owner, a metric's target, the strategy's end date, a new task), each shown "from →
 * to". While the adjustment is a draft (or rejected) they are edited here and saved together;
 * once applied, "from" is the value they replaced.
 */
import { useEffect, useMemo, useState } from 'react';
import { changeFrom, changeObject, changeTo, type ChangeFormat } from './change-words';
import { useTranslation } from 'react-i18next';
import {
  CHANGE_KINDS,
  type Adjustment,
  type AdjustmentChange,
  type ChangeInput,
  type ChangeKind,
} from '../../../src-main/shared/feedback';
import { hundredthsToText, parseHundredths } from '../../../src-main/shared/metric-values';
import type { Metric } from '../../../src-main/shared/tracking';
import { formatExact } from '../../components/charts/format-values';
import { formatDate, formatMoney } from '../../i18n/format';
import { useStore } from '../../store';
import type { Plan } from '../../store/plan-slice';
import { DateInput } from '../../components/DateInput';

/** A change as the form holds it: amounts and targets as typed text. */
interface Draft {
  id?: string;
  kind: ChangeKind;
  moduleId: string;
  taskId: string;
  metricId: string;
  delta: string;
  newStart: string;
  newEnd: string;
  newOwnerId: string;
  target: string;
  newName: string;
  budget: string;
}

const EMPTY: Omit<Draft, 'kind'> = {
  moduleId: '',
  taskId: '',
  metricId: '',
  delta: '',
  newStart: '',
  newEnd: '',
  newOwnerId: '',
  target: '',
  newName: '',
  budget: '',
};

function toDraft(c: AdjustmentChange): Draft {
  return {
    id: c.id,
    kind: c.kind,
    moduleId: c.moduleId ?? '',
    taskId: c.taskId ?? '',
    metricId: c.metricId ?? '',
    delta: c.deltaFen == null ? '' : hundredthsToText(c.deltaFen),
    newStart: c.newStart ?? '',
    newEnd: c.newEnd ?? '',
    newOwnerId: c.newOwnerId ?? '',
    target: c.newTargetC == null ? '' : hundredthsToText(c.newTargetC),
    newName: c.newName,
    budget: c.newBudgetFen == null ? '' : hundredthsToText(c.newBudgetFen),
  };
}

/** The input the channel takes, or the reason a typed number is not one. */
function toInput(d: Draft): ChangeInput | { reason: string; text: string } {
  const amount = (text: string) => (text.trim() ? parseHundredths(text) : null);
  const delta = amount(d.delta);
  if (d.delta.trim() && delta === null) return { reason: 'not_amount', text: d.delta };
  const target = amount(d.target);
  if (d.target.trim() && target === null) return { reason: 'not_number', text: d.target };
  const budget = amount(d.budget);
  if (d.budget.trim() && (budget === null || budget < 0)) return { reason: 'not_amount', text: d.budget };
  const orNull = (v: string) => v || null;
  return {
    ...(d.id ? { id: d.id } : {}),
    kind: d.kind,
    moduleId: orNull(d.moduleId),
    taskId: orNull(d.taskId),
    metricId: orNull(d.metricId),
    deltaFen: delta,
    newStart: orNull(d.newStart),
    newEnd: orNull(d.newEnd),
    newOwnerId: orNull(d.newOwnerId),
    newTargetC: target,
    newName: d.newName.trim(),
    newBudgetFen: budget,
  };
}

export function ChangesEditor({
  adjustment,
  plan,
  metrics,
}: {
  adjustment: Adjustment;
  plan: Plan;
  metrics: Metric[];
}) {
  const { t, i18n } = useTranslation();
  const editAdjustment = useStore((s) => s.editAdjustment);
  const showNotice = useStore((s) => s.showNotice);
  const editable = adjustment.can.edit;
  // A reload that brings the same stored changes keeps what is being typed; new ones replace it.
  const storedText = JSON.stringify(adjustment.changes);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- keyed by content, not by reference
  const saved = useMemo(() => adjustment.changes.map(toDraft), [storedText]);
  const [drafts, setDrafts] = useState<Draft[]>(saved);
  const [dirty, setDirty] = useState(false);
  useEffect(() => {
    setDrafts(saved);
    setDirty(false);
  }, [saved]);

  const lng = i18n.language;
  const metricOf = new Map(metrics.map((m) => [m.id, m]));
  const money = (fen: number | null) => (fen == null ? '—' : formatMoney(fen, lng));
  const value = (metricId: string | null, v: number | null) => {
    const m = metricId ? metricOf.get(metricId) : undefined;
    return v == null ? '—' : formatExact(v, m?.kind ?? 'count', m?.unit ?? '', lng);
  };
  const dates = (a: string | null, b: string | null) =>
    `${formatDate(a, lng) || '—'} – ${formatDate(b, lng) || '—'}`;

  const update = (i: number, patch: Partial<Draft>) => {
    setDrafts((now) => now.map((d, j) => (j === i ? { ...d, ...patch } : d)));
    setDirty(true);
  };
  const save = async () => {
    const inputs: ChangeInput[] = [];
    for (const d of drafts) {
      const input = toInput(d);
      if ('reason' in input) {
        showNotice({
          error: { code: 'invalid_input', reason: input.reason, params: { text: input.text } },
          entity: 'adjustment',
          label: adjustment.title,
        });
        return;
      }
      inputs.push(input);
    }
    if ((await editAdjustment(adjustment.id, { changes: inputs })).ok) setDirty(false);
  };

  const words: ChangeFormat = {
    money,
    dates,
    date: (iso) => formatDate(iso, lng),
    value,
    projectName: plan.project.name,
    noOwner: t('tasks.noOwner'),
    gap: ' ',
  };
  const from = (c: AdjustmentChange | undefined): string => (c ? changeFrom(c, words) : '—');
  const to = (c: AdjustmentChange): string => changeTo(c, words);
  const object = (c: AdjustmentChange): string => changeObject(c, words);

  if (!editable) {
    return adjustment.changes.length === 0 ? (
      <p className="muted">{t('adjust.noChanges')}</p>
    ) : (
      <table className="simple-table changes-table" data-testid="changes">
        <thead>
          <tr>
            <th>{t('adjust.changeKind')}</th>
            <th>{t('adjust.changeObject')}</th>
            <th>{t('adjust.changeFrom')}</th>
            <th>{t('adjust.changeTo')}</th>
          </tr>
        </thead>
        <tbody>
          {adjustment.changes.map((c) => (
            <tr key={c.id} className={c.targetMissing ? 'missing' : ''}>
              <td>{t(`changeKind.${c.kind}`)}</td>
              <td>
                {object(c)}
                {c.targetMissing && <span className="warn-word"> · {t('adjust.targetMissing')}</span>}
              </td>
              <td className="num">{from(c)}</td>
              <td className="num">{to(c)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    );
  }

  const select = (
    value: string,
    onChange: (v: string) => void,
    options: { id: string; label: string }[],
    label: string,
  ) => (
    <select value={value} onChange={(e) => onChange(e.target.value)} aria-label={label}>
      <option value="">{t('adjust.choose')}</option>
      {options.map((o) => (
        <option key={o.id} value={o.id}>
          {o.label}
        </option>
      ))}
    </select>
  );
  const modules = plan.modules.map((m) => ({ id: m.id, label: m.name }));
  const tasks = plan.tasks.slice(0, 2000).map((x) => ({ id: x.id, label: `${x.code} ${x.name}` }));
  const people = plan.people.map((p) => ({ id: p.id, label: p.name }));
  const metricOptions = metrics.map((m) => ({ id: m.id, label: m.name }));
  const savedById = new Map(adjustment.changes.map((c) => [c.id, c]));

  return (
    <div className="changes-editor" data-testid="changes">
      <table className="simple-table changes-table">
        <thead>
          <tr>
            <th>{t('adjust.changeKind')}</th>
            <th>{t('adjust.changeObject')}</th>
            <th>{t('adjust.changeFrom')}</th>
            <th>{t('adjust.changeTo')}</th>
            <th aria-label={t('adjust.removeChange')} />
          </tr>
        </thead>
        <tbody>
          {drafts.map((d, i) => {
            const stored = d.id ? savedById.get(d.id) : undefined;
            const sameTarget =
              stored &&
              stored.kind === d.kind &&
              (stored.moduleId ?? '') === d.moduleId &&
              (stored.taskId ?? '') === d.taskId &&
              (stored.metricId ?? '') === d.metricId;
            return (
              <tr key={d.id ?? `new-${i}`} data-testid={`change-${i}`}>
                <td>
                  <select
                    value={d.kind}
                    onChange={(e) => update(i, { ...EMPTY, id: d.id, kind: e.target.value as ChangeKind })}
                    aria-label={t('adjust.changeKind')}
                    data-testid="change-kind"
                  >
                    {CHANGE_KINDS.map((k) => (
                      <option key={k} value={k}>
                        {t(`changeKind.${k}`)}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  {d.kind === 'module_budget' &&
                    select(d.moduleId, (v) => update(i, { moduleId: v }), modules, t('adjust.changeObject'))}
                  {(d.kind === 'task_budget' || d.kind === 'task_dates' || d.kind === 'task_owner') &&
                    select(d.taskId, (v) => update(i, { taskId: v }), tasks, t('adjust.changeObject'))}
                  {d.kind === 'metric_target' &&
                    select(
                      d.metricId,
                      (v) => update(i, { metricId: v }),
                      metricOptions,
                      t('adjust.changeObject'),
                    )}
                  {d.kind === 'project_end' && <span>{plan.project.name}</span>}
                  {d.kind === 'new_task' && (
                    <input
                      value={d.newName}
                      placeholder={t('adjust.newTaskName')}
                      aria-label={t('adjust.newTaskName')}
                      onChange={(e) => update(i, { newName: e.target.value })}
                    />
                  )}
                </td>
                <td className="num muted">{sameTarget ? from(stored) : '—'}</td>
                <td className="change-to">
                  {(d.kind === 'module_budget' || d.kind === 'task_budget') && (
                    <input
                      value={d.delta}
                      placeholder={t('adjust.deltaPlaceholder')}
                      aria-label={t('adjust.delta')}
                      onChange={(e) => update(i, { delta: e.target.value })}
                      data-testid="change-delta"
                    />
                  )}
                  {(d.kind === 'task_dates' || d.kind === 'new_task') && (
                    <>
                      <DateInput
                        value={d.newStart}
                        aria-label={t('adjust.newStart')}
                        onCommit={(iso) => update(i, { newStart: iso })}
                      />
                      <DateInput
                        value={d.newEnd}
                        aria-label={t('adjust.newEnd')}
                        onCommit={(iso) => update(i, { newEnd: iso })}
                      />
                    </>
                  )}
                  {d.kind === 'project_end' && (
                    <DateInput
                      value={d.newEnd}
                      aria-label={t('adjust.newEnd')}
                      onCommit={(iso) => update(i, { newEnd: iso })}
                    />
                  )}
                  {(d.kind === 'task_owner' || d.kind === 'new_task') &&
                    select(d.newOwnerId, (v) => update(i, { newOwnerId: v }), people, t('adjust.newOwner'))}
                  {d.kind === 'new_task' && (
                    <>
                      {select(
                        d.moduleId,
                        (v) => update(i, { moduleId: v }),
                        modules,
                        t('adjust.newTaskModule'),
                      )}
                      <input
                        value={d.budget}
                        placeholder={t('adjust.budgetPlaceholder')}
                        aria-label={t('adjust.newBudget')}
                        onChange={(e) => update(i, { budget: e.target.value })}
                      />
                    </>
                  )}
                  {d.kind === 'metric_target' && (
                    <input
                      value={d.target}
                      placeholder={t('adjust.targetPlaceholder')}
                      aria-label={t('adjust.newTarget')}
                      onChange={(e) => update(i, { target: e.target.value })}
                    />
                  )}
                </td>
                <td>
                  <button
                    className="icon"
                    title={t('adjust.removeChange')}
                    aria-label={t('adjust.removeChange')}
                    onClick={() => {
                      setDrafts((now) => now.filter((_, j) => j !== i));
                      setDirty(true);
                    }}
                  >
                    ✕
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <div className="row-actions">
        <button
          onClick={() => {
            setDrafts((now) => [...now, { ...EMPTY, kind: 'module_budget' }]);
            setDirty(true);
          }}
          data-testid="add-change"
        >
          + {t('adjust.addChange')}
        </button>
        {dirty && (
          <>
            <button className="primary" onClick={() => void save()} data-testid="save-changes">
              {t('adjust.saveChanges')}
            </button>
            <button
              onClick={() => {
                setDrafts(saved);
                setDirty(false);
              }}
            >
              {t('adjust.discardChanges')}
            </button>
          </>
        )}
      </div>
    </div>
  );
}
