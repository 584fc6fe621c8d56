/**
 * The SMART check of the goal (step 一): which letters the plan does not yet satisfy, judged on
 * the goal's text, the project's period and the goal's measured metrics.
 */
import type { Metric } from './tracking';

export type SmartLetter = 'S' | 'M' | 'A' | 'R' | 'T';

export interface SmartInput {
  goal: string;
  projectStart: string | null;
  projectEnd: string | null;
  modules: number;
  metrics: readonly Pick<
    Metric,
    'goalLinked' | 'targetC' | 'baselineC' | 'targetDate' | 'moduleId' | 'taskId'
  >[];
}

/** The shortest goal text taken as specific: "销量10万台" is 6 characters; "提升销量" is not a goal. */
export const SMART_GOAL_MIN_CHARS = 6;

/**
 * Which SMART letters the plan does not yet satisfy, in S-M-A-R-T order. A, R and T are judged on
 * the goal's measured metrics (goal-linked with a numeric target), each letter satisfied by any
 * one of them; so without M they are missing too — nothing measurable, nothing to judge.
 */
export function smartCheck(input: SmartInput): { missing: SmartLetter[] } {
  const measured = input.metrics.filter((m) => m.goalLinked && m.targetC !== null);
  const ok: Record<SmartLetter, boolean> = {
    // S (specific): a goal text that says something — at least 6 characters (code points, so
    // each Chinese character counts once), surrounding spaces ignored.
    S: [...input.goal.trim()].length >= SMART_GOAL_MIN_CHARS,
    // M (measurable): at least one goal-linked metric with a numeric target.
    M: measured.length > 0,
    // A (achievable): such a metric has an entered baseline different from its target — without
    // a starting point nobody can judge whether the step to the target is realistic.
    A: measured.some((m) => m.baselineC !== null && m.baselineC !== m.targetC),
    // R (relevant): such a metric is the strategy's or a module's (not only one task's), and the
    // plan has at least one module to carry it — the goal is tied to the work of Table 1.
    R: input.modules > 0 && measured.some((m) => m.taskId === null),
    // T (time-bound): such a metric has a target date inside the project period (both ends set).
    T:
      input.projectStart !== null &&
      input.projectEnd !== null &&
      measured.some(
        (m) =>
          m.targetDate !== null && m.targetDate >= input.projectStart! && m.targetDate <= input.projectEnd!,
      ),
  };
  return { missing: (['S', 'M', 'A', 'R', 'T'] as const).filter((letter) => !ok[letter]) };
}
