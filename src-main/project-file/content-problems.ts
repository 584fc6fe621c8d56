/**
 * Collecting what is wrong with a file's content (at most MAX_PROBLEMS: a hostile file could
 * otherwise make the list as large as itself), and checking rows against their columns.
 */
import type { ErrorParams } from '../shared/errors';
import { REQUIRED, type Check } from './value-checks';

/** Problems listed in the error; a hostile file could otherwise make the list as large as itself. */
export const MAX_PROBLEMS = 50;

export interface ContentProblem {
  path: (string | number)[];
  reason: string;
  params?: ErrorParams;
}

export class Problems {
  readonly list: ContentProblem[] = [];

  get full(): boolean {
    return this.list.length >= MAX_PROBLEMS;
  }

  add(path: (string | number)[], reason: string, params?: ErrorParams): void {
    if (this.full) return;
    this.list.push(params ? { path, reason, params } : { path, reason });
  }
}

/** A table's columns: the check of each. */
export type Columns = Readonly<Record<string, Check>>;

/** A table's columns as parallel lists, for the hot loop over rows. */
interface Spec {
  names: readonly string[];
  checks: readonly Check[];
}
const specOf = (columns: Columns): Spec => ({ names: Object.keys(columns), checks: Object.values(columns) });

/**
 * Checks one row (or the info object) against its columns. Every column must be there; other
 * keys are looked for only when asked, on the first row of a table: the rows of one table come
 * from one SELECT and share their keys (and read.ts has compared the schema with ours).
 */
function checkRow(
  problems: Problems,
  path: () => (string | number)[],
  row: unknown,
  spec: Spec,
  keys: boolean,
) {
  if (typeof row !== 'object' || row === null || Array.isArray(row)) {
    problems.add(path(), 'invalid_type', { expected: 'object' });
    return;
  }
  const record = row as Record<string, unknown>;
  const { names, checks } = spec;
  for (let c = 0; c < names.length; c++) {
    const value = record[names[c]!];
    const f = value === undefined ? REQUIRED : checks[c]!(value);
    if (f) problems.add([...path(), names[c]!], f.reason, f.params);
  }
  if (keys) {
    const extra = Object.keys(record).filter((k) => !names.includes(k));
    if (extra.length > 0) problems.add(path(), 'unrecognized_keys', { keys: extra.join(', ').slice(0, 200) });
  }
}

/** Checks one object (the file's info) against its columns, unknown keys included. */
export function checkObject(problems: Problems, path: string, value: unknown, columns: Columns): void {
  checkRow(problems, () => [path], value, specOf(columns), true);
}

/** Checks every row of a list. */
export function checkRows(problems: Problems, name: string, rows: unknown, columns: Columns): void {
  if (!Array.isArray(rows)) {
    problems.add([name], 'required');
    return;
  }
  const spec = specOf(columns);
  for (let i = 0; i < rows.length && !problems.full; i++) {
    checkRow(problems, () => [name, i], rows[i], spec, i === 0);
  }
}
