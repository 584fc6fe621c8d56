/** Task codes after a merge: unique in the project, never given out twice. */
import type { Row } from './bundle';
import type { MergeChange, MergeSummary } from './merge-types';
import { taskCode } from '../shared/task-logic';
import { at, idKey, type SideIndex } from './side-index';

/**
 * Task codes are unique in a project. A task keeps its code unless another task already holds
 * it: my tasks keep theirs first, then tasks whose code changed on their side (back to mine if
 * free), then their new or restored tasks, which get the next code never given out.
 */
export function renumberClashingCodes(ctx: {
  me: SideIndex;
  them: SideIndex;
  changes: MergeChange[];
  updates: Map<string, MergeChange>;
  /** My tasks deleted by the merge whatever is decided. */
  gone: ReadonlySet<string>;
  summary: MergeSummary;
  projectId: string;
}): void {
  const { me, them, changes, updates, gone, summary, projectId } = ctx;
  const myTasks = me.rows.get('tasks')!;
  const ever = new Set<string>();
  for (const copy of [me, them]) for (const t of copy.rows.get('tasks')!.values()) ever.add(String(t.code));
  const held = new Map<string, string>(); // code → row key
  const changing: { key: string; change: MergeChange }[] = [];
  for (const [key, task] of myTasks) {
    if (gone.has(key)) continue;
    const update = updates.get(at('tasks', key));
    if (update && 'code' in update.values) changing.push({ key, change: update });
    else held.set(String(task.code), key);
  }
  const project = (me.rows.get('projects')!.values().next().value ?? {}) as Row;
  const theirProject = (them.rows.get('projects')!.values().next().value ?? {}) as Row;
  let seq = Math.max(Number(project.next_task_seq) || 1, Number(theirProject.next_task_seq) || 1);
  const startSeq = seq;
  const freeCode = () => {
    while (ever.has(taskCode(seq)) || held.has(taskCode(seq))) seq++;
    return taskCode(seq++);
  };
  for (const { key, change } of changing) {
    const wanted = String(change.values.code);
    if (!held.has(wanted)) {
      held.set(wanted, key);
      continue;
    }
    const mineCode = String(myTasks.get(key)!.code);
    delete change.values.code;
    change.stamps = change.stamps.filter((s) => s.field !== 'code');
    summary.updated--;
    if (!held.has(mineCode)) held.set(mineCode, key);
    else {
      const to = freeCode();
      Object.assign(change.values, { code: to });
      change.stamps.push({ field: 'code', stamp: 'local', base: JSON.stringify(mineCode) });
      change.renumbered = { from: mineCode, to };
      summary.renumbered.push(change.renumbered);
      held.set(to, key);
    }
  }
  // Their tasks to insert (new first, then those a decision may restore), in code order.
  const candidates = changes
    .filter((c) => c.op === 'insert' && c.table === 'tasks')
    .sort(
      (x, y) =>
        Number(!!x.when) - Number(!!y.when) || String(x.values.code).localeCompare(String(y.values.code)),
    );
  for (const change of candidates) {
    const code = String(change.values.code);
    if (!held.has(code)) {
      held.set(code, change.rowKey);
      continue;
    }
    const to = freeCode();
    change.values = { ...change.values, code: to };
    change.stamps = [
      ...change.stamps.filter((s) => s.field !== 'code'),
      { field: 'code', stamp: 'local', base: JSON.stringify(code) },
    ];
    change.renumbered = { from: code, to };
    if (!change.when) summary.renumbered.push(change.renumbered);
    held.set(to, change.rowKey);
  }
  if (seq === startSeq) return;
  // The project's counter moves past the codes just given out.
  const projectKey = idKey(projectId);
  let update = updates.get(at('projects', projectKey));
  if (!update) {
    update = { op: 'update', table: 'projects', rowKey: projectKey, values: {}, stamps: [] };
    updates.set(at('projects', projectKey), update);
    changes.push(update);
  }
  update.values.next_task_seq = seq;
  update.stamps = [
    ...update.stamps.filter((s) => s.field !== 'next_task_seq'),
    { field: 'next_task_seq', stamp: 'local', base: JSON.stringify(project.next_task_seq ?? null) },
  ];
}
