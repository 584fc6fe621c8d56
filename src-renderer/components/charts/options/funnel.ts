/** The marketing funnel: each stage's count and conversion, and where the gap starts. */
import { formatCompact, formatExact, formatPercentNumber, type ValueKind } from '../format-values';
import { base, escapeHtml, heading, row, tooltip, type ChartEnv, type ChartOption } from './common';
import { STRIPES } from './status-colors';

export interface FunnelStage {
  name: string;
  /** The stage's count, in hundredths. */
  actualC: number;
  /** Conversion from the previous stage in percent (3.5 for 3.5%); null for the first stage. */
  rate: number | null;
  targetRate: number | null;
  /** The first stage whose conversion falls short of its target: where the gap begins. */
  gapStartsHere: boolean;
  /** The stage's kind (a count unless said): money is written as money. */
  kind?: ValueKind;
  /** No rate, since this stage or the one before is not a count (元 ÷ 次). */
  unlikeUnits?: boolean;
}

export interface FunnelLabels {
  title: string;
  /** The chart's empty state (for <EChart empty>): what to enter to get it. */
  empty: string;
  /** Under the title when some stages cannot make a rate: set the funnel's stages on counts. */
  unlikeHint: string;
  rate: string;
  target: string;
  gapStartsHere: string;
  value: string;
}

/**
 * The marketing funnel in stage order, each stage's label with its count and the conversion from
 * the stage above (against its target); the stage where the gap starts in the behind colour,
 * striped, with the word.
 */
export function funnelOption(stages: readonly FunnelStage[], env: ChartEnv<FunnelLabels>): ChartOption {
  const { labels, theme, language } = env;
  const pct = (v: number) => formatPercentNumber(v, language);
  const max = Math.max(0, ...stages.map((s) => s.actualC));
  const data = stages.map((s) => {
    const parts = [`${s.name} ${formatCompact(s.actualC, s.kind ?? 'count', '', language)}`];
    if (s.rate != null)
      parts.push(
        `${labels.rate} ${pct(s.rate)}` +
          (s.targetRate == null ? '' : ` / ${labels.target} ${pct(s.targetRate)}`),
      );
    if (s.gapStartsHere) parts.push(labels.gapStartsHere);
    const text = parts.join(' · ').replace(/[{}]/g, '');
    return {
      name: s.name,
      value: s.actualC,
      actualC: s.actualC,
      rate: s.rate,
      targetRate: s.targetRate,
      gapStartsHere: s.gapStartsHere,
      itemStyle: s.gapStartsHere ? { color: theme.behind, decal: STRIPES } : { color: theme.accent },
      label: {
        formatter: text,
        color: s.gapStartsHere ? theme.behind : theme.fg,
        fontWeight: s.gapStartsHere ? ('bold' as const) : ('normal' as const),
      },
    };
  });
  const unlike = stages.some((s) => s.unlikeUnits);
  const titled = base(labels.title);
  return {
    ...titled,
    // Unlike units get no rate, and the owner is told how to get one.
    title: unlike ? { ...(titled.title as object), subtext: labels.unlikeHint } : titled.title,
    tooltip: tooltip({
      trigger: 'item',
      formatter: (params: unknown) => {
        const s = stages[(params as { dataIndex: number }).dataIndex];
        if (!s) return '';
        return (
          heading(s.name) +
          row(theme, labels.value, formatExact(s.actualC, s.kind ?? 'count', '', language)) +
          (s.rate == null ? '' : row(theme, labels.rate, pct(s.rate))) +
          (s.targetRate == null ? '' : row(theme, labels.target, pct(s.targetRate))) +
          (s.gapStartsHere
            ? `<div style="color:${theme.behind};font-weight:600">${escapeHtml(labels.gapStartsHere)}</div>`
            : '')
        );
      },
    }),
    series: [
      {
        type: 'funnel',
        name: labels.title,
        sort: 'none',
        left: 8,
        top: unlike ? 60 : 40,
        bottom: 8,
        width: '42%',
        min: 0,
        max: max || 1,
        // Stages fall by orders of magnitude (2,000,000 reached, 500 bought): keep the last ones
        // wide enough to see and to hold a pattern.
        minSize: '14%',
        gap: 2,
        itemStyle: { borderColor: theme.bg, borderWidth: 1 },
        label: { show: true, position: 'right' },
        labelLine: { show: true, length: 12, lineStyle: { color: theme.border } },
        emphasis: { label: { fontWeight: 'bold' } },
        data,
      },
    ],
  };
}
