/**
 * A date field's text in the UI language (not the browser's locale), and the text a user types
 * read back to YYYY-MM-DD with the app's shared date parser. Pure, so unit tests cover it.
 */
import { parseDateInYear } from '../../src-main/shared/cell-parse';

const EN_MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** 2024-05-01 → 2024年5月1日 (zh) / May 1, 2024 (en): the long form, unambiguous in both. */
export function dateInputText(iso: string, language: string): string {
  if (!iso) return '';
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return new Intl.DateTimeFormat(language.startsWith('zh') ? 'zh-CN' : 'en-US', {
    year: 'numeric',
    month: language.startsWith('zh') ? 'long' : 'short',
    day: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(y, m - 1, d)));
}

/**
 * What the user typed as YYYY-MM-DD, '' for an empty field, null when it is not a date.
 * Accepts 2024-05-01, 2024/5/1, 2024年5月1日, 5月1日 and 5/1 (in `year`), and the English form the
 * field shows (May 1, 2024 / 1 May 2024).
 */
export function parseDateInput(text: string, year: number): string | null {
  const t = text.trim();
  if (!t) return '';
  const en = /^([a-z]{3})[a-z]*\.?\s+(\d{1,2}),?\s*(\d{4})?$/i.exec(t);
  if (en) {
    const month = EN_MONTHS.indexOf((en[1] ?? '').toLowerCase());
    if (month >= 0) return parseDateInYear(`${en[3] ?? year}-${month + 1}-${en[2]}`, year);
  }
  const dm = /^(\d{1,2})\s+([a-z]{3})[a-z]*\.?,?\s*(\d{4})?$/i.exec(t);
  if (dm) {
    const month = EN_MONTHS.indexOf((dm[2] ?? '').toLowerCase());
    if (month >= 0) return parseDateInYear(`${dm[3] ?? year}-${month + 1}-${dm[1]}`, year);
  }
  return parseDateInYear(t, year);
}
