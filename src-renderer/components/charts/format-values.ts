/**
 * Numbers of the charts, the way ui.md asks: compact on axes and labels (10万, 1.2亿, ¥3.5万),
 * exact in tooltips (3.25%, ¥12,300.00, 41,234台). Metric numbers arrive as integer hundredths
 * ("_c", see src-main/shared/tracking.ts): a percent metric's 3.25% is 325, money is in fen, a
 * count of 100,000 is 10,000,000. Pure functions over Intl, so they run in the unit tests too.
 */
import { formatMoney } from '../../i18n/format';

export type ValueKind = 'count' | 'percent' | 'money';

/** U+2212: a real minus sign, as wide as the plus, so "−40%" and "+15%" line up in labels. */
const MINUS = '\u2212';

const formatters = new Map<string, Intl.NumberFormat>();
/** Intl.NumberFormat is slow to build and axis formatters run per tick per frame: keep them. */
function nf(language: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${language}|${JSON.stringify(options)}`;
  let f = formatters.get(key);
  if (!f) formatters.set(key, (f = new Intl.NumberFormat(language, options)));
  return f;
}

/** Hyphen-minus from Intl becomes the typographic minus. */
const typographic = (text: string) => text.replace(/^-/, MINUS).replace(/(\s|^)-/g, `$1${MINUS}`);

/** 100000 → "10万" (zh-CN), "100K" (en); small numbers stay as they are. */
export function formatCompactNumber(value: number, language: string, maximumFractionDigits = 1): string {
  return typographic(nf(language, { notation: 'compact', maximumFractionDigits }).format(value));
}

/** A plain percentage number (60 for 60%): "60%", "8.5%"; `signed` adds + to gains ("+15%"). */
export function formatPercentNumber(percent: number, language: string, signed = false): string {
  const text = nf(language, {
    style: 'percent',
    maximumFractionDigits: 1,
    signDisplay: signed ? 'exceptZero' : 'auto',
  }).format(percent / 100);
  return typographic(text);
}

/** A difference in percentage points or units: "+15", "−3.5", "0". */
export function formatSignedNumber(value: number, language: string): string {
  return typographic(nf(language, { maximumFractionDigits: 1, signDisplay: 'exceptZero' }).format(value));
}

/** The unit after a count: "4万台" in Chinese, "40K units" elsewhere; none for an empty unit. */
function withUnit(text: string, unit: string, language: string): string {
  if (!unit) return text;
  return language.startsWith('zh') ? `${text}${unit}` : `${text} ${unit}`;
}

/**
 * The exact value of a metric number in hundredths, by kind: 325 → "3.25%", 1230000 → "¥12,300.00",
 * 4000000 (count) → "4万台". A count takes the compact form only when it is lossless (40,000 →
 * 4万, but 41,234 stays 41,234): that is how users write round counts and it hides nothing.
 */
export function formatExact(valueC: number, kind: ValueKind, unit: string, language: string): string {
  if (kind === 'money') return typographic(formatMoney(valueC, language));
  const value = valueC / 100;
  if (kind === 'percent') return typographic(nf(language, { maximumFractionDigits: 2 }).format(value)) + '%';
  const short = nf(language, { notation: 'compact', maximumFractionDigits: 2 }).format(value);
  // Same text with 15 fraction digits: nothing was rounded away (15, not 20: binary noise of
  // e.g. 4.12 starts after the 15th digit).
  const full = nf(language, { notation: 'compact', maximumFractionDigits: 15 }).format(value);
  const text = short === full ? short : nf(language, { maximumFractionDigits: 2 }).format(value);
  return withUnit(typographic(text), unit, language);
}

/**
 * ¥10万, ¥1.2亿. Not i18n/format.ts's formatCompactMoney: that one keeps the currency's decimals
 * ("¥10.0万"), fine in a card, noise on every tick of an axis.
 */
function compactMoney(fen: number, language: string): string {
  return nf(language, {
    style: 'currency',
    currency: 'CNY',
    currencyDisplay: 'narrowSymbol',
    notation: 'compact',
    minimumFractionDigits: 0,
    maximumFractionDigits: 1,
  }).format(fen / 100);
}

/** The compact value, for bar labels and cards: "3.3%", "¥3.5万", "4.1万台". */
export function formatCompact(valueC: number, kind: ValueKind, unit: string, language: string): string {
  if (kind === 'money') return typographic(compactMoney(valueC, language));
  if (kind === 'percent') return formatPercentNumber(valueC / 100, language);
  return withUnit(formatCompactNumber(valueC / 100, language), unit, language);
}

/** An axis tick of hundredths: like formatCompact but without the unit (the axis name says it). */
export function formatAxisValue(valueC: number, kind: ValueKind, language: string): string {
  return formatCompact(valueC, kind, '', language);
}

// ---- Calendar dates on time axes. The charts run with useUTC, so a date is its UTC midnight. ----

const DAY_MS = 86_400_000;

/** "2024-05-01" → the timestamp of its UTC midnight. */
export function dateToTime(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d);
}

/** Timestamp → "2024-05-01" (UTC). */
export function timeToDate(time: number): string {
  return new Date(time).toISOString().slice(0, 10);
}

/** The end of a calendar day (the next day's midnight): a task ending 5月10日 covers that day. */
export function endOfDay(iso: string): number {
  return dateToTime(iso) + DAY_MS;
}

export { DAY_MS };
