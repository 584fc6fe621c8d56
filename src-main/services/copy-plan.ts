/**
 * A new campaign from a finished one (the lessons library's "reuse this plan"): the team, the
 * modules of Table 1, the task breakdown of Table 2 with its outline and predecessors, and the
 * metrics with their targets. Dates move by the same number of days so the plan starts on the
 * day chosen; everything that records what happened is left behind: progress, Table 1's
 * written status, metric values, spend, check-ins, tracking periods, lessons and history.
 */
import type { Project } from '../shared/domain';
import { addDays } from '../shared/metrics-logic';
import { daysBetween } from '../shared/values';
import { newId, nowStamp } from '../db/ids';
import { getProject } from './projects';
import type { Db } from './common';

type Row = Record<string, unknown>;

export function copyPlan(db: Db, input: { sourceId: string; name: string; start: string }): Project {
  const source = getProject(db, input.sourceId);
  const shift = source.start ? daysBetween(source.start, input.start) : 0;
  const move = (date: unknown) => (typeof date === 'string' ? addDays(date, shift) : null);
  const stamp = nowStamp();
  const ids = new Map<string, string>();
  const mapped = (old: unknown) => (typeof old === 'string' ? (ids.get(old) ?? null) : null);
  const fresh = (old: string) => {
    const id = newId();
    ids.set(old, id);
    return id;
  };
  const rows = (sql: string) => db.prepare(sql).all(input.sourceId) as Row[];
  const pid = newId();

  db.transaction(() => {
    const p = rows('SELECT * FROM projects WHERE id = ?')[0]!;
    db.prepare(
      `INSERT INTO projects (id, name, goal, start_date, end_date, status, actions, audience, budget_fen,
                             manpower, channels, expected_outcome, next_task_seq, tracking_cycle,
                             gap_threshold, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, 'planning', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      pid,
      input.name,
      p.goal,
      input.start,
      source.start === null ? null : move(p.end_date),
      p.actions,
      p.audience,
      p.budget_fen,
      p.manpower,
      p.channels,
      p.expected_outcome,
      p.next_task_seq,
      p.tracking_cycle,
      p.gap_threshold,
      stamp,
      stamp,
    );

    const people = rows('SELECT * FROM people WHERE project_id = ? ORDER BY position, id');
    const insertPerson = db.prepare(
      `INSERT INTO people (id, project_id, name, role, group_name, position, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const r of people)
      insertPerson.run(fresh(String(r.id)), pid, r.name, r.role, r.group_name, r.position, stamp, stamp);
    const reportsTo = db.prepare('UPDATE people SET reports_to_id = ? WHERE id = ?');
    for (const r of people) if (r.reports_to_id) reportsTo.run(mapped(r.reports_to_id), mapped(r.id));
    db.prepare('UPDATE projects SET owner_id = ? WHERE id = ?').run(mapped(p.owner_id), pid);

    const insertModule = db.prepare(
      `INSERT INTO modules (id, project_id, name, owner_id, position, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const r of rows('SELECT * FROM modules WHERE project_id = ? ORDER BY position, id'))
      insertModule.run(fresh(String(r.id)), pid, r.name, mapped(r.owner_id), r.position, stamp, stamp);

    const tasks = rows('SELECT * FROM tasks WHERE project_id = ? ORDER BY position, id');
    const insertTask = db.prepare(
      `INSERT INTO tasks (id, project_id, code, name, deliverable, owner_id, start_date, end_date, budget_fen,
                          manpower, tools, criteria, progress, notes, module_id, position, milestone,
                          tracking_cycle, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const r of tasks)
      insertTask.run(
        fresh(String(r.id)),
        pid,
        r.code,
        r.name,
        r.deliverable,
        mapped(r.owner_id),
        move(r.start_date),
        move(r.end_date),
        r.budget_fen,
        r.manpower,
        r.tools,
        r.criteria,
        r.notes,
        mapped(r.module_id),
        r.position,
        r.milestone,
        r.tracking_cycle,
        stamp,
        stamp,
      );
    // Parents after every task exists: the outline may list a child before its parent.
    const parent = db.prepare('UPDATE tasks SET parent_id = ? WHERE id = ?');
    for (const r of tasks) if (r.parent_id) parent.run(mapped(r.parent_id), mapped(r.id));
    const link = db.prepare('INSERT INTO task_links (predecessor_id, successor_id) VALUES (?, ?)');
    for (const l of rows(
      `SELECT l.* FROM task_links l JOIN tasks t ON t.id = l.successor_id WHERE t.project_id = ?`,
    ))
      link.run(mapped(l.predecessor_id), mapped(l.successor_id));

    const insertMetric = db.prepare(
      `INSERT INTO metrics (id, project_id, module_id, task_id, name, preset, unit, kind, direction, aggregation,
                            baseline_c, target_c, start_date, target_date, cycle, funnel_stage, goal_linked,
                            position, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const m of rows('SELECT * FROM metrics WHERE project_id = ? ORDER BY position, id'))
      insertMetric.run(
        newId(),
        pid,
        mapped(m.module_id),
        mapped(m.task_id),
        m.name,
        m.preset,
        m.unit,
        m.kind,
        m.direction,
        m.aggregation,
        m.baseline_c,
        m.target_c,
        move(m.start_date),
        move(m.target_date),
        m.cycle,
        m.funnel_stage,
        m.goal_linked,
        m.position,
        stamp,
        stamp,
      );
  })();
  return getProject(db, pid);
}
