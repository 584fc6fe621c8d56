/**
 * Value rules shared by the services (which enforce them) and the renderer (which parses what
 * the user typed). Pure functions, no dependencies beyond zod.
 */
import { z } from 'zod';
import {
  hasControlCharacter,
  hasLoneSurrogate,
  LONG_TEXT_MAX,
  NAME_MAX,
  PROGRESS_MAX,
  PROGRESS_MIN,
} from './limits';

// The text and progress rules live in limits.ts; these names stay importable from here.
export { hasControlCharacter, hasLoneSurrogate, LONG_TEXT_MAX, NAME_MAX, textProblem } from './limits';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written YYYY-MM-DD (2024-02-30 is not one). */
export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1) return false;
  // Day 0 of the next month is the last day of this one; UTC so no time zone can shift it.
  const last = new Date(0);
  last.setUTCFullYear(y, mo, 0); // setUTCFullYear, unlike Date.UTC, keeps years 0–99 as written
  const daysInMonth = last.getUTCDate();
  return d <= daysInMonth;
}

/**
 * Calendar dates are text (YYYY-MM-DD), never Date objects or timestamps: a date entered in
 * Beijing must read the same on a laptop set to any other zone.
 */
export const isoDate = z.string().refine(isIsoDate, { params: { reason: 'invalid_date' } });

/** Whole days from a to b (both ISO dates), computed in UTC so no zone or DST can shift it. */
export function daysBetween(a: string, b: string): number {
  const toUtc = (s: string) =>
    Date.UTC(Number(s.slice(0, 4)), Number(s.slice(5, 7)) - 1, Number(s.slice(8, 10)));
  return Math.round((toUtc(b) - toUtc(a)) / 86_400_000);
}

/** Today's calendar date where the user is (local zone), as YYYY-MM-DD. */
export function todayIso(now: Date = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}

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
export const fen = z.int().min(0).max(MAX_FEN);

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
export const progress = z.int().min(PROGRESS_MIN).max(PROGRESS_MAX);

/** Free text of a cell; long but bounded so a pasted novel cannot bloat the file. */
export const longText = z
  .string()
  .max(LONG_TEXT_MAX)
  .refine((t) => !hasControlCharacter(t), { params: { reason: 'control_character' } })
  .refine((t) => !hasLoneSurrogate(t), { params: { reason: 'ill_formed_text' } });
export const name = z
  .string()
  .trim()
  .min(1)
  .max(NAME_MAX)
  .refine((t) => !hasControlCharacter(t), { params: { reason: 'control_character' } })
  .refine((t) => !hasLoneSurrogate(t), { params: { reason: 'ill_formed_text' } });

/** Record identities are UUIDv7: unique across laptops, so copies of a project can be merged. */
export const id = z.uuid();
