/**
 * 问题与反馈 (step 四 反馈收集, and the root causes of step 五): the issue log, the feedback log
 * and the root causes, one at a time under a switcher; a followed link opens its row.
 */
import { useTranslation } from 'react-i18next';
import { useStore } from '../../store';
import type { FollowView } from '../../store/follow-up-slice';
import type { Plan } from '../../store/plan-slice';
import { useMetrics } from '../../store/use-metrics';
import { FeedbackLog } from './FeedbackLog';
import { IssueLog } from './IssueLog';
import { RootCauses } from './RootCauses';
import { ViewSwitcher } from './ViewSwitcher';
import './follow-up.css';

const VIEWS = ['issues', 'feedback', 'causes'] as const satisfies readonly FollowView[];

export function FeedbackTab({ plan }: { plan: Plan }) {
  const { t } = useTranslation();
  const followUp = useStore((s) => s.followUp);
  const view = useStore((s) => s.followView.feedback);
  const openRecord = useStore((s) => s.openRecord);
  const focusRowId = useStore((s) => s.focusRowId);
  const metrics = useMetrics()?.metrics ?? [];
  const selected = useStore((s) => s.followSelected);
  const select = useStore((s) => s.selectFollow);

  if (!followUp || followUp.projectId !== plan.project.id)
    return <p className="muted pad">{t('app.loading')}</p>;

  const switcher = (
    <ViewSwitcher
      views={VIEWS}
      current={view}
      label={t('project.tabs.feedback')}
      badge={{ view: 'issues', count: followUp.summary.openIssues }}
      onOpen={openRecord}
    />
  );
  const common = {
    plan,
    followUp,
    switcher,
    focusId: focusRowId,
    selectedId: selected[view] ?? null,
    onSelect: (id: string | null) => select(view, id),
  };
  return view === 'feedback' ? (
    <FeedbackLog {...common} metrics={metrics} />
  ) : view === 'causes' ? (
    <RootCauses {...common} />
  ) : (
    <IssueLog {...common} />
  );
}
