/**
 * The strategy's own fields (step 一: 策略名称, 目标描述(SMART), 总负责人, 时间周期 and the core
 * elements), edited in place and saved when a field is left. A refused value shows its reason
 * under the field and the stored value comes back.
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PROJECT_STATUSES, type Project, type ProjectPatch } from '../../../src-main/shared/domain';
import { CYCLES } from '../../../src-main/shared/tracking';
import type { AppErrorData } from '../../../src-main/shared/errors';
import { parseAmountText } from '../../../src-main/shared/cell-parse';
import { describeError } from '../../i18n/describe-error';
import { useStore } from '../../store';
import type { Plan } from '../../store/plan-slice';
import { refusalOf } from '../../store/outcome';
import { DateInput } from '../../components/DateInput';

type Field = keyof ProjectPatch;
type Kind = 'text' | 'long' | 'date' | 'money' | 'owner' | 'status' | 'cycle' | 'percent';

const GROUPED = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** The form's text for a stored value, and back. */
function toText(project: Project, field: Field): string {
  const value = project[field];
  // With separators (8,000,000.00), as amounts read everywhere; the parser reads them back.
  if (field === 'budgetFen') return value == null ? '' : GROUPED.format((value as number) / 100);
  return value == null ? '' : String(value);
}

function fromText(field: Field, text: string): ProjectPatch[Field] | AppErrorData {
  const trimmed = text.trim();
  switch (field) {
    case 'budgetFen': {
      // The same amounts a task's budget accepts: 3000000, ¥3,000,000.00, 300万.
      if (!trimmed) return null;
      const parsed = parseAmountText(trimmed);
      return parsed.ok
        ? parsed.value
        : { code: 'invalid_input', reason: parsed.reason, params: parsed.params };
    }
    case 'start':
    case 'end':
    case 'ownerId':
      return trimmed || null;
    case 'gapThresholdPct': {
      const n = Number(trimmed.replace(/%$/, ''));
      return Number.isInteger(n) && n >= 0 && n <= 100 ? n : { code: 'invalid_input', reason: 'not_integer' };
    }
    default:
      return field === 'name' ? trimmed : text;
  }
}

export function StrategyForm({ plan }: { plan: Plan }) {
  const { t } = useTranslation();
  // A link from elsewhere (the SMART check) to one of these fields: focus it once.
  const focusId = useStore((s) => s.focusRowId);
  useEffect(() => {
    if (!focusId?.startsWith('strategy-')) return;
    const el = document.getElementById(focusId);
    if (!el) return;
    el.focus();
    el.scrollIntoView({ block: 'center' });
    useStore.setState({ focusRowId: null });
  }, [focusId]);
  const row = (field: Field, kind: Kind) => <FieldEditor key={field} plan={plan} field={field} kind={kind} />;
  return (
    <div className="card">
      <h3>{t('goalTeam.strategy')}</h3>
      <div className="form-grid">
        {row('name', 'text')}
        {row('status', 'status')}
        {row('goal', 'long')}
        {row('ownerId', 'owner')}
        {row('start', 'date')}
        {row('end', 'date')}
        {row('trackingCycle', 'cycle')}
        {row('gapThresholdPct', 'percent')}
      </div>
      <h3>{t('goalTeam.coreElements')}</h3>
      <div className="form-grid">
        {row('actions', 'long')}
        {row('audience', 'long')}
        {row('budgetFen', 'money')}
        {row('manpower', 'long')}
        {row('channels', 'long')}
        {row('expectedOutcome', 'long')}
      </div>
    </div>
  );
}

function FieldEditor({ plan, field, kind }: { plan: Plan; field: Field; kind: Kind }) {
  const { t } = useTranslation();
  const editProject = useStore((s) => s.editProject);
  const stored = toText(plan.project, field);
  const [draft, setDraftState] = useState(stored);
  // What the field holds now, read after an awaited save: a save's answer must not overwrite
  // what the user typed into the field while the save was under way.
  const current = useRef(stored);
  const setDraft = (text: string) => {
    current.current = text;
    setDraftState(text);
  };
  const [error, setError] = useState<AppErrorData | null>(null);
  // A stored value that changed elsewhere (undo, a merge, an earlier save's answer) replaces the
  // field's text, unless the field holds text the user typed and has not saved yet.
  const shown = useRef(stored);
  useEffect(() => {
    const untouched = current.current === shown.current;
    shown.current = stored;
    if (untouched) setDraft(stored);
  }, [stored]);

  // Only the latest save of this field may set its message: an earlier one still under way
  // must not clear a refusal that came after it.
  const latest = useRef(0);
  const save = async (text = draft) => {
    if (text === stored) return;
    const turn = ++latest.current;
    const value = fromText(field, text);
    if (value !== null && typeof value === 'object' && 'code' in value) {
      setError(value);
      setDraft(stored);
      return;
    }
    const refused = refusalOf(await editProject({ [field]: value }));
    if (turn !== latest.current) return;
    setError(refused);
    if (current.current !== text) return; // typed again meanwhile: that text is the news
    const project = useStore.getState().plan?.project;
    // Show what was stored, in the form's own notation ("300万" reads back as 3000000.00).
    setDraft(refused || !project ? stored : toText(project, field));
    if (!refused) useStore.getState().showNotice(null);
  };

  const id = `strategy-${field}`;
  const common = {
    id,
    value: draft,
    'aria-invalid': error ? true : undefined,
    onChange: (e: { target: { value: string } }) => setDraft(e.target.value),
    onBlur: () => void save(),
  };
  let input;
  if (kind === 'long') input = <textarea rows={2} maxLength={10_000} {...common} />;
  else if (kind === 'cycle') {
    input = (
      <select {...common} onChange={(e) => (setDraft(e.target.value), void save(e.target.value))}>
        {CYCLES.map((c) => (
          <option key={c} value={c}>
            {t(`metrics.cycle.${c}`)}
          </option>
        ))}
      </select>
    );
  } else if (kind === 'owner' || kind === 'status') {
    input = (
      <select {...common} onChange={(e) => (setDraft(e.target.value), void save(e.target.value))}>
        {kind === 'owner' && <option value="">{t('project.noOwner')}</option>}
        {kind === 'owner'
          ? plan.people.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))
          : PROJECT_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`status.${s}`)}
              </option>
            ))}
      </select>
    );
  } else if (kind === 'date') {
    input = (
      <DateInput
        id={id}
        value={draft}
        aria-invalid={error ? true : undefined}
        onCommit={(iso) => (setDraft(iso), void save(iso))}
      />
    );
  } else {
    input = (
      <input
        type="text"
        inputMode={kind === 'money' ? 'decimal' : kind === 'percent' ? 'numeric' : undefined}
        maxLength={kind === 'text' ? 200 : undefined}
        {...common}
        onKeyDown={(e) => e.key === 'Enter' && (e.target as HTMLInputElement).blur()}
      />
    );
  }
  return (
    <div className={`form-field${kind === 'long' ? ' wide' : ''}`}>
      <label htmlFor={id}>{t(`fields.project.${field}`)}</label>
      {input}
      {error && (
        <span className="field-error" role="alert">
          {describeError(t, error)}
        </span>
      )}
    </div>
  );
}
