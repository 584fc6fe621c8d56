/** Small numeric helpers for the benchmark: timing, medians and percentiles (nearest rank). */
import { performance } from 'node:perf_hooks';

/** The q-quantile by nearest rank (q = 0.5 is the median of an odd count, the lower middle otherwise). */
export function quantile(samples: readonly number[], q: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length)));
  return sorted[rank - 1]!;
}

export const median = (samples: readonly number[]) => quantile(samples, 0.5);
export const p95 = (samples: readonly number[]) => quantile(samples, 0.95);

/** Milliseconds `fn` took (high-resolution clock), with its value. */
export function timed<T>(fn: () => T): { ms: number; value: T } {
  const start = performance.now();
  const value = fn();
  return { ms: performance.now() - start, value };
}

/** Runs `fn` `warmup` times unmeasured, then `reps` times measured; answers the durations in ms. */
export function sample(reps: number, fn: (i: number) => unknown, warmup = 1): number[] {
  for (let i = 0; i < warmup; i++) fn(-1 - i);
  const out: number[] = [];
  for (let i = 0; i < reps; i++) out.push(timed(() => fn(i)).ms);
  return out;
}

/** A figure as printed: milliseconds with a precision that suits its size. */
export function ms(value: number): string {
  if (!Number.isFinite(value)) return '—';
  if (value < 1) return `${value.toFixed(3)} ms`;
  if (value < 10) return `${value.toFixed(2)} ms`;
  if (value < 100) return `${value.toFixed(1)} ms`;
  return `${Math.round(value).toLocaleString('en-US')} ms`;
}

/** A tiny deterministic PRNG (mulberry32), so every run seeds the same project. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
