/**
 * 复盘 (step 六): the campaign's results computed from its data (the same sections the printed
 * 复盘报告 shows), the lessons the owner writes, and the campaign's archive switch. Printing
 * opens the preview; archiving makes the whole project read-only (enforced by the main process).
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call, errorData } from '../../api/client';
import { useStore } from '../../store';
import type { Plan } from '../../store/plan-slice';
import type { Lesson } from '../../../src-main/shared/lessons';
import type { Retrospective } from '../../../src-main/shared/retro';
import { todayIso } from '../../../src-main/shared/values';
import { REPORTS, type RenderContext } from '../reports/sections';
import type { ReportData } from '../reports/report-data';
import { LessonsEditor } from './LessonsEditor';
import { CopyPlanButton } from './CopyPlanButton';
import type { Issue } from '../../../src-main/shared/feedback';
import '../reports/report.css';
import './retro.css';

export function RetroTab({ plan }: { plan: Plan }) {
  const { t, i18n } = useTranslation();
  const showNotice = useStore((s) => s.showNotice);
  const openPreview = useStore((s) => s.openPreview);
  const [retro, setRetro] = useState<Retrospective | null>(null);
  const [lessons, setLessons] = useState<Lesson[]>([]);
  const [issues, setIssues] = useState<Issue[]>([]);
  const projectId = plan.project.id;
  const archived = plan.project.status === 'archived';

  const reload = useCallback(async () => {
    try {
      const [r, l, i] = await Promise.all([
        call('retro.get', { projectId, today: todayIso() }),
        call('lessons.list', { projectId }),
        call('issues.list', { projectId }),
      ]);
      setRetro(r);
      setLessons(l);
      setIssues(i);
    } catch (e) {
      showNotice({ error: errorData(e), entity: 'project' });
    }
  }, [projectId, showNotice]);
  // Every change of the plan (an edit, an undo) may change the results: read them again.
  useEffect(() => {
    void reload();
  }, [reload, plan]);

  const data: ReportData | null = useMemo(
    () =>
      retro && {
        project: plan.project,
        people: plan.people,
        modules: plan.modules,
        tasks: plan.tasks,
        printedOn: todayIso(),
        retro,
        lessons,
        period: null,
        periodIndex: -1,
        dashboard: retro.dashboard,
        // The adjustments' effects come with the results (retro.adjustments).
        issues,
        adjustments: [],
        metrics: [],
        form: null,
        majorBudgetPct: null,
      },
    [retro, lessons, issues, plan],
  );
  const ctx: RenderContext = useMemo(
    () => ({ t, language: i18n.language, chartReady: () => {} }),
    [t, i18n.language],
  );
  const section = (id: string) => REPORTS.retro.sections.find((s) => s.id === id)!;

  return (
    <div className="retro-tab" data-testid="retro-tab">
      <div className="toolbar">
        <button className="primary" data-testid="print-retro" onClick={() => openPreview('retro')}>
          {t('retro.print')}
        </button>
        <button data-testid="print-weekly" onClick={() => openPreview('weekly')}>
          {t('retro.printWeekly')}
        </button>
        <span className="toolbar-spacer" />
        <CopyPlanButton plan={plan} />
        <ArchiveButton plan={plan} />
      </div>
      {archived && (
        <p className="archived-note" data-testid="archived-note">
          {t('archive.note')}
        </p>
      )}
      {!data ? (
        <p className="muted">{t('app.loading')}</p>
      ) : (
        <div className="retro-columns">
          <div className="report report-inline retro-results">
            <h2>{t(section('results').titleKey)}</h2>
            {section('results').render(data, ctx)}
            <h2>{t(section('tasks').titleKey)}</h2>
            {section('tasks').render(data, ctx)}
            <h2>{t(section('issues').titleKey)}</h2>
            {section('issues').render(data, ctx)}
            <h2>{t(section('adjustments').titleKey)}</h2>
            {section('adjustments').render(data, ctx)}
          </div>
          <LessonsEditor
            projectId={projectId}
            modules={plan.modules}
            lessons={lessons}
            readOnly={archived}
            onChanged={() => {
              void reload();
              void useStore.getState().refreshHistory();
            }}
          />
        </div>
      )}
    </div>
  );
}

/** 归档 / 取消归档: one action each (undoable); an archived project is read-only everywhere. */
function ArchiveButton({ plan }: { plan: Plan }) {
  const { t } = useTranslation();
  const refreshPlan = useStore((s) => s.refreshPlan);
  const showNotice = useStore((s) => s.showNotice);
  const archived = plan.project.status === 'archived';
  const toggle = async () => {
    try {
      await call('projects.update', {
        id: plan.project.id,
        patch: { status: archived ? 'done' : 'archived' },
      });
      await refreshPlan(['project']);
    } catch (e) {
      showNotice({ error: errorData(e), entity: 'project' });
    }
  };
  return (
    <button data-testid={archived ? 'unarchive' : 'archive'} onClick={() => void toggle()}>
      {archived ? t('archive.unarchive') : t('archive.archive')}
    </button>
  );
}
