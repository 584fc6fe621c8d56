/**
 * Every channel receives generated invalid payloads (fast-check): wrong types, missing and extra
 * keys, `__proto__` and `constructor` keys, huge arrays and strings, NaN and ±Infinity, unsafe
 * integers, ill-formed strings (lone surrogates), control characters, deep nesting. Each payload
 * arrives as the transports deliver it (parsed from JSON, so `__proto__` is an own key), and each
 * must be a typed refusal (invalid_input; not_found when only an id names nothing), with nothing logged as a failure and the database
 * byte-for-byte the same (logical checksum). FUZZ_RUNS payloads per channel (10 in the suite;
 * `npm run soak` runs 1,000).
 */
import fc from 'fast-check';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, onTestFinished, test, vi } from 'vitest';
import { openBackend } from '../../src-main/backend';
import { CHANNELS } from '../../src-main/shared/channels';
import { contract } from '../../src-main/shared/contract';
import { logicalHash } from '../helpers/db';
import { tempDir } from '../helpers/tmp';

export const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 10);

const UUID = '01900000-0000-7000-8000-000000000001';

/** Values that are wrong almost anywhere (or right only by luck, then another defect refuses). */
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    Number.NaN,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
    -0,
    2 ** 53 + 2,
    -1e308,
    1e308,
    '\ud800',
    'a\udfffb',
    '\u0000',
    'x\u001b[31m',
    '',
    '   ',
    'not-a-uuid',
    UUID,
    '2024-02-30',
    '9999-99-99',
    true,
    false,
    null,
  ),
  fc.integer(),
  fc.double(),
  fc.string({ maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.constant(null).map(() => 'x'.repeat(1_000_001)),
  fc.constant(null).map(() => Array.from({ length: 200_001 }, (_, i) => i)),
  fc.array(fc.anything({ maxDepth: 2 }), { maxLength: 5 }),
  fc.constant(null).map(() => {
    let deep: unknown = {};
    for (let i = 0; i < 2000; i++) deep = { a: deep };
    return deep;
  }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.anything({ maxDepth: 1 }), { maxKeys: 3 }),
);

const EXTRA_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'extra', 'id ', 'ID', ''];

/** JSON text for a payload: the shape transports carry (a `__proto__` key stays an own key). */
function payloadArbitrary(channel: (typeof CHANNELS)[number]): fc.Arbitrary<string> {
  const schema = contract[channel].input as unknown as { shape?: Record<string, unknown> };
  const keys = Object.keys(schema.shape ?? {});
  const notObject = hostileValue
    .filter((v) => typeof v !== 'object' || v === null || Array.isArray(v))
    .map((v) => JSON.stringify(v) ?? 'null');
  // Some of the channel's own keys with wrong values, one key it does not know (strict schemas
  // refuse it; a hostile value refuses the rest).
  const withKeys = fc
    .record({
      own: fc.subarray(keys),
      values: fc.array(hostileValue, { minLength: keys.length, maxLength: keys.length }),
      extra: fc.constantFrom(...EXTRA_KEYS),
      extraValue: hostileValue,
    })
    .map(({ own, values, extra, extraValue }) => {
      const parts = own.map((k, i) => `${JSON.stringify(k)}:${JSON.stringify(values[i]) ?? 'null'}`);
      parts.push(`${JSON.stringify(extra)}:${JSON.stringify(extraValue) ?? 'null'}`);
      return `{${parts.join(',')}}`;
    });
  if (keys.length === 0) return fc.oneof(notObject, withKeys);
  // Every key it needs but one, with plausible values.
  const missing = fc.nat(keys.length - 1).map(
    (drop) =>
      `{${keys
        .filter((_, i) => i !== drop)
        .map((k) => `${JSON.stringify(k)}:${JSON.stringify(UUID)}`)
        .join(',')}}`,
  );
  return fc.oneof(notObject, withKeys, missing);
}

describe('IPC fuzz: every channel, generated invalid payloads', () => {
  test(
    `each of ${FUZZ_RUNS} payloads per channel is a typed refusal, nothing crashes, nothing changes`,
    async () => {
      const dataDir = tempDir('ct-fuzz-');
      const backend = openBackend({ dataDir, version: '0.0.0-test', autoBackups: false });
      onTestFinished(() => backend.close());
      const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
      onTestFinished(() => logged.mockRestore());
      const file = join(dataDir, 'campaign-tracker.sqlite');
      const before = logicalHash(file);
      let payloads = 0;
      for (const channel of CHANNELS) {
        const samples = fc.sample(payloadArbitrary(channel), { numRuns: FUZZ_RUNS, seed: 20261203 });
        for (const text of samples) {
          const payload: unknown = JSON.parse(text);
          const result = await backend.router.invokeAsync(channel, payload);
          // A typed refusal: invalid_input, or (a well-formed payload naming nothing) not_found.
          if (result.ok || !['invalid_input', 'not_found'].includes(result.error.code)) {
            throw new Error(`${channel} ${text.slice(0, 200)} → ${JSON.stringify(result).slice(0, 300)}`);
          }
          payloads++;
        }
        expect(logicalHash(file), channel).toBe(before);
      }
      expect(logged).not.toHaveBeenCalled();
      expect(payloads).toBe(FUZZ_RUNS * CHANNELS.length);
      // The app still answers normally afterwards.
      expect(backend.router.invoke('projects.list', {})).toMatchObject({ ok: true });
      // The figures, for RELIABILITY.md.
      const out = resolve(__dirname, '../../test-results');
      mkdirSync(out, { recursive: true });
      writeFileSync(
        join(out, 'fuzz.json'),
        JSON.stringify({
          date: new Date().toISOString(),
          channels: CHANNELS.length,
          perChannel: FUZZ_RUNS,
          payloads,
        }),
      );
    },
    Math.max(600_000, FUZZ_RUNS * 2_000),
  ); // about 15 ms a payload on a loaded 2-core machine
});
