/**
 * The contract's schemas are built on first use (shared/deferred.ts). These tests hold the lazy
 * contract against the same contract built eagerly (the module graph loaded again with
 * `deferred` building at once, as `z.object(…)` did before): for every channel, the same
 * generated payloads — hostile values, missing and extra keys, plausible ones — give the same
 * verdict, the same parsed value and the same issues (code, path, reason, message). And a
 * channel's schemas are built on its first call, not when the contract is imported.
 */
import fc from 'fast-check';
import { types } from 'node:util';
import { describe, expect, test, vi } from 'vitest';
import { z } from 'zod';
import { openBackend } from '../../src-main/backend';
import { CHANNELS, type Channel } from '../../src-main/shared/channels';
import { contract as lazyContract } from '../../src-main/shared/contract';
import { deferred } from '../../src-main/shared/deferred';
import { checkOf, UUID as UUID_PATTERN } from '../../src-main/project-file/value-checks';
import { signedFen } from '../../src-main/shared/feedback';
import { hundredths } from '../../src-main/shared/tracking';
import { fen, id } from '../../src-main/shared/values';
import { tempDir } from '../helpers/tmp';

type Contract = typeof lazyContract;

/** The contract again, in a fresh module graph where nothing is deferred. */
async function eagerContract(): Promise<Contract> {
  vi.resetModules();
  vi.doMock('../../src-main/shared/deferred', () => ({
    deferred: <T>(build: () => T) => build(),
    builtOnFirstRead: (builders: Record<string, () => unknown>) =>
      Object.fromEntries(Object.entries(builders).map(([k, build]) => [k, build()])),
  }));
  try {
    const eager = await import('../../src-main/shared/contract');
    return eager.contract;
  } finally {
    vi.doUnmock('../../src-main/shared/deferred');
    vi.resetModules();
  }
}

const UUID = '01900000-0000-7000-8000-000000000001';
const value: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    UUID,
    'not-a-uuid',
    '2026-11-11',
    '2024-02-30',
    '',
    '  名字  ',
    '\u0000',
    'a\ud800b',
    'x'.repeat(3000),
    0,
    -1,
    50,
    101,
    1.5,
    2 ** 53 + 2,
    Number.NaN,
    true,
    null,
    'tasks',
    'xlsx',
    'new',
    'theirs',
  ),
  fc.integer(),
  fc.string({ maxLength: 8 }),
  fc.array(fc.constantFrom(UUID, 1, 'x', null), { maxLength: 3 }),
  fc.dictionary(
    fc.constantFrom('name', 'progress', 'notes', 'start', 'x'),
    fc.constantFrom(UUID, 'x', 5, null),
    {
      maxKeys: 3,
    },
  ),
);

/** Payloads for a channel: its own keys (some), with values good and bad, plus a stray key now and then. */
function payloads(schema: z.ZodType): unknown[] {
  const keys = Object.keys((schema as unknown as { shape?: object }).shape ?? {});
  const arbitrary = fc.oneof(
    value,
    fc
      .record({
        own: fc.subarray(keys),
        values: fc.array(value, { minLength: keys.length, maxLength: keys.length }),
        extra: fc.option(fc.constantFrom('extra', '__proto__', 'ID'), { nil: undefined }),
      })
      .map(({ own, values, extra }) => {
        const payload: Record<string, unknown> = {};
        own.forEach((k, i) => (payload[k] = values[i]));
        if (extra) payload[extra] = 1;
        return payload;
      }),
  );
  return fc.sample(arbitrary, { numRuns: 120, seed: 20261203 });
}

/** What a parse says, comparable across two builds of a schema (issues without their instances). */
function verdict(schema: z.ZodType, payload: unknown) {
  const result = schema.safeParse(payload);
  if (result.success) return { ok: true, data: result.data };
  return {
    ok: false,
    issues: result.error.issues.map(
      ({ code, path, message, params }: z.core.$ZodIssue & { params?: unknown }) => ({
        code,
        path,
        message,
        params,
      }),
    ),
  };
}

describe('deferred schemas', () => {
  test('a channel is built on its first call, not when the contract is imported', async () => {
    const dataDir = tempDir('ct-deferred-');
    const backend = openBackend({ dataDir, version: '0.0.0-test', autoBackups: false });
    try {
      const built = (channel: Channel) =>
        'value' in (Object.getOwnPropertyDescriptor(lazyContract, channel) ?? {});
      // Nothing in this file has called these yet (vitest isolates test files).
      expect(built('projects.list')).toBe(false);
      expect(built('dashboard.get')).toBe(false);
      const answer = backend.router.invoke('projects.list', {});
      expect(answer.ok).toBe(true);
      expect(built('projects.list')).toBe(true);
      expect(built('dashboard.get')).toBe(false);
      // A refused payload builds the channel too, and is refused as before.
      const refused = backend.router.invoke('dashboard.get', { projectId: 'x', today: '2026-11-11' });
      expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_input', path: ['projectId'] } });
      expect(built('dashboard.get')).toBe(true);
    } finally {
      backend.close();
    }
  });

  test('every channel: the lazy contract and the eager one accept and refuse the same payloads alike', async () => {
    const eager = await eagerContract();
    expect(Object.keys(eager).sort()).toEqual([...CHANNELS].sort());
    // The eager twin holds plain schemas; the lazy one stand-ins.
    const patchOf = (c: Contract) => (c['projects.update'].input as z.ZodObject).shape.patch;
    expect(types.isProxy(patchOf(eager))).toBe(false);
    expect(types.isProxy(patchOf(lazyContract))).toBe(true);
    let refused = 0;
    let accepted = 0;
    for (const channel of CHANNELS) {
      const lazy = lazyContract[channel].input as z.ZodType;
      const built = eager[channel].input as z.ZodType;
      for (const payload of payloads(built)) {
        const a = verdict(lazy, payload);
        expect(a, `${channel} ${JSON.stringify(payload)?.slice(0, 200)}`).toEqual(verdict(built, payload));
        if (a.ok) accepted++;
        else refused++;
      }
    }
    expect(refused).toBeGreaterThan(10_000);
    expect(accepted).toBeGreaterThan(20); // e.g. {} on channels without input, ids on byId
  });

  test('a deferred schema behaves as the schema it builds: nesting, extend, partial, instanceof, keys', () => {
    let builds = 0;
    const eagerPerson = z.object({ name: z.string().min(1), age: z.int().min(0).optional() });
    const person = deferred(() => {
      builds++;
      return z.object({ name: z.string().min(1), age: z.int().min(0).optional() });
    });
    expect(builds).toBe(0);
    const team = deferred(() => z.object({ lead: person, members: z.array(person).max(2) }).strict());
    const eagerTeam = z.object({ lead: eagerPerson, members: z.array(eagerPerson).max(2) }).strict();
    expect(builds).toBe(0);
    const cases: unknown[] = [
      { lead: { name: 'a' }, members: [] },
      { lead: { name: '' }, members: [{ name: 'b', age: -1 }] },
      { lead: { name: 'a' }, members: [{ name: 'b' }, { name: 'c' }, { name: 'd' }] },
      { lead: null, members: 'x', extra: 1 },
      'not an object',
    ];
    for (const c of cases) expect(verdict(team, c)).toEqual(verdict(eagerTeam, c));
    expect(builds).toBe(1);
    expect(person instanceof z.ZodObject).toBe(true);
    expect(Object.keys(person.shape)).toEqual(['name', 'age']);
    const patch = person.partial().strict();
    const eagerPatch = eagerPerson.partial().strict();
    const extended = person.extend({ role: z.enum(['a', 'b']) });
    const eagerExtended = eagerPerson.extend({ role: z.enum(['a', 'b']) });
    for (const c of [{}, { age: 1.5 }, { x: 1 }, { name: 'n', role: 'c' }, { name: 'n', role: 'a' }]) {
      expect(verdict(patch, c)).toEqual(verdict(eagerPatch, c));
      expect(verdict(extended, c)).toEqual(verdict(eagerExtended, c));
    }
    expect(builds).toBe(1);
  });
});

describe('the project-file checks (the worker loads no schema) keep the bounds of the schemas', () => {
  test.each([
    ['fen', { type: 'fen' }, fen],
    ['signed fen', { type: 'fen', signed: true }, signedFen],
    ['hundredths', { type: 'hundredths' }, hundredths],
  ] as const)('%s: the same values accepted and refused at and beyond each bound', (_, column, schema) => {
    const check = checkOf(column as Parameters<typeof checkOf>[0]);
    const { minValue, maxValue } = schema as z.ZodNumber;
    expect(minValue).not.toBeNull();
    expect(maxValue).not.toBeNull();
    for (const v of [
      minValue! - 1,
      minValue!,
      minValue! + 1,
      0,
      maxValue! - 1,
      maxValue!,
      maxValue! + 1,
      1.5,
    ]) {
      expect(check(v) === null, `${v}`).toBe(schema.safeParse(v).success);
    }
  });

  test('ids: the pattern is the one the contract’s id accepts', () => {
    for (const v of [UUID, UUID.toUpperCase(), 'not-a-uuid', `${UUID}x`, '']) {
      expect(UUID_PATTERN.test(v), v).toBe(id.safeParse(v).success);
    }
  });
});
