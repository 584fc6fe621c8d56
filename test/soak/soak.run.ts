/**
 * `npm run soak`: SOAK_CYCLES kill -9 cycles (1,000 unless set) of the app's real writes
 * (test/soak/harness.ts); the figures go to test-results/soak.json for RELIABILITY.md. The same
 * run sends FUZZ_RUNS (1,000) invalid payloads to every channel (test/unit/ipc-fuzz.test.ts).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect, test } from 'vitest';
import { runSoak } from './harness';

const CYCLES = Number(process.env.SOAK_CYCLES ?? 1000);

test(
  `${CYCLES} kill -9 cycles`,
  async () => {
    const figures = await runSoak({ cycles: CYCLES, log: (line) => console.log(line) });
    const out = resolve(__dirname, '../../test-results');
    mkdirSync(out, { recursive: true });
    writeFileSync(
      join(out, 'soak.json'),
      JSON.stringify({ date: new Date().toISOString(), ...figures }, null, 2),
    );
    console.log(JSON.stringify(figures));
    expect(figures.problems).toEqual([]);
    expect(figures.losses).toBe(0);
  },
  24 * 3_600_000,
);
