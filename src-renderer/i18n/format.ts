/**
 * Numbers, money and dates the way the user's locale writes them (zh-CN: ¥1,234.50, 10万,
 * 2024/5/1). Exact values in grid cells, compact ones in cards.
 */
import { daysBetween } from '../../src-main/shared/values';

// Building an Intl formatter costs far more than using one; grids format thousands of cells.
const numberFormats = new Map<string, Intl.NumberFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();
function numberFormat(lng: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${lng}|${JSON.stringify(options)}`;
  let f = numberFormats.get(key);
  if (!f) numberFormats.set(key, (f = new Intl.NumberFormat(lng, options)));
  return f;
}
function dateFormat(lng: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${lng}|${JSON.stringify(options)}`;
  let f = dateFormats.get(key);
  if (!f) dateFormats.set(key, (f = new Intl.DateTimeFormat(lng, options)));
  return f;
}

export function formatMoney(fen: number | null | undefined, lng: string): string {
  if (fen == null) return '';
  return numberFormat(lng, {
    style: 'currency',
    currency: 'CNY',
    currencyDisplay: 'narrowSymbol',
    minimumFractionDigits: 2,
  }).format(fen / 100);
}

export function formatCompactMoney(fen: number, lng: string): string {
  return numberFormat(lng, {
    style: 'currency',
    currency: 'CNY',
    currencyDisplay: 'narrowSymbol',
    notation: 'compact',
    maximumFractionDigits: 1,
  }).format(fen / 100);
}

export function formatPercent(value: number, lng: string): string {
  return numberFormat(lng, { style: 'percent', maximumFractionDigits: 1 }).format(value / 100);
}

/** A calendar date (YYYY-MM-DD) in the locale's short form, without any time zone shift. */
export function formatDate(iso: string | null | undefined, lng: string, withYear = true): string {
  if (!iso) return '';
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  // zh-CN: 2024/5/1 in cells, 5月1日 in compact places; en: 5/1/2024, May 1.
  const options: Intl.DateTimeFormatOptions = withYear
    ? { year: 'numeric', month: 'numeric', day: 'numeric', timeZone: 'UTC' }
    : { month: lng.startsWith('zh') ? 'long' : 'short', day: 'numeric', timeZone: 'UTC' };
  return dateFormat(lng, options).format(new Date(Date.UTC(y, m - 1, d)));
}

/**
 * A period the way the locale writes it: 2024年5月1日–7月31日 / May 1–Jul 31, 2024; the year on
 * both ends when the period crosses a year.
 */
export function formatPeriod(start: string | null, end: string | null, lng: string): string {
  if (!start && !end) return '';
  if (!start || !end) return `${formatDate(start, lng) || '…'}–${formatDate(end, lng) || '…'}`;
  const zh = lng.startsWith('zh');
  const sameYear = start.slice(0, 4) === end.slice(0, 4);
  const long = (iso: string, withYear: boolean) => {
    const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
    return dateFormat(lng, {
      year: withYear ? 'numeric' : undefined,
      month: zh ? 'long' : 'short',
      day: 'numeric',
      timeZone: 'UTC',
    }).format(new Date(Date.UTC(y, m - 1, d)));
  };
  if (!sameYear) return `${long(start, true)}–${long(end, true)}`;
  return zh ? `${long(start, true)}–${long(end, false)}` : `${long(start, false)}–${long(end, true)}`;
}

export { daysBetween };

/** A moment (ISO 8601, UTC) in the user's local time: 2026/11/26 20:30:05 / 11/26/2026, 08:30:05 PM. */
export function formatDateTime(iso: string, lng: string): string {
  return dateFormat(lng, {
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).format(new Date(iso));
}

/** A file size: 230 kB, 7.5 MB. */
export function formatBytes(bytes: number, lng: string): string {
  const mb = bytes >= 1024 * 1024;
  return numberFormat(lng, {
    style: 'unit',
    unit: mb ? 'megabyte' : 'kilobyte',
    maximumFractionDigits: mb ? 1 : 0,
  }).format(bytes / (mb ? 1024 * 1024 : 1024));
}

/**
 * A date in a grid cell, one style in every grid (ui.md): 5月1日 / May 1, with the year only when
 * it is not the campaign's year (2023年12月28日 / Dec 28, 2023). Editors keep 2024-05-01.
 */
export function formatCellDate(
  iso: string | null | undefined,
  lng: string,
  campaignYear: number | null,
): string {
  if (!iso) return '';
  const year = Number(iso.slice(0, 4));
  if (campaignYear === null || year === campaignYear) return formatDate(iso, lng, false);
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return dateFormat(lng, {
    year: 'numeric',
    month: lng.startsWith('zh') ? 'long' : 'short',
    day: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(y, m - 1, d)));
}

/** The campaign's year for formatCellDate: its start's, else its end's, else none. */
export function campaignYear(project: { start: string | null; end: string | null }): number | null {
  const date = project.start ?? project.end;
  return date ? Number(date.slice(0, 4)) : null;
}
