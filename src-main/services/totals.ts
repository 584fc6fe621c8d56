/**
 * The totals that keep every sum the app computes exact (see MAX_TOTAL in shared/values.ts):
 * a project's task budgets, its spend, and each metric's recorded values add up to at most
 * MAX_TOTAL. Checked inside the transaction of every write that can raise one of them (the
 * router's undoable channels, undo and redo, a merge), so a write past the bound is refused
 * with nothing stored. One amount is bounded by MAX_FEN; the number of rows is not bounded, so
 * the total is what must be checked.
 */
import type { RowChange } from '../db/capture';
import { afterCommit, writeStartedAt } from '../db/journal';
import { SUMMED_COLUMNS } from '../db/project-schema';
import { AppError } from '../shared/errors';
import { MAX_TOTAL } from '../shared/values';
import type { Db } from './common';

/**
 * The amount columns whose sums the app computes (marked `summed` in db/project-schema.ts), and
 * the query of each one's largest total: the project's, or the largest of its groups.
 */
export const SUMMED_AMOUNTS: readonly {
  table: string;
  column: string;
  total: string;
  /** Summed over the whole project (not per group): its total moves by a write's rows. */
  perProject: boolean;
}[] = SUMMED_COLUMNS.map(({ table, column, per }) => ({
  table: table.name,
  column,
  perProject: per === 'project' && table.project === 'project_id',
  // total() adds in floating point and never overflows: exact enough to compare with 10^15.
  total:
    per === 'project'
      ? `SELECT total(${column}) FROM ${table.name} WHERE ${table.where}`
      : `SELECT coalesce(max(s), 0) FROM (SELECT total(abs(${column})) AS s FROM ${table.name}
           WHERE ${table.where} GROUP BY ${per})`,
}));

const magnitude = (v: unknown) => (typeof v === 'number' ? Math.abs(v) : 0);
const amountOf = (v: unknown) => (typeof v === 'number' ? v : 0);

/** Whether the changes raise the amount somewhere (a total can then pass the bound). */
function grows(amount: (typeof SUMMED_AMOUNTS)[number], changes: readonly RowChange[]): boolean {
  return changes.some(
    (c) =>
      c.table === amount.table &&
      c.after !== null &&
      magnitude(c.after[amount.column]) > magnitude(c.before?.[amount.column]),
  );
}

/** The amount's largest total in the project, added up over its rows. */
function totalOf(db: Db, amount: (typeof SUMMED_AMOUNTS)[number], projectId: string): number {
  return db.prepare(amount.total).pluck().get(projectId) as number;
}

function refuse(table: string): never {
  throw new AppError({
    code: 'invalid_input',
    reason: 'total_too_large',
    params: { table, limit: MAX_TOTAL },
  });
}

/**
 * Refuses the write in progress when it took one of the project's totals past MAX_TOTAL, each
 * total computed over the project's rows. For changes that are not a write's own captured rows
 * (undo and redo put images back: their "before" is not what the rows held).
 */
export function checkTotals(db: Db, projectId: string, changes: readonly RowChange[]): void {
  for (const amount of SUMMED_AMOUNTS) {
    if (!grows(amount, changes)) continue;
    if (totalOf(db, amount, projectId) > MAX_TOTAL) refuse(amount.table);
  }
}

/**
 * Totals of whole projects known after earlier writes, per connection, each with the state the
 * connection was in when it was right (db/journal.ts): a write that finds its project's total
 * known at the state it began from moves it by its own rows, rather than adding up every task
 * again (a budget raised at 100,000 tasks cost a pass over all of them).
 */
const known = new WeakMap<Db, Map<string, { state: string; total: number }>>();

/**
 * checkTotals for the rows a journaled write captured (`changes`: every row it changed, before
 * and after). The project's totals are moved by those rows when they were known as the write
 * began; else added up, as checkTotals does, when the write raises one.
 */
export function checkWriteTotals(db: Db, projectId: string, changes: readonly RowChange[]): void {
  const startedAt = writeStartedAt(db);
  if (startedAt === null) return checkTotals(db, projectId, changes);
  let totals = known.get(db);
  if (!totals) known.set(db, (totals = new Map()));
  const after = new Map<string, number>();
  for (const amount of SUMMED_AMOUNTS) {
    const grew = grows(amount, changes);
    if (!amount.perProject) {
      if (grew && totalOf(db, amount, projectId) > MAX_TOTAL) refuse(amount.table);
      continue;
    }
    const key = `${amount.table}.${amount.column}:${projectId}`;
    const before = totals.get(key);
    let total: number;
    if (before?.state === startedAt) {
      total = before.total;
      for (const c of changes) {
        if (c.table !== amount.table) continue;
        // An updated row's images hold its project and the columns that changed (db/capture.ts).
        const image = c.after ?? c.before;
        if (image?.project_id !== projectId) continue;
        total += amountOf(c.after?.[amount.column]) - amountOf(c.before?.[amount.column]);
      }
    } else if (grew) {
      total = totalOf(db, amount, projectId);
    } else continue;
    if (grew && total > MAX_TOTAL) refuse(amount.table);
    after.set(key, total);
  }
  if (after.size === 0) return;
  afterCommit(db, (state) => {
    for (const [key, total] of after) totals.set(key, { state, total });
  });
}
