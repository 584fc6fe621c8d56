/**
 * The totals that keep every sum the app computes exact (see MAX_TOTAL in shared/values.ts):
 * a project's task budgets, its spend, and each metric's recorded values add up to at most
 * MAX_TOTAL. Checked inside the transaction of every write that can raise one of them (the
 * router's undoable channels, undo and redo, a merge), so a write past the bound is refused
 * with nothing stored. One amount is bounded by MAX_FEN; the number of rows is not bounded, so
 * the total is what must be checked.
 */
import type { RowChange } from '../db/capture';
import { SUMMED_COLUMNS } from '../db/project-schema';
import { AppError } from '../shared/errors';
import { MAX_TOTAL } from '../shared/values';
import type { Db } from './common';

/**
 * The amount columns whose sums the app computes (marked `summed` in db/project-schema.ts), and
 * the query of each one's largest total: the project's, or the largest of its groups.
 */
export const SUMMED_AMOUNTS: readonly { table: string; column: string; total: string }[] = SUMMED_COLUMNS.map(
  ({ table, column, per }) => ({
    table: table.name,
    column,
    // total() adds in floating point and never overflows: exact enough to compare with 10^15.
    total:
      per === 'project'
        ? `SELECT total(${column}) FROM ${table.name} WHERE ${table.where}`
        : `SELECT coalesce(max(s), 0) FROM (SELECT total(abs(${column})) AS s FROM ${table.name}
             WHERE ${table.where} GROUP BY ${per})`,
  }),
);

const magnitude = (v: unknown) => (typeof v === 'number' ? Math.abs(v) : 0);

/** Refuses the write in progress when it took one of the project's totals past MAX_TOTAL. */
export function checkTotals(db: Db, projectId: string, changes: readonly RowChange[]): void {
  for (const amount of SUMMED_AMOUNTS) {
    const grew = changes.some(
      (c) =>
        c.table === amount.table &&
        c.after !== null &&
        magnitude(c.after[amount.column]) > magnitude(c.before?.[amount.column]),
    );
    if (!grew) continue;
    const total = db.prepare(amount.total).pluck().get(projectId) as number;
    if (total > MAX_TOTAL) {
      throw new AppError({
        code: 'invalid_input',
        reason: 'total_too_large',
        params: { table: amount.table, limit: MAX_TOTAL },
      });
    }
  }
}
