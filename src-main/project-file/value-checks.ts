/**
 * One value of a project file against its column's kind (db/project-schema.ts): each check
 * returns null when the value keeps the rule, else the problem.
 *
 * The checks are plain functions rather than zod schemas: zod took 75 ms for 10,000 tasks,
 * more than the whole import may spend on validation. The rules are those of shared/values.ts.
 *
 * Text is data: right-to-left scripts, emoji, quotes, "<script>" or "'; DROP TABLE" are all
 * accepted as they are and stored byte for byte, since the app never executes what it stores.
 * Only C0 control characters other than tab and line breaks are refused: they have no place
 * in a plan and would confuse the grid, the clipboard and the spreadsheet export.
 */
import { regexes } from 'zod/v4/core';
import type { Column } from '../db/project-schema';
import type { ErrorParams } from '../shared/errors';
import { ADJUSTMENT_STATUSES, LIST_MAX_ITEMS } from '../shared/feedback';
import { HUNDREDTHS_LIMIT } from '../shared/tracking';
import { LONG_TEXT_MAX, NAME_MAX, progressProblem, textRuleProblem } from '../shared/limits';
import { isIsoDate, MAX_FEN } from '../shared/values';

export interface Fault {
  reason: string;
  params?: ErrorParams;
}
export type Check = (value: unknown) => Fault | null;

export const UUID = regexes.uuid(); // what `id` (z.uuid()) accepts
const STAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})$/;
/** Task codes as tasks.ts makes them (M001, M002 …), a label never reused within a project. */
const TASK_CODE = /^M\d{3,15}$/;

const fault = (reason: string, params?: ErrorParams): Fault => (params ? { reason, params } : { reason });
const notText = fault('invalid_type', { expected: 'string' });
const notInteger = fault('invalid_type', { expected: 'int' });
const notNumber = fault('invalid_type', { expected: 'number' });
export const REQUIRED = fault('required');

export function text(max: number, { required = false } = {}): Check {
  return (v) => {
    if (typeof v !== 'string') return notText;
    const broken = textRuleProblem(v, max);
    if (broken) return broken;
    if (required && v.trim().length === 0) return REQUIRED;
    return null;
  };
}

function pattern(re: RegExp, reason = 'invalid_format'): Check {
  const wrong = fault(reason);
  return (v) => (typeof v !== 'string' ? notText : re.test(v) ? null : wrong);
}

export function integer(min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER): Check {
  const small = fault('too_small', { limit: min });
  const big = fault('too_big', { limit: max });
  return (v) =>
    !Number.isSafeInteger(v) ? notInteger : (v as number) < min ? small : (v as number) > max ? big : null;
}

function real(min: number, max: number): Check {
  const small = fault('too_small', { limit: min });
  const big = fault('too_big', { limit: max });
  return (v) =>
    typeof v !== 'number' || !Number.isFinite(v) ? notNumber : v < min ? small : v > max ? big : null;
}

export function oneOf(values: readonly unknown[]): Check {
  const wrong = fault('invalid_value');
  return (v) => (values.includes(v) ? null : wrong);
}

export const nullable =
  (check: Check): Check =>
  (v) =>
    v === null ? null : check(v);

const invalidDate = fault('invalid_date');
export const id = pattern(UUID);
export const shortText = text(NAME_MAX);
/** A name as the app stores it: 1 to NAME_MAX characters, not only spaces. */
const nameText = text(NAME_MAX, { required: true });
/** isIsoDate builds a Date; a plan repeats the same few hundred dates, so answers are kept. */
const knownDates = new Map<string, boolean>();
const date: Check = (v) => {
  if (typeof v !== 'string') return notText;
  let ok = knownDates.get(v);
  if (ok === undefined) {
    ok = isIsoDate(v);
    if (v.length === 10) {
      if (knownDates.size >= 50_000) knownDates.clear();
      knownDates.set(v, ok);
    }
  }
  return ok ? null : invalidDate;
};
/** An instant as nowStamp() writes it (UTC ISO); not interpreted beyond display and ordering. */
export const stamp = pattern(STAMP);
const flag = oneOf([0, 1]);
const position = integer();
const percent: Check = (v) => (typeof v !== 'number' ? notInteger : progressProblem(v));
// The bounds of shared/values.ts's fen and shared/tracking.ts's hundredths (a test compares them),
// as numbers: the worker that reads files loads no schema.
const fen = integer(0, MAX_FEN);
const signedFen = integer(-MAX_FEN, MAX_FEN);
const hundredths = integer(-HUNDREDTHS_LIMIT, HUNDREDTHS_LIMIT);
const taskCode = pattern(TASK_CODE);

/** A JSON text holding what `inner` accepts (a list of the project's names, a snapshot's titles …). */
function json(inner: (parsed: unknown) => boolean, max = LONG_TEXT_MAX): Check {
  const wrong = fault('invalid_format');
  const base = text(max);
  return (v) => {
    const f = base(v);
    if (f) return f;
    try {
      return inner(JSON.parse(v as string)) ? null : wrong;
    } catch {
      return wrong;
    }
  };
}
const isName = (x: unknown) => typeof x === 'string' && nameText(x) === null;
const JSON_SHAPES = {
  /** A project's editable list: distinct names. */
  name_list: (p: unknown) =>
    Array.isArray(p) && p.length <= LIST_MAX_ITEMS && p.every(isName) && new Set(p).size === p.length,
  /** A snapshot's open issues: their titles. */
  title_list: (p: unknown) => Array.isArray(p) && p.every(isName),
  /** A snapshot's adjustments: title and status of each. */
  snapshot_adjustments: (p: unknown) =>
    Array.isArray(p) &&
    p.every(
      (a) =>
        typeof a === 'object' &&
        a !== null &&
        !Array.isArray(a) &&
        Object.keys(a).length === 2 &&
        isName((a as { title?: unknown }).title) &&
        (ADJUSTMENT_STATUSES as readonly unknown[]).includes((a as { status?: unknown }).status),
    ),
} as const;

/** Checks already made, shared by the columns that have the same kind (most of them). */
const made = new Map<string, Check>();

/** The check of a column as db/project-schema.ts describes it. */
export function checkOf(column: Column): Check {
  const { nullable: orNull, references: _r, mentions: _m, summed: _s, ...kind } = column;
  const key = JSON.stringify([kind, orNull]);
  let check = made.get(key);
  if (check) return check;
  check = kindCheck(kind as Column);
  if (orNull) check = nullable(check);
  made.set(key, check);
  return check;
}

function kindCheck(kind: Column): Check {
  switch (kind.type) {
    case 'id':
      return id;
    case 'text':
      return kind.max === NAME_MAX && !kind.required
        ? shortText
        : kind.max === NAME_MAX && kind.required
          ? nameText
          : text(kind.max, { required: kind.required ?? false });
    case 'date':
      return date;
    case 'instant':
      return stamp;
    case 'integer':
      return integer(kind.min, kind.max);
    case 'real':
      return real(kind.min, kind.max);
    case 'fen':
      return kind.signed ? signedFen : fen;
    case 'hundredths':
      return hundredths;
    case 'percent':
      return percent;
    case 'flag':
      return flag;
    case 'position':
      return position;
    case 'enum':
      return oneOf(kind.values);
    case 'task_code':
      return taskCode;
    case 'json':
      return json(JSON_SHAPES[kind.shape], kind.max);
  }
}
