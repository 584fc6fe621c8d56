import { parsePeriodText } from '../../shared/cell-parse';

/**
 * A 起止时间 / 时间周期 cell: the template's "5月1日-7月31日" or "2024-05-01~2024-05-31" (the year
 * supplied where the text leaves it out), a single date (a one-day task), or an open end such
 * as "2024-05-01~" as our export writes a period with one date missing. Null when unreadable.
 */
export function parsePeriodCell(
  text: string,
  year: number,
): { start: string | null; end: string | null } | null {
  const t = text.trim();
  if (!t) return { start: null, end: null };
  const both = parsePeriodText(t, year);
  if (both) return both;
  const single = dateOf(t, year);
  if (single) return { start: single, end: single };
  const open = /^(.*?)\s*[~～至到]\s*(.*)$/.exec(t);
  if (open) {
    const [, left = '', right = ''] = open;
    const start = left ? dateOf(left, year) : null;
    const end = right ? dateOf(right, year) : null;
    if ((start || end) && (!left || start) && (!right || end)) return { start, end };
  }
  return null;
}

/** One date with the same rules as either side of a period (the shared parser's own). */
export function dateOf(text: string, year: number): string | null {
  return parsePeriodText(`${text}~${text}`, year)?.start ?? null;
}

/** A period as our export writes it: unambiguous ISO dates, either side may be empty. */
export function formatPeriodCell(start: string | null, end: string | null): string {
  return start || end ? `${start ?? ''}~${end ?? ''}` : '';
}
