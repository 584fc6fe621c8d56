/** 目标与团队: the SMART goal, the strategy's core elements and the team (read-only for now). */
import { useTranslation } from 'react-i18next';
import { formatMoney, formatPeriod } from '../../i18n/format';
import type { Plan } from '../../store/plan-slice';

const ELEMENTS = ['actions', 'audience', 'budgetFen', 'manpower', 'channels', 'expectedOutcome'] as const;

export function GoalTeamTab({ plan }: { plan: Plan }) {
  const { t, i18n } = useTranslation();
  const { project, people } = plan;
  const names = new Map(people.map((p) => [p.id, p.name]));
  return (
    <section className="overview">
      <p className="muted small">{t('goalTeam.editingSoon')}</p>
      <div className="card">
        <dl className="fields">
          <dt>{t('fields.project.name')}</dt>
          <dd>{project.name}</dd>
          <dt>{t('fields.project.goal')}</dt>
          <dd>{project.goal || '—'}</dd>
          <dt>{t('fields.project.ownerId')}</dt>
          <dd>{(project.ownerId && names.get(project.ownerId)) || '—'}</dd>
          <dt>{t('fields.project.period')}</dt>
          <dd>{formatPeriod(project.start, project.end, i18n.language) || '—'}</dd>
        </dl>
      </div>
      <div className="card">
        <h3>{t('goalTeam.coreElements')}</h3>
        <dl className="fields">
          {ELEMENTS.map((key) => (
            <div key={key} className="field-row">
              <dt>{t(`fields.project.${key}`)}</dt>
              <dd>
                {key === 'budgetFen'
                  ? formatMoney(project.budgetFen, i18n.language) || '—'
                  : project[key] || '—'}
              </dd>
            </div>
          ))}
        </dl>
      </div>
      <div className="card">
        <h3>{t('goalTeam.team')}</h3>
        {people.length === 0 ? (
          <p className="muted">{t('goalTeam.noTeam')}</p>
        ) : (
          <table className="simple-table">
            <thead>
              <tr>
                <th>{t('fields.person.name')}</th>
                <th>{t('fields.person.role')}</th>
                <th>{t('fields.person.group')}</th>
                <th>{t('fields.person.reportsToId')}</th>
              </tr>
            </thead>
            <tbody>
              {people.map((p) => (
                <tr key={p.id}>
                  <td>{p.name}</td>
                  <td>{t(`fields.role.${p.role}`)}</td>
                  <td>{p.group}</td>
                  <td>{(p.reportsToId && names.get(p.reportsToId)) || '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </section>
  );
}
