/**
 * The metrics the template names (step 三: 内容组的阅读量、互动率, 渠道组的转化率, 销售组的成交量、客单价;
 * step 六: 销量、曝光、ROI) as presets, so a new metric starts with the right kind, direction and
 * aggregation. Names are not here: the UI words each preset from the locale key `presets.<key>`
 * and its unit from `units.<unitKey>`, so both languages stay in the locale files.
 */
import type { Metric } from './tracking';

export const PRESET_KEYS = [
  'exposure',
  'reads',
  'engagement_rate',
  'leads',
  'conversion_rate',
  'deals',
  'average_order_value',
  'units_sold',
  'revenue',
  'spend',
  'roi',
] as const;
export type PresetKey = (typeof PRESET_KEYS)[number];

/** 次 · 人 · % · 元 · 台/件 · 单 — the locale decides the word (units.<key>). */
export const UNIT_KEYS = ['times', 'people', 'percent', 'yuan', 'units', 'orders'] as const;
export type UnitKey = (typeof UNIT_KEYS)[number];

export interface MetricPreset {
  key: PresetKey;
  kind: Metric['kind'];
  direction: Metric['direction'];
  aggregation: Metric['aggregation'];
  unitKey: UnitKey;
  /** Position in the funnel reach → interaction → leads → deals → revenue; rates are not stages. */
  funnelStage: number | null;
}

/*
 * Aggregation choices:
 * - counts and money that accumulate over the campaign (曝光量, 销量, 销售额, 预算花费) add up: 'sum';
 * - rates (互动率, 转化率) and ROI are read off the platform as the figure to date, so the latest
 *   period's value is the current one: 'last' (the template's 转化率 "目标5%,实际3%" is such a reading);
 * - 客单价 is recorded per period from that period's orders; the campaign's figure is their mean.
 * Direction: everything is better higher except spend, where staying under budget is better.
 */
export const METRIC_PRESETS: readonly MetricPreset[] = [
  {
    key: 'exposure',
    kind: 'count',
    direction: 'higher',
    aggregation: 'sum',
    unitKey: 'times',
    funnelStage: 1,
  },
  { key: 'reads', kind: 'count', direction: 'higher', aggregation: 'sum', unitKey: 'times', funnelStage: 2 },
  {
    key: 'engagement_rate',
    kind: 'percent',
    direction: 'higher',
    aggregation: 'last',
    unitKey: 'percent',
    funnelStage: null,
  },
  { key: 'leads', kind: 'count', direction: 'higher', aggregation: 'sum', unitKey: 'people', funnelStage: 3 },
  {
    key: 'conversion_rate',
    kind: 'percent',
    direction: 'higher',
    aggregation: 'last',
    unitKey: 'percent',
    funnelStage: null,
  },
  { key: 'deals', kind: 'count', direction: 'higher', aggregation: 'sum', unitKey: 'orders', funnelStage: 4 },
  {
    key: 'average_order_value',
    kind: 'money',
    direction: 'higher',
    aggregation: 'average',
    unitKey: 'yuan',
    funnelStage: null,
  },
  // 销量 counts units, not orders: one deal can carry several units, so it runs beside the funnel.
  {
    key: 'units_sold',
    kind: 'count',
    direction: 'higher',
    aggregation: 'sum',
    unitKey: 'units',
    funnelStage: null,
  },
  { key: 'revenue', kind: 'money', direction: 'higher', aggregation: 'sum', unitKey: 'yuan', funnelStage: 5 },
  { key: 'spend', kind: 'money', direction: 'lower', aggregation: 'sum', unitKey: 'yuan', funnelStage: null },
  // Stored as a percentage (35% → 3500), the ratio of roi() times 100.
  {
    key: 'roi',
    kind: 'percent',
    direction: 'higher',
    aggregation: 'last',
    unitKey: 'percent',
    funnelStage: null,
  },
];

/** The preset of a key (e.g. Metric.preset), undefined for a key this version does not know. */
export function presetByKey(key: string | null | undefined): MetricPreset | undefined {
  return METRIC_PRESETS.find((p) => p.key === key);
}
