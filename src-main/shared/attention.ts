/**
 * The attention list (数据反馈, automatic gap detection): every metric behind its pro-rated
 * target, task overdue or lagging, module over budget and check-in missed, with stable keys, in
 * the order the owner should look at them. Pure; `today` is a parameter.
 */
import { addDays, daysBetween } from './calendar';
import type { Task } from './domain';
import {
  currentValueC,
  metricStart,
  metricStatus,
  proRatedTargetC,
  roundHalfAwayFromZero,
} from './metric-figures';
import { missedCheckins, PeriodCalendar } from './periods';
import { elapsedPct } from './planned-progress';
import { deriveTaskStatus, rollUpProgress } from './task-logic';
import { ATTENTION_KINDS } from './tracking';
import type { Actual, Attention, Cycle, Metric } from './tracking';

export interface AttentionInput {
  today: string;
  /** The tolerance band in %: metrics within it of their target are at risk, tasks within it of the calendar are fine. */
  thresholdPct: number;
  projectStart: string | null;
  /**
   * The campaign's last day: once it has passed, overdue days are counted up to the day after it
   * (a task still open when the campaign ended), not on and on to today.
   */
  projectEnd?: string | null;
  /** Each metric with its recorded values (currentValueC reads only these two fields of them). */
  metrics: readonly (Metric & { actuals: readonly Pick<Actual, 'periodStart' | 'valueC'>[] })[];
  tasks: readonly AttentionTask[];
  modules: readonly { id: string; name: string; plannedFen: number; spentFen: number }[];
}

/** What the rules read of a task (a whole Task with its check-in dates will do). */
export type AttentionTask = Pick<
  Task,
  'id' | 'code' | 'name' | 'start' | 'end' | 'progress' | 'parentId' | 'blocked'
> & { trackingCycle: Cycle | null; checkinDates: readonly string[] };

const round1 = (x: number) => roundHalfAwayFromZero(x * 10) / 10;

/**
 * Everything the owner should look at, with stable keys so a later feature can turn an item into
 * a feedback record and recognise it again:
 * - `metric_behind:<metricId>` — status behind (critical) or at risk (warning);
 * - `task_overdue:<taskId>` — deriveTaskStatus says overdue (critical);
 * - `task_lagging:<taskId>` — not done and not overdue, but progress trails the time elapsed by
 *   more than thresholdPct points (warning);
 * - `module_over_budget:<moduleId>` — spent more than a planned budget above 0; critical when over
 *   by more than thresholdPct, else warning;
 * - `checkin_missed:<taskId>:<periodStart>` — a due check-in period without one (warning); not for
 *   tasks already done, whose past gaps nobody can act on any more.
 * Tasks with sub-tasks are judged on their rolled-up progress. Sorted: critical first, then by
 * kind in ATTENTION_KINDS order, then by key.
 */
export function attentionItems(input: AttentionInput): Attention[] {
  return attentionList(input, Infinity).items;
}

const SEVERITY_RANK = { critical: 0, warning: 1 } as const;
const EPOCH = '1970-01-01';

/** Severity, then kind: the first two criteria of compareAttention as one number. */
const rankOf = (severity: Attention['severity'], kind: Attention['kind']) =>
  SEVERITY_RANK[severity] * ATTENTION_KINDS.length + ATTENTION_KINDS.indexOf(kind);

/**
 * An attention item found and counted; only the listed ones are built (buildFound). Items of one
 * rank are of one kind, so `order`, the key without its "<kind>:", compares as the key does.
 */
type Found = { rank: number; order: string; seq: number } & (
  | { kind: 'built'; item: Attention }
  | { kind: 'task_overdue'; task: AttentionTask; end: string }
  | { kind: 'task_lagging'; task: AttentionTask; progress: number; elapsed: number }
  | { kind: 'checkin_missed'; task: AttentionTask; period: { periodStart: string; periodEnd: string } }
);

/** The order of compareAttention; then the order of finding, as a stable sort keeps equal keys. */
const compareFound = (a: Found, b: Found) =>
  a.rank - b.rank || (a.order < b.order ? -1 : a.order > b.order ? 1 : 0) || a.seq - b.seq;

function buildFound(f: Found, today: string, projectEnd: string | null): Attention {
  if (f.kind === 'built') return f.item;
  const { id, code, name } = f.task;
  const target = { tab: 'tasks' as const, rowId: id };
  switch (f.kind) {
    case 'task_overdue': {
      // After the campaign: overdue as of the day after its end (or the task's own end, if later).
      const ended = projectEnd !== null && projectEnd < today;
      const stop = ended ? addDays(projectEnd < f.end ? f.end : projectEnd, 1) : today;
      const asOf = stop < today ? stop : today;
      return {
        key: `task_overdue:${id}`,
        kind: 'task_overdue',
        severity: 'critical',
        target,
        params: {
          code,
          name,
          daysOverdue: daysBetween(f.end, asOf),
          end: f.end,
          ...(ended ? { campaignEnd: projectEnd } : {}),
        },
      };
    }
    case 'task_lagging':
      return {
        key: `task_lagging:${id}`,
        kind: 'task_lagging',
        severity: 'warning',
        target,
        params: { code, name, progress: Math.round(f.progress), elapsed: Math.round(f.elapsed) },
      };
    case 'checkin_missed':
      return {
        key: `checkin_missed:${f.order}`,
        kind: 'checkin_missed',
        severity: 'warning',
        target,
        params: { code, name, periodStart: f.period.periodStart, periodEnd: f.period.periodEnd },
      };
  }
}

/**
 * The first `limit` items of attentionItems (the same list, cut) and how many it has in all: the
 * dashboard lists the worst items of a plan with thousands of late tasks and counts them all.
 * Only the listed items are built, and they are picked without sorting all the others.
 */
export function attentionList(input: AttentionInput, limit: number): { items: Attention[]; count: number } {
  const { today, thresholdPct, projectStart } = input;
  const found: Found[] = [];
  const built = (item: Attention, order: string) => {
    found.push({ rank: rankOf(item.severity, item.kind), order, seq: found.length, kind: 'built', item });
  };

  for (const m of input.metrics) {
    const start = metricStart(m, projectStart);
    const proRatedC = proRatedTargetC(m, projectStart, today);
    const actualC = currentValueC(m, m.actuals, today);
    const status = metricStatus(m, actualC, proRatedC, today, start, thresholdPct);
    if ((status !== 'behind' && status !== 'at_risk') || m.targetC === null || actualC === null) continue;
    const item: Attention = {
      key: `metric_behind:${m.id}`,
      kind: 'metric_behind',
      severity: status === 'behind' ? 'critical' : 'warning',
      target: { tab: 'metrics', rowId: m.id },
      params: {
        name: m.name,
        targetC: m.targetC,
        proRatedC: proRatedC ?? m.targetC, // the reference the status was judged on
        actualC,
        kind: m.kind,
        unit: m.unit,
      },
    };
    built(item, m.id);
  }

  const rolledUp = rollUpProgress(input.tasks);
  // Every date as a day count once (dates repeat across thousands of tasks), counted as
  // daysBetween counts, so a difference of two is exactly daysBetween of the dates.
  const dayCounts = new Map<string, number>();
  const days = (date: string) => {
    let n = dayCounts.get(date);
    if (n === undefined) dayCounts.set(date, (n = daysBetween(EPOCH, date)));
    return n;
  };
  const todayDays = days(today);
  const overdue = rankOf('critical', 'task_overdue');
  const lagging = rankOf('warning', 'task_lagging');
  const missed = rankOf('warning', 'checkin_missed');
  const calendar = new PeriodCalendar();
  for (const task of input.tasks) {
    const progress = rolledUp.get(task.id) ?? task.progress;
    const { start, end } = task;
    const status = deriveTaskStatus({ progress, blocked: task.blocked, start, end }, today);
    if (status === 'done') continue;
    if (status === 'overdue' && end !== null) {
      found.push({ rank: overdue, order: task.id, seq: found.length, kind: 'task_overdue', task, end });
    } else if (start !== null && end !== null) {
      // timeElapsedPct(start, end, today), on the day counts.
      const first = days(start);
      const elapsed = elapsedPct(days(end) - first, todayDays - first);
      if (elapsed - progress > thresholdPct) {
        found.push({
          rank: lagging,
          order: task.id,
          seq: found.length,
          kind: 'task_lagging',
          task,
          progress,
          elapsed,
        });
      }
    }
    if (task.trackingCycle === null) continue; // nothing is due (dueCheckins)
    for (const period of missedCheckins(task, task.checkinDates, today, calendar)) {
      const order = `${task.id}:${period.periodStart}`;
      found.push({ rank: missed, order, seq: found.length, kind: 'checkin_missed', task, period });
    }
  }

  for (const mod of input.modules) {
    if (!(mod.plannedFen > 0 && mod.spentFen > mod.plannedFen)) continue;
    const overPct = ((mod.spentFen - mod.plannedFen) * 100) / mod.plannedFen;
    const item: Attention = {
      key: `module_over_budget:${mod.id}`,
      kind: 'module_over_budget',
      severity: overPct > thresholdPct ? 'critical' : 'warning',
      target: { tab: 'tracking', rowId: mod.id },
      params: {
        name: mod.name,
        plannedFen: mod.plannedFen,
        spentFen: mod.spentFen,
        overPct: round1(overPct),
      },
    };
    built(item, mod.id);
  }

  const listed = smallestInOrder(found, limit, compareFound);
  const projectEnd = input.projectEnd ?? null;
  return { items: listed.map((f) => buildFound(f, today, projectEnd)), count: found.length };
}

/**
 * The `k` smallest of `xs` in order: `[...xs].sort(compare).slice(0, k)` for a compare that is a
 * total order, in O(n log k) rather than O(n log n) — a heap of the k smallest so far, its
 * largest on top, which each newcomer must beat to get in.
 */
export function smallestInOrder<T>(xs: readonly T[], k: number, compare: (a: T, b: T) => number): T[] {
  const size = Math.max(0, Math.floor(k)) || 0;
  if (size >= xs.length) return [...xs].sort(compare);
  const heap: T[] = [];
  if (size === 0) return heap;
  const swap = (i: number, j: number) => {
    const x = heap[i]!;
    heap[i] = heap[j]!;
    heap[j] = x;
  };
  for (const x of xs) {
    if (heap.length < size) {
      heap.push(x);
      for (let i = heap.length - 1; i > 0;) {
        const parent = (i - 1) >> 1;
        if (compare(heap[i]!, heap[parent]!) <= 0) break;
        swap(i, parent);
        i = parent;
      }
    } else if (compare(x, heap[0]!) < 0) {
      heap[0] = x;
      for (let i = 0; ;) {
        const left = 2 * i + 1;
        const right = left + 1;
        let largest = i;
        if (left < size && compare(heap[left]!, heap[largest]!) > 0) largest = left;
        if (right < size && compare(heap[right]!, heap[largest]!) > 0) largest = right;
        if (largest === i) break;
        swap(i, largest);
        i = largest;
      }
    }
  }
  return heap.sort(compare);
}

/** Critical first, then kind (ATTENTION_KINDS order), then key — code-unit order, not locale. */
export function compareAttention(a: Attention, b: Attention): number {
  return (
    SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
    ATTENTION_KINDS.indexOf(a.kind) - ATTENTION_KINDS.indexOf(b.kind) ||
    (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)
  );
}
