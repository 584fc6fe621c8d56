/**
 * 规则与设置: who the app's user is (this installation's name, matched to a team member: only
 * the 总负责人 may approve), the rules that make an adjustment major, and the project's editable
 * lists (issue categories, feedback channels, root-cause categories).
 */
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LISTS } from '../../../src-main/shared/feedback';
import { useStore } from '../../store';
import type { FollowUp } from '../../store/follow-up-slice';
import type { Plan } from '../../store/plan-slice';

type ListName = (typeof LISTS)[number];

export function FollowUpSettings({
  plan,
  followUp,
  switcher,
}: {
  plan: Plan;
  followUp: FollowUp;
  switcher: ReactNode;
}) {
  const { t } = useTranslation();
  const match = useStore((s) => s.matchIdentity);
  const setName = useStore((s) => s.setInstallationName);
  const update = useStore((s) => s.updateFeedbackSettings);
  const installationName = useStore((s) => s.installationName) ?? '';
  const { identity: me, settings } = followUp;
  const rules = settings.majorRules;
  const [name, setNameText] = useState(installationName);
  useEffect(() => setNameText(installationName), [installationName]);
  const [pct, setPct] = useState(rules.budgetPct == null ? '' : String(rules.budgetPct));
  useEffect(() => setPct(rules.budgetPct == null ? '' : String(rules.budgetPct)), [rules.budgetPct]);
  const suggested = plan.people.find((p) => p.id === me.suggestedPersonId);
  const owner = plan.people.find((p) => p.id === plan.project.ownerId);

  const savePct = () => {
    const n = Number(pct);
    if (pct.trim() === '' || !Number.isInteger(n) || n < 0 || n > 100) {
      setPct(rules.budgetPct == null ? '' : String(rules.budgetPct));
      useStore.getState().showNotice({
        error: { code: 'invalid_input', reason: 'pct_range', params: { text: pct } },
        entity: 'settings',
      });
      return;
    }
    if (n !== rules.budgetPct) void update({ majorRules: { budgetPct: n } });
  };

  return (
    <section className="settings-page">
      <div className="toolbar">
        {switcher}
        <h2 className="toolbar-title">{t('settings.title')}</h2>
      </div>
      <div className="settings-body">
        <div className="card" data-testid="who-am-i">
          <h3>{t('settings.whoTitle')}</h3>
          <p className="muted small">{t('settings.whoHint')}</p>
          <div className="form-grid">
            <label className="form-field">
              <span>{t('settings.installationName')}</span>
              <input
                value={name}
                onChange={(e) => setNameText(e.target.value)}
                onBlur={() => name.trim() && name.trim() !== installationName && void setName(name.trim())}
                data-testid="installation-name"
              />
            </label>
            <label className="form-field">
              <span>{t('settings.teamMember')}</span>
              <select
                value={me.personId ?? ''}
                onChange={(e) => void match(e.target.value || null)}
                data-testid="identity-person"
              >
                <option value="">{t('settings.notMatched')}</option>
                {plan.people.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                    {p.id === plan.project.ownerId ? ` (${t('fields.role.overall_owner')})` : ''}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <p data-testid="identity-line">
            {me.personName
              ? t('settings.matched', { name: me.personName }) +
                (me.isOverallOwner ? t('adjust.youAreOwner') : t('adjust.youAreNotOwner'))
              : t('settings.notMatchedLong')}
            {!me.personId && suggested && (
              <button
                className="link"
                onClick={() => void match(suggested.id)}
                data-testid="identity-suggested"
              >
                {t('settings.useSuggested', { name: suggested.name })}
              </button>
            )}
          </p>
          <p className="muted small">
            {t('settings.ownerIs', { name: owner?.name ?? t('project.noOwner') })}
          </p>
        </div>

        <div className="card" data-testid="major-rules">
          <h3>{t('settings.rulesTitle')}</h3>
          <p className="muted small">{t('settings.rulesHint')}</p>
          <label className="rule">
            <input
              type="checkbox"
              checked={rules.budgetPct != null}
              onChange={(e) =>
                void update({ majorRules: { budgetPct: e.target.checked ? Number(pct) || 10 : null } })
              }
              data-testid="rule-budget"
            />
            {t('settings.ruleBudgetBefore')}
            <input
              className="pct"
              value={pct}
              disabled={rules.budgetPct == null}
              onChange={(e) => setPct(e.target.value)}
              onBlur={savePct}
              onKeyDown={(e) => e.key === 'Enter' && savePct()}
              aria-label={t('settings.ruleBudgetPct')}
              data-testid="rule-budget-pct"
            />
            {t('settings.ruleBudgetAfter')}
          </label>
          <label className="rule">
            <input
              type="checkbox"
              checked={rules.endDateMoved}
              onChange={(e) => void update({ majorRules: { endDateMoved: e.target.checked } })}
            />
            {t('settings.ruleEndDate')}
          </label>
          <label className="rule">
            <input
              type="checkbox"
              checked={rules.goalTargetChanged}
              onChange={(e) => void update({ majorRules: { goalTargetChanged: e.target.checked } })}
            />
            {t('settings.ruleGoalTarget')}
          </label>
        </div>

        {LISTS.map((list) => (
          <ListEditor
            key={list}
            list={list}
            items={settings[list]}
            onChange={(items) => void update({ [list]: items })}
          />
        ))}
      </div>
    </section>
  );
}

function ListEditor({
  list,
  items,
  onChange,
}: {
  list: ListName;
  items: string[];
  onChange(items: string[]): void;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const add = () => {
    const item = text.trim();
    if (!item) return;
    onChange([...items, item]);
    setText('');
  };
  return (
    <div className="card list-editor" data-testid={`list-${list}`}>
      <h3>{t(`settings.lists.${list}`)}</h3>
      <ul className="chips">
        {items.map((item, i) => (
          <li key={item} className="chip">
            {item}
            <button
              className="icon"
              title={t('settings.removeItem', { name: item })}
              aria-label={t('settings.removeItem', { name: item })}
              onClick={() => onChange(items.filter((_, j) => j !== i))}
            >
              ✕
            </button>
          </li>
        ))}
      </ul>
      <div className="row-actions">
        <input
          value={text}
          placeholder={t('settings.newItem')}
          aria-label={t('settings.newItem')}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => e.key === 'Enter' && add()}
        />
        <button onClick={add} disabled={!text.trim()}>
          + {t('settings.addItem')}
        </button>
      </div>
    </div>
  );
}
