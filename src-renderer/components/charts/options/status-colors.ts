/**
 * Status colours as the grid shows them (styles.css), and the decal patterns that tell the
 * warning colours apart without colour (colour blindness, black-and-white printing).
 */
import type { TaskStatus } from '../../../../src-main/shared/task-logic';
import type { MetricStatus } from '../../../../src-main/shared/tracking';
import type { ChartTheme } from './common';

/** Diagonal stripes and dots: the decal patterns that tell the warning colours apart in grey. */
export const STRIPES = {
  symbol: 'rect',
  symbolSize: 1,
  dashArrayX: [1, 0],
  dashArrayY: [3, 5],
  rotation: Math.PI / 4,
  color: 'rgba(255, 255, 255, 0.45)',
};
const DOTS = {
  symbol: 'circle',
  symbolSize: 0.7,
  dashArrayX: [[4, 4]],
  dashArrayY: [4, 4],
  color: 'rgba(255, 255, 255, 0.5)',
};

export function metricStatusColor(status: MetricStatus, theme: ChartTheme): string {
  if (status === 'on_track') return theme.ok;
  if (status === 'at_risk') return theme.warn;
  if (status === 'behind') return theme.behind;
  return theme.idle;
}
export function metricStatusDecal(status: MetricStatus) {
  return status === 'behind' ? STRIPES : status === 'at_risk' ? DOTS : undefined;
}

/** Task statuses as the grid colours them (styles.css, .status-cell). */
export function taskStatusColor(status: TaskStatus, theme: ChartTheme): string {
  switch (status) {
    case 'in_progress':
      return theme.ok;
    case 'done':
      return theme.done;
    case 'overdue':
      return theme.behind;
    case 'blocked':
      return theme.warn;
    default:
      return theme.idle;
  }
}
