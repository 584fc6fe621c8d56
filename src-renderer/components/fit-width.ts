/**
 * A column wide enough for its longest text, so an exact value (ui.md: exact values in grid
 * cells) is never cut to "¥50,000,00…". Estimated from the characters (CJK full width, digits
 * and Latin about half) at the grid's 13 px font, plus the cell's padding; bounded so one huge
 * value cannot push the rest of the grid off screen (the tooltip still has it in full).
 */
const WIDE = /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]/;

export function textWidthPx(text: string): number {
  let width = 0;
  for (const ch of text) width += WIDE.test(ch) ? 13 : 7.6;
  return width;
}

export function fitColumnWidth(texts: readonly string[], min: number, max = 260): number {
  const widest = texts.reduce((w, text) => Math.max(w, textWidthPx(text)), 0);
  return Math.round(Math.min(max, Math.max(min, widest + 36)));
}
