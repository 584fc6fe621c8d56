/**
 * Value rules shared by the services (which enforce them) and the renderer (which parses what
 * the user typed). Pure functions, no dependencies beyond zod.
 */
import { z } from 'zod';
import { isIsoDate } from './calendar';
import {
  hasControlCharacter,
  hasLoneSurrogate,
  LONG_TEXT_MAX,
  NAME_MAX,
  PROGRESS_MAX,
  PROGRESS_MIN,
} from './limits';

// The text and progress rules live in limits.ts, the calendar in calendar.ts; these names stay
// importable from here.
export { hasControlCharacter, hasLoneSurrogate, LONG_TEXT_MAX, NAME_MAX, textProblem } from './limits';
export { daysBetween, isIsoDate, todayIso } from './calendar';

/**
 * Calendar dates are text (YYYY-MM-DD), never Date objects or timestamps: a date entered in
 * Beijing must read the same on a laptop set to any other zone.
 */
export const isoDate = /* @__PURE__ */ z.string().refine(isIsoDate, { params: { reason: 'invalid_date' } });

/**
 * Money is stored as integer fen (1/100 yuan) so sums are exact. Two bounds keep every sum the
 * app computes a safe integer (below 2^53 ≈ 9.007 × 10^15), however many rows a project has:
 *
 * - one amount is at most MAX_FEN = 10^12 fen (¥10,000,000,000.00, 100亿元) — the contract, the
 *   cell parser, the file validator and the database's triggers (migration 6) all use this bound;
 * - a project's total of one kind (its tasks' budgets, its spend, one metric's recorded values)
 *   is at most MAX_TOTAL = 10^15, checked in the same transaction as every write that adds to it
 *   (services/totals.ts) and by the file validator.
 *
 * Every sum the app shows is a part of one such total (a module's budget, a parent task's
 * roll-up) or a sum of at most a few of them (budget and spend), so it stays below 9 × 10^15.
 */
export const MAX_FEN = 1_000_000_000_000;
export const MAX_TOTAL = 1_000_000_000_000_000;
export const fen = /* @__PURE__ */ z.int().min(0).max(MAX_FEN);

/**
 * Parses what a user types as an amount of yuan ("12,000", "¥1 234.5", "3.20") into fen by
 * string arithmetic, never through a binary float. Returns null when it is not an amount
 * (negative, more than two decimals, letters).
 */
export function parseYuanToFen(text: string): number | null {
  const cleaned = text.replace(/[¥￥,，\s]/g, '').replace(/元$/, '');
  const m = /^(\d+)(?:\.(\d{0,2}))?$/.exec(cleaned);
  if (!m) return null;
  const whole = m[1] ?? '0';
  const cents = (m[2] ?? '').padEnd(2, '0');
  const value = Number(whole) * 100 + Number(cents);
  return Number.isSafeInteger(value) && value <= MAX_FEN ? value : null;
}

/** Fen to a plain decimal string ("1234.50"), exact. */
export function fenToYuanText(value: number): string {
  const sign = value < 0 ? '-' : '';
  const abs = Math.abs(value);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** 当前进度: a whole percentage (the range and its refusal are shared/limits.ts's). */
export const progress = /* @__PURE__ */ z.int().min(PROGRESS_MIN).max(PROGRESS_MAX);

/** Free text of a cell; long but bounded so a pasted novel cannot bloat the file. */
export const longText = /* @__PURE__ */ z
  .string()
  .max(LONG_TEXT_MAX)
  .refine((t) => !hasControlCharacter(t), { params: { reason: 'control_character' } })
  .refine((t) => !hasLoneSurrogate(t), { params: { reason: 'ill_formed_text' } });
export const name = /* @__PURE__ */ z
  .string()
  .trim()
  .min(1)
  .max(NAME_MAX)
  .refine((t) => !hasControlCharacter(t), { params: { reason: 'control_character' } })
  .refine((t) => !hasLoneSurrogate(t), { params: { reason: 'ill_formed_text' } });

/** Record identities are UUIDv7: unique across laptops, so copies of a project can be merged. */
export const id = /* @__PURE__ */ z.uuid();
