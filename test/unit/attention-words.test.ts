/**
 * The attention list's words (issue 14, item 5): the pro-rated figure is 按进度应达, counts are
 * whole units, one number style per item (compact, exact in the tooltip), English plurals.
 */
import i18next, { type TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Attention, Dashboard } from '../../src-main/shared/tracking';
import { attentionWords, wholeUnits } from '../../src-renderer/features/overview/attention-words';
import { roiLine } from '../../src-renderer/features/overview/roi-line';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../helpers/bridge';

/** One language's locale files merged, as src-renderer/i18n/resources.ts does in the app. */
function resourcesFor(language: string): Record<string, unknown> {
  const dir = join(ROOT, 'src-renderer/i18n/locales', language);
  const merged: Record<string, unknown> = {};
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.json')))
    Object.assign(merged, JSON.parse(readFileSync(join(dir, name), 'utf8')) as Record<string, unknown>);
  return merged;
}

let zh: TFunction;
let en: TFunction;
beforeAll(async () => {
  const i18n = i18next.createInstance();
  await i18n.init({
    resources: {
      'zh-CN': { translation: resourcesFor('zh-CN') },
      en: { translation: resourcesFor('en') },
    },
    lng: 'zh-CN',
    fallbackLng: 'en',
    interpolation: { escapeValue: false },
  });
  zh = i18n.getFixedT('zh-CN');
  en = i18n.getFixedT('en');
});

const behind = (params: Record<string, unknown>): Attention =>
  ({
    key: 'metric_behind:x',
    kind: 'metric_behind',
    severity: 'critical',
    target: { tab: 'metrics', rowId: 'x' },
    params,
  }) as Attention;

describe('attention words', () => {
  it('calls the pro-rated figure 按进度应达 and rounds people to whole units', () => {
    // 线索 target 20万人 over 3 weeks: one week in, 133,333.33人 are due; 10万 recorded.
    const item = behind({
      name: '线索',
      targetC: 20_000_000,
      proRatedC: 13_333_333,
      actualC: 10_000_000,
      kind: 'count',
      unit: '人',
    });
    const { text, exact } = attentionWords(item, zh, 'zh-CN');
    expect(text).toBe('「线索」低于预期(按进度应达13.3万人，实际10万人，最终目标20万人)');
    expect(exact).toBe('「线索」低于预期(按进度应达133,333人，实际10万人，最终目标20万人)');
    expect(exact).not.toMatch(/\.33/);
    expect(wholeUnits(13_333_333, 'count')).toBe(13_333_300);
  });

  it('writes every number of an item in one style (no 33,333,333.33次 beside 2300万次)', () => {
    const item = behind({
      name: '曝光量',
      targetC: 5_000_000_000,
      proRatedC: 3_333_333_333,
      actualC: 2_300_000_000,
      kind: 'count',
      unit: '次',
    });
    const { text } = attentionWords(item, zh, 'zh-CN');
    expect(text).toBe('「曝光量」低于预期(按进度应达3333.3万次，实际2300万次，最终目标5000万次)');
  });

  it('says 目标 once the target date has passed (the final target is the reference)', () => {
    const item = behind({
      name: '转化率',
      targetC: 500,
      proRatedC: 500,
      actualC: 300,
      kind: 'percent',
      unit: '%',
    });
    expect(attentionWords(item, zh, 'zh-CN').text).toBe('「转化率」低于预期(目标5%，实际3%)');
  });

  it('says "1 day" and "3 days" in English', () => {
    const overdue = (days: number): Attention =>
      ({
        key: 'task_overdue:t',
        kind: 'task_overdue',
        severity: 'critical',
        target: { tab: 'tasks', rowId: 't' },
        params: { code: 'M001', name: 'Launch', daysOverdue: days, end: '2024-05-01' },
      }) as Attention;
    expect(attentionWords(overdue(1), en, 'en').text).toBe('M001 Launch is 1 day overdue');
    expect(attentionWords(overdue(3), en, 'en').text).toBe('M001 Launch is 3 days overdue');
    expect(attentionWords(overdue(3), zh, 'zh-CN').text).toBe('M001 Launch 已逾期 3 天');
  });

  it('writes money over budget compactly, exactly in the tooltip', () => {
    const item = {
      key: 'module_over_budget:m',
      kind: 'module_over_budget',
      severity: 'critical',
      target: { tab: 'tracking', rowId: 'm' },
      params: { name: '线下地推活动', plannedFen: 20_000_000, spentFen: 23_000_000, overPct: 15 },
    } as Attention;
    const { text, exact } = attentionWords(item, zh, 'zh-CN');
    expect(text).toBe('模块「线下地推活动」花费 ¥23万 超出预算 ¥20万');
    expect(exact).toBe('模块「线下地推活动」花费 ¥230,000.00 超出预算 ¥200,000.00');
  });
});

describe('the one ROI of the overview (issue 14, item 3)', () => {
  // Revenue ¥2,000,000 recorded, ¥245,000 spent: (2,000,000 − 245,000) ÷ 245,000 = 7.1633 → 716.3%.
  const dashboard = {
    roi: (200_000_000 - 24_500_000) / 24_500_000,
    revenueC: 200_000_000,
    costFen: 24_500_000,
    metrics: [{ id: 'roi', actualC: 24_000 }] as Dashboard['metrics'],
  };

  it('is the owner’s own ROI metric when it has a value, named as theirs', () => {
    const line = roiLine(dashboard, [{ id: 'roi', preset: 'roi', name: 'ROI' }], zh, 'zh-CN');
    expect(line).toBe('ROI 240%(来自指标「ROI」)');
    expect(line).not.toContain('716');
  });

  it('otherwise is computed, saying how', () => {
    expect(roiLine(dashboard, [], zh, 'zh-CN')).toBe(
      'ROI 716.3% = (销售额 ¥2,000,000.00 − 预算花费 ¥245,000.00) ÷ 预算花费',
    );
    expect(roiLine(dashboard, [], en, 'en')).toBe(
      'ROI 716.3% = (revenue ¥2,000,000.00 − spend ¥245,000.00) ÷ spend',
    );
    expect(roiLine({ ...dashboard, roi: null, revenueC: null }, [], zh, 'zh-CN')).toBeNull();
  });
});
