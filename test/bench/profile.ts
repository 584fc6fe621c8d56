/**
 * CPU profiles of the page (Chrome DevTools Protocol), summarised as the functions that took the
 * most time, for `BENCH_PROFILE=1`. The renderer is then built without minifying so that the
 * names are readable (the timings of a profiled run are not the benchmark's figures).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CDPSession, Page } from 'playwright-core';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export async function startProfile(page: Page): Promise<CDPSession> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 250 });
  await cdp.send('Profiler.start');
  return cdp;
}

/** Stops the profile, saves it (open it in Chrome DevTools) and answers a summary. */
export async function stopProfile(cdp: CDPSession, file: string, rendererDir: string): Promise<string> {
  const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: CpuProfile };
  await cdp.detach();
  writeFileSync(file, JSON.stringify(profile));
  return summarise(profile, rendererDir);
}

const IDLE = new Set(['(idle)', '(program)', '(root)']);

/**
 * Which module of the (unminified) bundle a line belongs to: the bundler starts each module with
 * a comment naming its path, e.g. `// node_modules/ag-grid-community/dist/package/main.esm.mjs`.
 */
function moduleMap(rendererDir: string): (url: string, line: number) => string {
  const cache = new Map<string, { line: number; name: string }[]>();
  const markers = (url: string) => {
    let list = cache.get(url);
    if (list) return list;
    list = [];
    const path = join(rendererDir, new URL(url).pathname);
    if (url.startsWith('http') && existsSync(path)) {
      readFileSync(path, 'utf8')
        .split('\n')
        .forEach((text, i) => {
          const m = /^\/\/ ((?:node_modules|src-renderer|src-main|\.\.)\/\S+\.(?:m?js|cjs|tsx?|json))$/.exec(
            text,
          );
          if (m)
            list!.push({
              line: i + 1,
              name: m[1]!.replace(/^(node_modules\/(?:@[^/]+\/)?[^/]+)\/.*$/, '$1'),
            });
        });
    }
    cache.set(url, list);
    return list;
  };
  return (url, line) => {
    if (!url) return 'native';
    let found = '(bundle)';
    for (const m of markers(url)) {
      if (m.line > line) break;
      found = m.name;
    }
    return found;
  };
}

/**
 * Busy time by module (self), the functions with the most self time, and the app's own
 * functions (src-renderer, src-main/shared) by total time (a function counted once per sample).
 */
export function summarise(profile: CpuProfile, rendererDir: string): string {
  const moduleOf = moduleMap(rendererDir);
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const where = (f: CallFrame) => `${moduleOf(f.url, f.lineNumber + 1)}`;
  const name = (f: CallFrame) => `${f.functionName || '(anonymous)'} · ${where(f)}`;
  const add = (m: Map<string, number>, k: string, v: number) => m.set(k, (m.get(k) ?? 0) + v);
  const byModule = new Map<string, number>();
  const self = new Map<string, number>();
  const appTotal = new Map<string, number>();
  let busy = 0;
  profile.samples.forEach((id, i) => {
    const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    const node = byId.get(id);
    if (!node || IDLE.has(node.callFrame.functionName)) return;
    busy += dt;
    add(
      byModule,
      node.callFrame.functionName.startsWith('(') ? node.callFrame.functionName : where(node.callFrame),
      dt,
    );
    add(self, name(node.callFrame), dt);
    const seen = new Set<string>();
    for (let n: ProfileNode | undefined = node; n; n = byId.get(parent.get(n.id) ?? -1)) {
      if (!/^(src-renderer|src-main|\.\.)/.test(where(n.callFrame))) continue;
      const k = name(n.callFrame);
      if (seen.has(k)) continue;
      seen.add(k);
      add(appTotal, k, dt);
    }
  });
  const top = (m: Map<string, number>, count: number) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, count)
      .filter(([, v]) => v >= 1)
      .map(([k, v]) => `      ${v.toFixed(0).padStart(6)} ms  ${k}`)
      .join('\n');
  return [
    `    busy ${busy.toFixed(0)} ms; self time by module:`,
    top(byModule, 8),
    '    self time by function:',
    top(self, 10),
    "    total time of the app's own functions:",
    top(appTotal, 14),
  ].join('\n');
}

/** The renderer built like electron-vite does, but not minified, into `outDir`. */
export async function buildReadableRenderer(root: string, outDir: string): Promise<void> {
  const { build } = await import('vite');
  const react = (await import('@vitejs/plugin-react')).default;
  const before = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      root: join(root, 'src-renderer'),
      configFile: false,
      mode: 'production',
      logLevel: 'warn',
      plugins: [react()],
      define: { 'process.env.NODE_ENV': '"production"' },
      build: { outDir, emptyOutDir: true, minify: false, chunkSizeWarningLimit: 16384 },
    });
  } finally {
    process.env.NODE_ENV = before;
  }
}
