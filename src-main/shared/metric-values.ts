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
