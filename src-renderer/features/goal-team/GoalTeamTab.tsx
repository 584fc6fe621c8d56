/** 目标与团队 (step 一): the strategy's goal, period and core elements, and the team. */
import type { Plan } from '../../store/plan-slice';
import { StrategyForm } from './StrategyForm';
import { TeamGrid } from './TeamGrid';

export function GoalTeamTab({ plan }: { plan: Plan }) {
  return (
    <section className="overview">
      <StrategyForm plan={plan} />
      <TeamGrid plan={plan} />
    </section>
  );
}
