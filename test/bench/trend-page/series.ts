/**
 * The trend chart's data for both pages of the benchmark: one metric (daily GMV, in fen) with a
 * value per day for `days` days up to `today` — a slow rise, a weekly rhythm, noise and the 双11
 * peak. Deterministic, so the app page and the bare page draw exactly the same points.
 */
export interface DailyPoint {
  periodStart: string;
  periodEnd: string;
  valueC: number;
}

export function dailySeries(days: number, today: string): DailyPoint[] {
  let seed = 20261126 >>> 0;
  const rnd = () => {
    seed = (seed + 0x6d2b79f5) >>> 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const end = Date.parse(`${today}T00:00:00Z`);
  return Array.from({ length: days }, (_, i) => {
    const at = new Date(end - (days - 1 - i) * 86_400_000);
    const date = at.toISOString().slice(0, 10);
    const weekly = [0.85, 0.9, 0.95, 1, 1.05, 1.3, 1.25][at.getUTCDay()]!;
    const peak = date.slice(5) === '11-11' ? 6 : date.slice(5, 7) === '11' && at.getUTCDate() < 11 ? 1.6 : 1;
    const yuan = 120_000 * (0.7 + (0.6 * i) / days) * weekly * peak * (0.85 + rnd() * 0.3);
    return { periodStart: date, periodEnd: date, valueC: Math.round(yuan) * 100 };
  });
}

/** `?days=365&w=…&h=…&today=2026-11-26` of the page's address. */
export function pageParams(search: string) {
  const params = new URLSearchParams(search);
  return {
    days: Number(params.get('days')) || 365,
    width: Number(params.get('w')) || 640,
    height: Number(params.get('h')) || 320,
    today: params.get('today') ?? '2026-11-26',
  };
}

/**
 * Starts the browser's Intl (ICU) once, before `chart-start`, in both pages. The first
 * Intl.DateTimeFormat of a fresh renderer takes 20–40 ms (more under load) whatever it formats;
 * in the app the project header has formatted its period and progress before any chart of 概览
 * renders, so a chart never pays it there. The bare page uses no Intl and is unaffected.
 */
export function startIntl(language: string): void {
  new Intl.DateTimeFormat(language, { timeZone: 'UTC' }).format(0);
  new Intl.NumberFormat(language).format(0);
}
