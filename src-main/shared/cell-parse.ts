/**
 * Turns the text of a spreadsheet cell (pasted from Excel/WPS, or read from an imported file)
 * into the value a task field stores, the way a Chinese campaign owner writes it: 2024/5/1,
 * 2024年5月1日, ¥8,000.50, 8万, 60%, 是/否, "M001、M003". Pure; used by paste (renderer) and
 * import (main) alike, so both accept and refuse the same things.
 */
import type { TaskPatch } from './domain';
import { LONG_TEXT_MAX, NAME_MAX, progressProblem, textRuleProblem } from './limits';
import { isIsoDate, MAX_FEN, parseYuanToFen } from './values';

/** Table 2's columns that take typed text, in the template's order. */
export const TASK_TEXT_FIELDS = [
  'name',
  'deliverable',
  'ownerId',
  'start',
  'end',
  'budgetFen',
  'manpower',
  'tools',
  'criteria',
  'progress',
  'notes',
  'moduleId',
  'milestone',
  'blocked',
  'predecessorIds',
] as const;
export type TaskTextField = (typeof TASK_TEXT_FIELDS)[number];

export interface ParseContext {
  /** Team members by name (trimmed). */
  personByName: ReadonlyMap<string, string>;
  /** Modules by name (trimmed). */
  moduleByName: ReadonlyMap<string, string>;
  /** Tasks by code (M001 …). */
  taskByCode: ReadonlyMap<string, string>;
}

export type CellResult<T = unknown> =
  { ok: true; value: T } | { ok: false; reason: string; params?: Record<string, string | number> };

const ok = <T>(value: T): CellResult<T> => ({ ok: true, value });
const fail = (reason: string, params?: Record<string, string | number>): CellResult<never> => ({
  ok: false,
  reason,
  params,
});

const pad = (n: number) => String(n).padStart(2, '0');

/** 2024-05-01, 2024/5/1, 2024.5.1, 2024年5月1日 → 2024-05-01; null when it is not one of those. */
export function parseDateText(text: string): string | null {
  const m = /^\s*(\d{4})\s*(?:[-/.]|年)\s*(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})\s*日?\s*$/.exec(text);
  if (!m) return null;
  const iso = `${m[1]}-${pad(Number(m[2]))}-${pad(Number(m[3]))}`;
  return isIsoDate(iso) ? iso : null;
}

/**
 * A date as a plan writes it, in the plan's year where it leaves the year out: 2024-05-01,
 * 2024年5月1日, and 5月1日, 5/1, 5.1 (taking `year`). Null when it is not a date.
 */
export function parseDateInYear(text: string, year: number): string | null {
  const t = text.trim();
  const md = /^(\d{1,2})\s*(?:[/.]|月)\s*(\d{1,2})\s*日?$/.exec(t);
  return md ? parseDateText(`${year}-${md[1]}-${md[2]}`) : parseDateText(t);
}

/** 8万 / 1.5万元 → fen, by shifting the decimal point in the text (never a float). */
function parseWan(text: string): number | null {
  const m = /^[¥￥]?\s*(\d+)(?:\.(\d{1,6}))?\s*万\s*元?$/.exec(text.replace(/[,，]/g, ''));
  if (!m) return null;
  const digits = `${m[1]}${(m[2] ?? '').padEnd(6, '0')}`; // yuan × 10^4 × 10^2 = fen
  const value = Number(digits);
  return Number.isSafeInteger(value) && value <= MAX_FEN ? value : null;
}

/** 8k / 1.5K (thousands of yuan) → fen, by shifting the decimal point in the text. */
function parseThousands(text: string): number | null {
  const m = /^[¥￥]?\s*(\d+)(?:\.(\d{1,5}))?\s*[kK]\s*元?$/.exec(text.replace(/[,，]/g, ''));
  if (!m) return null;
  const value = Number(`${m[1]}${(m[2] ?? '').padEnd(5, '0')}`); // yuan × 10^3 × 10^2 = fen
  return Number.isSafeInteger(value) && value <= MAX_FEN ? value : null;
}

/** The label people put before an amount: 预算3.5万元, 费用：5000, Budget: 8k. */
const MONEY_LABEL = /^(?:预算|费用|经费|成本|花费|投入|budget|cost)\s*[:：]?\s*/i;

/**
 * An amount as people write it, in fen: ¥8,000 · 8000元 · 8,000.50 · 8万 · 3.5万元 · 8k ·
 * 预算3.5万元 · 费用：5000. Null when the text is not an amount (外包, 待定, 2人).
 */
export function parseMoneyText(text: string): number | null {
  const t = text.trim().replace(MONEY_LABEL, '');
  if (!t) return null;
  return parseYuanToFen(t) ?? parseWan(t) ?? parseThousands(t);
}

/** A part of 所需资源 that speaks of people: 文案1人, 2人, 全组, 外包, 运营. */
const PEOPLE =
  /\d+\s*(?:人|名|位)|人员|人力|全组|组|团队|部门|外包|同事|兼职|主管|经理|专员|编辑|设计师|运营|文案|主播|达人|KOL/i;

/**
 * The template's 所需资源(预算/人力/工具) as people write it — "预算3.5万元/文案1人/秀米",
 * "2人/剪映", "全组", "¥8,000", "外包" — split on "/" into its parts: the first part that reads as
 * an amount is the budget; parts that speak of people are 人力; the rest are 工具. Nothing is
 * refused: a free-text column is kept as text.
 */
export function splitResources(text: string): { budgetFen: number | null; manpower: string; tools: string } {
  let budgetFen: number | null = null;
  const people: string[] = [];
  const tools: string[] = [];
  for (const part of text.split(/[/／\n]/)) {
    const p = part.trim();
    if (!p) continue;
    const fen: number | null = budgetFen === null ? parseMoneyText(p) : null;
    if (fen !== null) budgetFen = fen;
    else if (PEOPLE.test(p)) people.push(p);
    else tools.push(p);
  }
  return { budgetFen, manpower: people.join(' / '), tools: tools.join(' / ') };
}

/** The diamond a Gantt-minded owner marks a milestone with, in any of its shapes. */
const DIAMOND = /[◆◇♦❖]/;

/**
 * Where the template has no 里程碑 column: a note saying 里程碑 or a ◆ in the task's name or note
 * marks the milestone. The name is given back without the diamond.
 */
export function milestoneFromText(name: string, notes: string): { milestone: boolean; name: string } {
  const marked = DIAMOND.test(name) || DIAMOND.test(notes) || notes.includes('里程碑');
  return { milestone: marked, name: name.replace(/[◆◇♦❖]/g, '').trim() };
}

/**
 * An amount of money as people type it anywhere in the app — a task's budget, the project's
 * 预算, a 预算花费 entry, a pasted or imported cell: 8000, 8,000.50, ¥8000, 8000元, 8万, 1.5万元.
 * Blank is no amount (null). A negative amount is refused as such ("金额不能为负数"), anything
 * else unreadable as not_amount with the text, so the message can say what was typed.
 */
export function parseAmountText(raw: string): CellResult<number | null> {
  const text = raw.trim();
  if (!text) return ok(null);
  if (/^[-−–]\s*[¥￥]?\s*\d/.test(text) || /^[¥￥]\s*[-−–]/.test(text))
    return fail('negative_amount', { text });
  const fen = parseMoneyText(text);
  return fen === null ? fail('not_amount', { text }) : ok(fen);
}

/** Columns of free text and the most characters each may hold. */
const TEXT_LIMIT: Partial<Record<TaskTextField, number>> = {
  name: NAME_MAX,
  deliverable: LONG_TEXT_MAX,
  manpower: LONG_TEXT_MAX,
  tools: LONG_TEXT_MAX,
  criteria: LONG_TEXT_MAX,
  notes: LONG_TEXT_MAX,
};

const TRUE_WORDS = new Set(['是', 'y', 'yes', 'true', '1', '√', '✓', '✔', 'x', '里程碑', '受阻']);
const FALSE_WORDS = new Set(['否', 'n', 'no', 'false', '0', '']);

export function parseTaskCell(field: TaskTextField, raw: string, ctx: ParseContext): CellResult {
  // Word pastes a soft line break as a vertical tab and a page break as a form feed.
  const text = raw
    .replace(/\r/g, '')
    .replace(/[\v\f]/g, '\n')
    .trim();
  // The contract's rule: a text column's length, then any cell's characters.
  const broken = textRuleProblem(text, TEXT_LIMIT[field] ?? Infinity);
  if (broken) return fail(broken.reason, broken.params);
  switch (field) {
    case 'name':
      return text ? ok(text) : fail('required');
    case 'deliverable':
    case 'manpower':
    case 'tools':
    case 'criteria':
    case 'notes':
      return ok(text);
    case 'ownerId': {
      if (!text) return ok(null);
      const id = ctx.personByName.get(text);
      return id ? ok(id) : fail('unknown_person', { name: text });
    }
    case 'moduleId': {
      if (!text) return ok(null);
      const id = ctx.moduleByName.get(text);
      return id ? ok(id) : fail('unknown_module', { name: text });
    }
    case 'start':
    case 'end': {
      if (!text) return ok(null);
      return parseDateText(text) ? ok(parseDateText(text)) : fail('invalid_date', { text });
    }
    case 'budgetFen':
      return parseAmountText(text);
    case 'progress': {
      const m = /^(-?\d+(?:\.\d+)?)\s*%?$/.exec(text);
      if (!m) return fail('not_integer', { text });
      const n = Number(m[1]);
      if (!Number.isInteger(n)) return fail('not_integer', { text });
      const outOfRange = progressProblem(n);
      return outOfRange ? fail(outOfRange.reason, outOfRange.params) : ok(n);
    }
    case 'milestone':
    case 'blocked': {
      const word = text.toLowerCase();
      if (TRUE_WORDS.has(word)) return ok(true);
      if (FALSE_WORDS.has(word)) return ok(false);
      return fail('not_yes_no', { text });
    }
    case 'predecessorIds': {
      if (!text) return ok([]);
      const codes = text.split(/[\s,，、;；]+/).filter(Boolean);
      const ids: string[] = [];
      for (const code of codes) {
        const id = ctx.taskByCode.get(code.toUpperCase());
        if (!id) return fail('unknown_task_code', { code });
        ids.push(id);
      }
      return ok([...new Set(ids)]);
    }
  }
}

/**
 * Parses a whole row of cells; returns the patch and every cell that could not be read. A row's
 * own checks across fields (end ≥ start …) are the services' job.
 */
export function parseTaskRow(
  cells: Partial<Record<TaskTextField, string>>,
  ctx: ParseContext,
): {
  patch: TaskPatch;
  problems: { field: TaskTextField; reason: string; params?: Record<string, string | number> }[];
} {
  const patch: Record<string, unknown> = {};
  const problems: { field: TaskTextField; reason: string; params?: Record<string, string | number> }[] = [];
  for (const field of TASK_TEXT_FIELDS) {
    const text = cells[field];
    if (text === undefined) continue;
    const result = parseTaskCell(field, text, ctx);
    if (result.ok) patch[field] = result.value;
    else problems.push({ field, reason: result.reason, params: result.params });
  }
  return { patch: patch as TaskPatch, problems };
}

/**
 * The template's single 起止时间 column ("2024-05-01~2024-05-31", "5月1日-7月31日",
 * "2024年5月1日–7月31日"): the two dates. An end without a year takes the start's; a start
 * without one takes `year`.
 */
export function parsePeriodText(text: string, year: number): { start: string; end: string } | null {
  const withYear = (part: string, fallbackYear: number | string) => {
    const p = part.trim();
    if (/^\d{4}/.test(p)) return parseDateText(p);
    const m = /^(\d{1,2})\s*(?:[/.]|月)\s*(\d{1,2})\s*日?$/.exec(p);
    return m ? parseDateText(`${fallbackYear}-${m[1]}-${m[2]}`) : null;
  };
  const pair = (left: string, right: string) => {
    const start = withYear(left, year);
    const end = start ? withYear(right, start.slice(0, 4)) : null;
    return start && end ? { start, end } : null;
  };
  for (const sep of ['~', '～', '至', '到', '—', '–']) {
    const parts = text.split(sep);
    if (parts.length === 2) return pair(parts[0]!, parts[1]!);
  }
  // A plain hyphen also appears inside ISO dates: try each one as the divider.
  for (let i = text.indexOf('-'); i >= 0; i = text.indexOf('-', i + 1)) {
    const found = pair(text.slice(0, i), text.slice(i + 1));
    if (found) return found;
  }
  return null;
}
