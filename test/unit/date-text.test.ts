import { describe, expect, it } from 'vitest';
import { dateInputText, parseDateInput } from '../../src-renderer/components/date-text';

describe('a date field in the UI language', () => {
  it('shows YYYY-MM-DD in the language of the app', () => {
    expect(dateInputText('2024-05-01', 'zh-CN')).toBe('2024年5月1日');
    expect(dateInputText('2024-12-31', 'en')).toBe('Dec 31, 2024');
    expect(dateInputText('', 'en')).toBe('');
  });

  it('reads what people type with the shared parser, in the field year when it is left out', () => {
    expect(parseDateInput('2024年6月1日', 2030)).toBe('2024-06-01');
    expect(parseDateInput('2024/5/1', 2030)).toBe('2024-05-01');
    expect(parseDateInput('2024-05-01', 2030)).toBe('2024-05-01');
    expect(parseDateInput('5月1日', 2025)).toBe('2025-05-01');
    expect(parseDateInput('5/1', 2025)).toBe('2025-05-01');
    expect(parseDateInput('June 1, 2024', 2030)).toBe('2024-06-01');
    expect(parseDateInput('Jun 1', 2026)).toBe('2026-06-01');
    expect(parseDateInput('1 Jun 2024', 2030)).toBe('2024-06-01');
    expect(parseDateInput('  ', 2030)).toBe('');
  });

  it('round-trips what it shows, and refuses what is not a date', () => {
    for (const iso of ['2024-01-09', '2024-02-29', '2026-11-30'])
      for (const lng of ['zh-CN', 'en']) expect(parseDateInput(dateInputText(iso, lng), 2000)).toBe(iso);
    for (const bad of ['下周一', '2024-02-30', '13/1', 'Foo 1, 2024', '2024年5月'])
      expect(parseDateInput(bad, 2024)).toBeNull();
  });
});
