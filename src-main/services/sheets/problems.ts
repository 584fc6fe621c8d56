/**
 * What an import found wrong, row by row and column by column, in the terms the renderer words:
 * the row number in the file, the file's own column header, a reason code and its params.
 */
import type { z } from 'zod';
import { AppError, type ErrorParams } from '../../shared/errors';
import type { SheetData } from './grid';

export interface SheetProblem {
  ref: number;
  column: string | null;
  reason: string;
  params?: ErrorParams;
  /** The row's cell (by field) the problem is about, which the preview lets the user correct. */
  field: string | null;
  /** The cell's text as read (or as corrected). */
  text: string;
  /**
   * Kept: the cell could not be read as its column's value, and its text is kept in 备注 instead
   * (the row imports). Not kept: the row would break the plan (a loop, an end before its start,
   * an unknown predecessor, a row without a name …) and blocks the whole import.
   */
  kept: boolean;
}

/** Reasons about one cell that the import can keep as text instead of refusing the row. */
export const KEEPABLE: Record<string, ReadonlySet<string>> = {
  budgetFen: new Set(['not_amount', 'too_big', 'too_small']),
  start: new Set(['invalid_date']),
  end: new Set(['invalid_date']),
  period: new Set(['invalid_period']),
  progress: new Set(['not_integer', 'too_big', 'too_small']),
  milestone: new Set(['not_yes_no']),
  blocked: new Set(['not_yes_no']),
  moduleId: new Set(['unknown_module']),
  ownerId: new Set(['several_owners', 'too_big', 'invalid_name']),
  // Table 1: the strategy's overall owner and a module's 当前进度.
  owner: new Set(['several_owners', 'too_big', 'invalid_name']),
  progressOverride: new Set(['not_integer', 'too_big', 'too_small']),
};

export const isKeepable = (field: string | null | undefined, reason: string): boolean =>
  !!field && !!KEEPABLE[field]?.has(reason);

/** Only so many are listed (the count says how many there were). */
export const PROBLEMS_LISTED = 500;

/**
 * Fields that can come from a combined column of the template when they have no column of their
 * own: 起止时间 gives start and end, 所需资源 budget, people and tools, Table 1's 当前进度 the
 * percentage and the milestone.
 */
const COMBINED: Record<string, string[]> = {
  start: ['period'],
  end: ['period'],
  budgetFen: ['resources'],
  manpower: ['resources'],
  tools: ['resources'],
  progressOverride: ['progressPercent', 'progress'],
  milestone: ['milestone', 'progress'],
};

export class Problems {
  private readonly all: SheetProblem[] = [];
  private readonly headers = new Map<string, string>();
  /** Each row's cells by field, to say which cell a problem is about and what it holds. */
  private readonly cells = new Map<number, Record<string, string>>();
  /** Position of each header in the file, to list a row's problems from left to right. */
  private readonly order = new Map<string, number>();

  constructor(data: SheetData) {
    for (const c of data.columns) {
      if (c.field) this.headers.set(c.field, c.header);
      if (!this.order.has(c.header)) this.order.set(c.header, c.index);
    }
    for (const r of data.rows) this.cells.set(r.ref, r.cells);
  }

  get count(): number {
    return this.all.length;
  }

  /** Problems that block the whole import. */
  get blocking(): number {
    return this.all.filter((p) => !p.kept).length;
  }

  /** Cells kept as text (the rows import). */
  get kept(): number {
    return this.all.filter((p) => p.kept).length;
  }

  /** The row's field a value of `field` was read from: its own column, or the combined one. */
  source(ref: number, field: string | null | undefined): string | null {
    if (!field) return null;
    const cells = this.cells.get(ref);
    if (this.headers.has(field) && cells?.[field] !== undefined) return field;
    for (const f of COMBINED[field] ?? []) if (this.headers.has(f)) return f;
    return this.headers.has(field) ? field : null;
  }

  /** The first problems in the file's order (row, then column), as many as are listed. */
  get list(): SheetProblem[] {
    const at = (p: SheetProblem) => (p.column === null ? -1 : (this.order.get(p.column) ?? -1));
    return [...this.all].sort((a, b) => a.ref - b.ref || at(a) - at(b)).slice(0, PROBLEMS_LISTED);
  }

  /** The file's header of the column a field was read from. */
  header(field: string | null | undefined): string | null {
    if (!field) return null;
    const own = this.headers.get(field);
    if (own) return own;
    for (const f of COMBINED[field] ?? []) {
      const h = this.headers.get(f);
      if (h) return h;
    }
    return null;
  }

  /** A problem of a row; `kept` when its cell's text is kept in 备注 and the row still imports. */
  add(
    ref: number,
    field: string | null | undefined,
    reason: string,
    params?: ErrorParams,
    kept = false,
  ): void {
    const source = this.source(ref, field);
    this.all.push({
      ref,
      column: this.header(source ?? field),
      reason,
      ...(params ? { params } : {}),
      field: source,
      text: source ? (this.cells.get(ref)?.[source] ?? '') : '',
      kept,
    });
  }

  /**
   * A cell kept as text: recorded as a kept problem, and answered with the note that keeps its
   * text ("负责人：张三、李四"), or null when the cell was blank.
   */
  keep(ref: number, field: string, reason: string, params?: ErrorParams): string | null {
    this.add(ref, field, reason, params, true);
    const source = this.source(ref, field) ?? field;
    const text = (this.cells.get(ref)?.[source] ?? '').trim();
    return text ? `${this.header(source) ?? source}：${text}` : null;
  }

  /** A refusal by a service (an AppError whose path ends with the field it is about). */
  addError(ref: number, error: AppError): void {
    const last = error.data.path?.[error.data.path.length - 1];
    const field = typeof last === 'string' && !['values', 'patch', 'id'].includes(last) ? last : null;
    this.add(ref, field, error.data.reason ?? error.data.code, error.data.params);
  }

  /** The first refusal of a zod schema (the same rules an edit is checked with). */
  addZod(ref: number, error: z.ZodError, fieldOfValue?: string): void {
    const issue = error.issues[0];
    if (!issue) return;
    const last = issue.path[issue.path.length - 1];
    const field = typeof last === 'string' ? last : (fieldOfValue ?? null);
    if (issue.code === 'too_big' || issue.code === 'too_small') {
      const bound = issue.code === 'too_big' ? issue.maximum : issue.minimum;
      this.add(ref, field, issue.code, { limit: Number(bound), origin: issue.origin });
    } else if (issue.code === 'custom' && typeof issue.params?.reason === 'string') {
      this.add(ref, field, issue.params.reason);
    } else this.add(ref, field, issue.code);
  }

  /**
   * Refuses the whole import (nothing is written) when a row would break the plan, or when cells
   * would be kept as text without the user having said to keep them.
   */
  throwIfAny(keepText: boolean): void {
    if (this.blocking === 0 && (keepText || this.kept === 0)) return;
    const listed = keepText ? this.list.filter((p) => !p.kept) : this.list;
    throw new AppError({
      code: 'invalid_input',
      reason: 'import_rejected',
      params: { count: keepText ? this.blocking : this.count },
      problems: listed.map((p) => ({
        ref: p.ref,
        reason: p.reason,
        params: { ...p.params, ...(p.column ? { column: p.column } : {}) },
      })),
    });
  }
}

/** Runs a service call, turning its refusal into a problem of the row; false when refused. */
export function attempt(problems: Problems, ref: number, fn: () => void): boolean {
  try {
    fn();
    return true;
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    problems.addError(ref, e);
    return false;
  }
}
