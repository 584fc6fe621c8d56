/**
 * What a user types as a metric value, in hundredths (the storage unit of metrics): "5%" → 500,
 * "3.25" → 325, "10万" → 10,000,000, "¥12.30" → 1,230, "1.2亿" → 12,000,000,000. String
 * arithmetic, never a binary float. Null when it is not a number.
 */
export function parseHundredths(text: string): number | null {
  const cleaned = text.replace(/[,，\s¥￥元台次人单%]/g, '');
  const m = /^(-?)(\d+)(?:\.(\d+))?(万|亿)?$/.exec(cleaned);
  if (!m) return null;
  const [, sign, whole, fraction = '', unit] = m;
  const shift = 2 + (unit === '万' ? 4 : unit === '亿' ? 8 : 0); // decimal places to move right
  if (fraction.length > shift) return null; // more precision than hundredths can hold
  const value = Number(`${whole}${fraction.padEnd(shift, '0')}`);
  if (!Number.isSafeInteger(value) || value > 1e15) return null;
  return sign === '-' ? -value : value;
}

/** Hundredths back to the plain text the parser reads ("3.25", "100000"). */
export function hundredthsToText(valueC: number): string {
  const sign = valueC < 0 ? '-' : '';
  const abs = Math.abs(valueC);
  const cents = abs % 100;
  return `${sign}${Math.floor(abs / 100)}${cents ? `.${String(cents).padStart(2, '0').replace(/0$/, '')}` : ''}`;
}

type MetricKind = 'count' | 'percent' | 'money';

/**
 * What a user types into a metric's target, baseline or value, read for that metric: its own
 * unit may follow the number ("10万台", "500篇", "¥5,000万", "240%"), and 万/亿/¥/% are read by
 * parseHundredths. A percent metric (转化率, ROI) reads a bare number as percent ("3" → 3%), and
 * "2.4倍" / "2.4x" as the ratio it is (240%), so an ROI can be typed either way.
 */
export function parseMetricInput(text: string, kind: MetricKind, unit: string): number | null {
  let cleaned = text.trim();
  const ownUnit = unit.trim();
  if (ownUnit && cleaned.endsWith(ownUnit)) cleaned = cleaned.slice(0, -ownUnit.length).trim();
  if (kind === 'percent') {
    const times = /^(-?\d+(?:\.\d+)?)\s*(?:倍|x|×)$/i.exec(cleaned);
    if (times) {
      const pct = parseHundredths(times[1]!);
      // "2.4倍" is 2.4 × 100% = 240% → 24,000 hundredths.
      return pct === null ? null : pct * 100;
    }
  }
  return parseHundredths(cleaned);
}

const editFormats = new Map<string, Intl.NumberFormat>();
function editFormat(language: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${language}|${JSON.stringify(options)}`;
  let f = editFormats.get(key);
  if (!f) editFormats.set(key, (f = new Intl.NumberFormat(language, options)));
  return f;
}

/**
 * The text an editor opens with: the exact value as the cell shows it, never the stored
 * hundredths ("3%", "¥50,000,000.00", "100,000台"), and always something parseMetricInput
 * reads back to the same value.
 */
export function metricEditText(valueC: number, kind: MetricKind, unit: string, language: string): string {
  if (kind === 'money') {
    return `¥${editFormat(language, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(valueC / 100)}`;
  }
  const number = editFormat(language, { maximumFractionDigits: 2 }).format(valueC / 100);
  if (kind === 'percent') return `${number}%`;
  const own = unit.trim();
  return own ? (language.startsWith('zh') ? `${number}${own}` : `${number} ${own}`) : number;
}
