/** 概览: the plan at a glance. Charts and gap detection come with the metrics. */
import { useTranslation } from 'react-i18next';
import { formatCompactMoney } from '../../i18n/format';
import { useStore } from '../../store';
import type { Plan } from '../../store/plan-slice';
import { ProgressBar } from '../../components/ProgressCell';
import { daysLeft } from '../project/project-dates';

export function OverviewTab({ plan }: { plan: Plan }) {
  const { t, i18n } = useTranslation();
  const summary = useStore((s) => s.projects.find((p) => p.id === plan.project.id));
  const done = plan.tasks.filter((task) => task.progress >= 100).length;
  const budget = plan.tasks.reduce((sum, task) => sum + (task.budgetFen ?? 0), 0);
  const left = daysLeft(plan.project.end);
  return (
    <section className="overview">
      <div className="kpis">
        <Kpi label={t('overview.kpiProgress')} value={`${Math.round(summary?.progress ?? 0)}%`} />
        <Kpi label={t('overview.kpiDaysLeft')} value={left === null ? '—' : String(Math.max(0, left))} />
        <Kpi
          label={t('overview.kpiTasks')}
          value={t('overview.tasksDone', { done, total: plan.tasks.length })}
        />
        <Kpi label={t('overview.kpiBudget')} value={formatCompactMoney(budget, i18n.language)} />
      </div>
      <div className="card">
        <h3>{t('overview.goal')}</h3>
        <p className="goal">{plan.project.goal || '—'}</p>
      </div>
      <div className="card">
        <h3>{t('overview.modules')}</h3>
        {plan.modules.length === 0 ? (
          <p className="muted">{t('overview.noModules')}</p>
        ) : (
          <ul className="module-progress">
            {plan.modules.map((m) => (
              <li key={m.id}>
                <span className="module-name">{m.name}</span>
                <ProgressBar value={Math.round(m.progress)} />
                <span className="muted small">
                  {m.progressOverride == null ? t('overview.computed') : t('overview.overridden')}
                  {m.milestone ? ` · ${m.milestone}` : ''}
                </span>
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}

function Kpi({ label, value }: { label: string; value: string }) {
  return (
    <div className="kpi">
      <div className="kpi-value">{value}</div>
      <div className="kpi-label">{label}</div>
    </div>
  );
}
