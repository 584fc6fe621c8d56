/**
 * The limits on what the app stores — how long a text may be, which characters it may hold, the
 * range of a progress figure — and the one way each is refused. The contract (zod, through the
 * router), the cell parser (paste and import), the project-file validator and the grids all use
 * these numbers and answer with these reasons, so a value is refused for the same reason, worded
 * the same, wherever it comes in.
 *
 * The reasons are the ones the router makes of a zod refusal (`too_big` / `too_small` with
 * params.limit and params.origin), so a check done here reads exactly like the contract's own.
 */
/** A name (project, person, module, task …): 1 to NAME_MAX characters. */
export const NAME_MAX = 200;
/** Free text of a cell; long but bounded so a pasted novel cannot bloat the file. */
export const LONG_TEXT_MAX = 10_000;
/** 当前进度 is a whole percentage. */
export const PROGRESS_MIN = 0;
export const PROGRESS_MAX = 100;

/** Why a value breaks a rule, in the terms the renderer words (errors.reason.*). */
export interface RuleProblem {
  reason: string;
  /** The same shape as an error's params (errors.ts's ErrorParams). */
  params?: Record<string, string | number>;
}

// C0 controls except tab (09), line feed (0A) and carriage return (0D).
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/;

/**
 * Whether text holds a control character the app refuses (NUL, BEL, ESC …; not tab or line
 * breaks). Refused in every payload (the router) and in every project file (validate.ts), so a
 * value the app stored can always travel in a file.
 */
export function hasControlCharacter(text: string): boolean {
  return CONTROL_CHARACTER.test(text);
}

// Half of a surrogate pair without its other half: with the `u` flag the range matches only
// unpaired halves (a paired emoji is one code point and does not match).
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

/**
 * Whether text is ill-formed UTF-16 (a lone surrogate, e.g. "\ud800"). SQLite would store it as
 * invalid UTF-8 and read it back as replacement characters, so it is refused like a control
 * character: in every payload and in every project file.
 */
export function hasLoneSurrogate(text: string): boolean {
  return LONE_SURROGATE.test(text);
}

/** Why a text cannot be stored as it is, or null: the one check for payloads, pastes and files. */
export function textProblem(text: string): 'control_character' | 'ill_formed_text' | null {
  if (hasControlCharacter(text)) return 'control_character';
  if (hasLoneSurrogate(text)) return 'ill_formed_text';
  return null;
}

/** The refusal of a text longer than `limit` characters, as zod's `.max(limit)` words it. */
export function tooLong(limit: number): RuleProblem {
  return { reason: 'too_big', params: { limit, origin: 'string' } };
}

/**
 * Why a text of at most `limit` characters cannot be stored, or null: its length first, then its
 * characters — the order in which the contract finds them (zod's `.max` before its refinements).
 */
export function textRuleProblem(text: string, limit: number): RuleProblem | null {
  if (text.length > limit) return tooLong(limit);
  const problem = textProblem(text);
  return problem ? { reason: problem } : null;
}

/** Why a number is not a progress figure (a whole number from 0 to 100), or null. */
export function progressProblem(value: number): RuleProblem | null {
  if (!Number.isSafeInteger(value)) return { reason: 'invalid_type', params: { expected: 'int' } };
  if (value < PROGRESS_MIN) return { reason: 'too_small', params: { limit: PROGRESS_MIN, origin: 'number' } };
  if (value > PROGRESS_MAX) return { reason: 'too_big', params: { limit: PROGRESS_MAX, origin: 'number' } };
  return null;
}
