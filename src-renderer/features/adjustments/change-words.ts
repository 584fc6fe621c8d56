/**
 * A proposed plan change in words — what it changes, from what, to what — as the adjustment's
 * detail and the printed 策略调整审批表 both show it. The screens differ only in how they write a
 * value (their formatters) and in small typography, passed in.
 */
import type { AdjustmentChange } from '../../../src-main/shared/feedback';

export interface ChangeFormat {
  money(fen: number | null): string;
  dates(start: string | null, end: string | null): string;
  date(iso: string | null): string;
  value(metricId: string | null, valueC: number | null): string;
  /** The project's name (the object of a change of its end date). */
  projectName: string;
  /** Shown for a task that had no owner. */
  noOwner: string;
  /** Between the amount after a budget change and its signed difference: ' ' on screen, '' in print. */
  gap: string;
}

export function changeObject(c: AdjustmentChange, f: ChangeFormat): string {
  switch (c.kind) {
    case 'module_budget':
      return c.moduleName ?? '?';
    case 'metric_target':
      return c.metricName ?? '?';
    case 'project_end':
      return f.projectName;
    case 'new_task':
      return c.newName;
    default:
      return c.taskLabel ?? '?';
  }
}

/** "From": the value now, or the one it replaced once applied. */
export function changeFrom(c: AdjustmentChange, f: ChangeFormat): string {
  switch (c.kind) {
    case 'module_budget':
    case 'task_budget':
      return f.money(c.beforeFen);
    case 'task_dates':
      return f.dates(c.beforeStart, c.beforeEnd);
    case 'task_owner':
      return c.beforeOwnerName ?? f.noOwner;
    case 'metric_target':
      return f.value(c.metricId, c.beforeTargetC);
    case 'project_end':
      return f.date(c.beforeEnd) || '—';
    default:
      return '—';
  }
}

export function changeTo(c: AdjustmentChange, f: ChangeFormat): string {
  switch (c.kind) {
    case 'module_budget':
    case 'task_budget': {
      const sign = (c.deltaFen ?? 0) >= 0 ? '+' : '−';
      const after = c.beforeFen == null || c.deltaFen == null ? null : c.beforeFen + c.deltaFen;
      return `${f.money(after)}${f.gap}(${sign}${f.money(Math.abs(c.deltaFen ?? 0))})`;
    }
    case 'task_dates':
      return f.dates(c.newStart ?? c.beforeStart, c.newEnd ?? c.beforeEnd);
    case 'task_owner':
      return c.newOwnerName ?? '—';
    case 'metric_target':
      return f.value(c.metricId, c.newTargetC);
    case 'project_end':
      return f.date(c.newEnd) || '—';
    case 'new_task':
      return [
        c.moduleName,
        c.newStart || c.newEnd ? f.dates(c.newStart, c.newEnd) : null,
        c.newOwnerName,
        c.newBudgetFen != null ? f.money(c.newBudgetFen) : null,
      ]
        .filter(Boolean)
        .join(' · ');
  }
}
