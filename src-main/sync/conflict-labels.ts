/** Words for the rows a merge asks about: a task's code and name, a period's dates … */
import type { Row } from './bundle';
import { idKey, type SideIndex } from './side-index';

/** Words for a row in a conflict, from whichever copy has it. */
export function labeller(mine: SideIndex, theirs: SideIndex) {
  const find = (table: string, key: string): Row | undefined =>
    mine.rows.get(table)?.get(key) ?? theirs.rows.get(table)?.get(key);
  const byId = (table: string, id: unknown) => (id == null ? undefined : find(table, idKey(id)));
  const task = (id: unknown) => {
    const t = byId('tasks', id);
    return t ? `${String(t.code)} ${String(t.name)}` : '?';
  };
  const code = (id: unknown) => String(byId('tasks', id)?.code ?? '?');
  return (table: string, key: string): string => {
    const row = find(table, key);
    if (!row) return key;
    switch (table) {
      case 'tasks':
        return task(row.id);
      case 'task_links':
        return `${code(row.predecessor_id)} → ${code(row.successor_id)}`;
      case 'metric_actuals':
        return `${String(byId('metrics', row.metric_id)?.name ?? '?')} ${String(row.period_start)}`;
      case 'tracking_periods':
        return `${String(row.start_date)} – ${String(row.end_date)}`;
      case 'module_snapshots':
        return `${String(row.name)} (${String(byId('tracking_periods', row.period_id)?.start_date ?? '?')})`;
      case 'spend_entries':
        return `${String(row.spent_on)} ${String(row.note ?? '')}`.trim();
      case 'task_checkins':
        return `${task(row.task_id)} ${String(row.checkin_date)}`;
      case 'issues':
      case 'root_causes':
      case 'adjustments':
        return String(row.title);
      case 'feedback':
        return `${String(row.received_on)} ${String(row.content).slice(0, 40)}`.trim();
      case 'adjustment_changes':
        return `${String(byId('adjustments', row.adjustment_id)?.title ?? '?')} · ${String(row.kind)}`;
      case 'adjustment_events':
        return `${String(byId('adjustments', row.adjustment_id)?.title ?? '?')} · ${String(row.action)}`;
      case 'project_identities':
        return `${String(row.replica_name)} → ${String(byId('people', row.person_id)?.name ?? '?')}`;
      default:
        return String(row.name ?? key);
    }
  };
}
