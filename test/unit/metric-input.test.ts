import { describe, expect, it } from 'vitest';
import { metricEditText, parseMetricInput } from '../../src-main/shared/metric-values';

describe('what a user types for a metric (issue 14, item 1)', () => {
  it('reads 万/亿/¥/% and the metric’s own unit into hundredths', () => {
    expect(parseMetricInput('5000万', 'money', '元')).toBe(5_000_000_000); // ¥50,000,000.00
    expect(parseMetricInput('¥1.2亿', 'money', '元')).toBe(12_000_000_000);
    expect(parseMetricInput('¥50,000,000.00', 'money', '元')).toBe(5_000_000_000);
    expect(parseMetricInput('10万台', 'count', '台')).toBe(10_000_000);
    expect(parseMetricInput('500篇', 'count', '篇')).toBe(50_000);
    expect(parseMetricInput('100,000 units', 'count', 'units')).toBe(10_000_000);
    expect(parseMetricInput('3', 'percent', '%')).toBe(300);
    expect(parseMetricInput('3.25%', 'percent', '%')).toBe(325);
    expect(parseMetricInput('十万', 'count', '台')).toBeNull();
  });

  it('reads an ROI as a percentage or as a multiple', () => {
    expect(parseMetricInput('240%', 'percent', '%')).toBe(24_000);
    expect(parseMetricInput('2.4倍', 'percent', '%')).toBe(24_000);
    expect(parseMetricInput('3x', 'percent', '%')).toBe(30_000);
  });

  it('opens an editor with the value as the cell reads it, and reads it back unchanged', () => {
    const cases = [
      [500, 'percent', '%', '5%'],
      [5_000_000_000, 'money', '元', '¥50,000,000.00'],
      [10_000_000, 'count', '台', '100,000台'],
      [12_345, 'count', '人', '123.45人'],
    ] as const;
    for (const [valueC, kind, unit, text] of cases) {
      expect(metricEditText(valueC, kind, unit, 'zh-CN')).toBe(text);
      expect(parseMetricInput(text, kind, unit)).toBe(valueC);
    }
    expect(metricEditText(10_000_000, 'count', 'units', 'en')).toBe('100,000 units');
  });
});
