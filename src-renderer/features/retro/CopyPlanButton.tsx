/**
 * 以此为模板新建: a new campaign from this one — team, modules, task breakdown and metric
 * targets, the dates moved to the chosen start, nothing of what happened carried over.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call, errorData } from '../../api/client';
import { useStore } from '../../store';
import type { Plan } from '../../store/plan-slice';
import { todayIso } from '../../../src-main/shared/values';
import { DateInput } from '../../components/DateInput';

export function CopyPlanButton({ plan }: { plan: Plan }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const [start, setStart] = useState(todayIso());
  const loadProjects = useStore((s) => s.loadProjects);
  const selectProject = useStore((s) => s.selectProject);
  const showNotice = useStore((s) => s.showNotice);
  const openTab = useStore((s) => s.openTab);
  if (!open)
    return (
      <button
        data-testid="copy-plan"
        onClick={() => {
          setName(t('retro.copyName', { name: plan.project.name }));
          setOpen(true);
        }}
      >
        {t('retro.copyPlan')}
      </button>
    );
  const create = async () => {
    try {
      const copy = await call('projects.copyPlan', { sourceId: plan.project.id, name: name.trim(), start });
      setOpen(false);
      await loadProjects();
      selectProject(copy.id);
      openTab('goalTeam');
    } catch (e) {
      showNotice({ error: errorData(e), entity: 'project' });
    }
  };
  return (
    <span className="copy-plan" data-testid="copy-plan-form">
      <input
        value={name}
        maxLength={200}
        aria-label={t('retro.copyNameLabel')}
        onChange={(e) => setName(e.target.value)}
      />
      <DateInput value={start} aria-label={t('retro.copyStart')} onCommit={setStart} />
      <button className="primary" disabled={!name.trim() || !start} onClick={() => void create()}>
        {t('retro.copyCreate')}
      </button>
      <button onClick={() => setOpen(false)}>{t('app.cancel')}</button>
    </span>
  );
}
