import { describe, expect, it } from 'vitest';
import {
  daysBetween,
  fenToYuanText,
  isIsoDate,
  parseYuanToFen,
  todayIso,
} from '../../src-main/shared/values';
import {
  campaignYear,
  formatCellDate,
  formatDate,
  formatMoney,
  formatPeriod,
} from '../../src-renderer/i18n/format';

describe('calendar dates', () => {
  it('accepts real dates only', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(isIsoDate('2024-04-31')).toBe(false);
    expect(isIsoDate('2024-13-01')).toBe(false);
    expect(isIsoDate('2024-5-1')).toBe(false);
    expect(isIsoDate('2024/05/01')).toBe(false);
    expect(isIsoDate('0004-02-29')).toBe(true); // a leap year of the calendar, not 1904
    expect(isIsoDate('2024-05-01T00:00:00Z')).toBe(false);
  });

  it('counts days across a daylight-saving change and a leap day', () => {
    expect(daysBetween('2024-03-09', '2024-03-11')).toBe(2);
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBetween('2024-05-01', '2024-07-31')).toBe(91);
    expect(daysBetween('2024-07-31', '2024-05-01')).toBe(-91);
  });

  it("today is the local calendar date, not UTC's", () => {
    // 23:30 local on 1 May is still 1 May, whatever the offset.
    expect(todayIso(new Date(2024, 4, 1, 23, 30))).toBe('2024-05-01');
  });
});

describe('money in fen', () => {
  it('parses what users type, exactly', () => {
    expect(parseYuanToFen('12000')).toBe(1_200_000);
    expect(parseYuanToFen('12,000.5')).toBe(1_200_050);
    expect(parseYuanToFen('¥1 234.05')).toBe(123_405);
    expect(parseYuanToFen('0.1')).toBe(10);
    expect(parseYuanToFen('0.29')).toBe(29); // 0.29 * 100 is 28.999… as a float
    expect(parseYuanToFen('300万')).toBeNull();
    expect(parseYuanToFen('-5')).toBeNull();
    expect(parseYuanToFen('1.234')).toBeNull();
    expect(parseYuanToFen('abc')).toBeNull();
    expect(parseYuanToFen('')).toBeNull();
  });

  it('writes fen back as decimal text', () => {
    expect(fenToYuanText(123_405)).toBe('1234.05');
    expect(fenToYuanText(0)).toBe('0.00');
  });
});

describe('locale formats', () => {
  it('money with ¥ and two decimals', () => {
    expect(formatMoney(8_000_000, 'zh-CN')).toBe('¥80,000.00');
    expect(formatMoney(8_000_000, 'en')).toBe('¥80,000.00');
    expect(formatMoney(null, 'zh-CN')).toBe('');
  });

  it('periods as the locale writes them', () => {
    expect(formatPeriod('2024-05-01', '2024-07-31', 'zh-CN')).toBe('2024年5月1日–7月31日');
    expect(formatPeriod('2024-05-01', '2024-07-31', 'en')).toBe('May 1–Jul 31, 2024');
    expect(formatPeriod('2024-12-20', '2025-01-10', 'zh-CN')).toBe('2024年12月20日–2025年1月10日');
    expect(formatDate('2024-05-01', 'zh-CN')).toBe('2024/5/1');
  });
});

describe('dates in grid cells (issue 14, item 11)', () => {
  it('one style in every grid: 5月1日, with the year only outside the campaign’s', () => {
    expect(formatCellDate('2024-05-01', 'zh-CN', 2024)).toBe('5月1日');
    expect(formatCellDate('2023-12-28', 'zh-CN', 2024)).toBe('2023年12月28日');
    expect(formatCellDate('2024-05-01', 'en', 2024)).toBe('May 1');
    expect(formatCellDate('2025-01-05', 'en', 2024)).toBe('Jan 5, 2025');
    expect(formatCellDate(null, 'zh-CN', 2024)).toBe('');
    expect(campaignYear({ start: '2024-05-01', end: '2024-07-31' })).toBe(2024);
    expect(campaignYear({ start: null, end: null })).toBeNull();
  });
});
