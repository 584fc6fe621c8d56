/**
 * The notes the store keeps of which places a new version of a list replaced (row-places.ts):
 * Table 2 reads its changes from them instead of a pass over every row, and an edit finds its
 * row's place from an index kept along the versions. Whatever sequence of versions is made
 * (replacements, appends, versions made again from an older one, lists made without a note),
 * the changes told by the notes equal those found by comparing every row, and every place found
 * is the row's place.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rowChanges } from '../../../src-renderer/features/tasks/row-changes';
import { noteReplaced, placeOf, replaceRows } from '../../../src-renderer/store/row-places';
import { applyList, byPosition } from '../../../src-renderer/store/apply-changes';

interface Row {
  id: string;
  position: number;
  v: number;
}

/** The changes found by comparing every row (what rowChanges did before the notes). */
function byIdentity(before: readonly Row[], after: readonly Row[]) {
  if (after.length < before.length) return null;
  const update: { before: Row; after: Row }[] = [];
  for (let i = 0; i < before.length; i++) {
    if (before[i] === after[i]) continue;
    if (before[i]!.id !== after[i]!.id) return null;
    update.push({ before: before[i]!, after: after[i]! });
  }
  return { update, add: after.slice(before.length) };
}

const step = fc.oneof(
  fc.record({
    kind: fc.constant('replace' as const),
    at: fc.array(fc.nat(), { minLength: 1, maxLength: 3 }),
  }),
  fc.record({ kind: fc.constant('append' as const), count: fc.integer({ min: 1, max: 3 }) }),
  fc.record({ kind: fc.constant('unnoted' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('fromOlder' as const), back: fc.nat(), at: fc.nat() }),
);

describe('changes read from the notes', () => {
  it('equal the changes found by identity between any two versions', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.array(step, { maxLength: 12 }), (size, steps) => {
        let made = size;
        const fresh = (): Row => {
          const row = { id: `r${made}`, position: made, v: 0 };
          made++;
          return row;
        };
        const versions: Row[][] = [
          Array.from({ length: size }, (_, i) => ({ id: `r${i}`, position: i, v: 0 })),
        ];
        for (const s of steps) {
          const rows = versions[versions.length - 1]!;
          if (s.kind === 'replace') {
            const picked = s.at.map((k) => rows[k % rows.length]!);
            versions.push(
              replaceRows(
                rows,
                picked.map((r) => ({ ...r, v: r.v + 1 })),
              )!,
            );
          } else if (s.kind === 'append') {
            const next = [...rows, ...Array.from({ length: s.count }, fresh)];
            noteReplaced(rows, next, []);
            versions.push(next);
          } else if (s.kind === 'unnoted') {
            const k = s.at % rows.length;
            versions.push(rows.map((r, i) => (i === k ? { ...r, v: r.v + 1 } : r)));
          } else {
            // Another version made from an older one (a rollback after a later edit was shown).
            const older = versions[s.back % versions.length]!;
            const k = s.at % older.length;
            versions.push(replaceRows(older, [{ ...older[k]!, v: -1 }])!);
          }
        }
        for (const before of versions)
          for (const after of versions) {
            expect(rowChanges(before, after)).toEqual(byIdentity(before, after));
          }
        for (const rows of versions)
          rows.forEach((row, i) => {
            expect(placeOf(rows, row.id)).toBe(i);
          });
        expect(placeOf(versions[0]!, `r${made}`)).toBe(-1);
      }),
      { numRuns: 200 },
    );
  });

  it('a change set that replaces rows in place is read from the notes; one that moves rows is not', () => {
    const rows: Row[] = Array.from({ length: 5 }, (_, i) => ({ id: `r${i}`, position: i, v: 0 }));
    const edited = applyList(rows, { upsert: [{ id: 'r3', position: 3, v: 9 }], remove: [] }, byPosition);
    expect(edited.map((r) => r.v)).toEqual([0, 0, 0, 9, 0]);
    expect(rows.map((r) => r.v)).toEqual([0, 0, 0, 0, 0]); // the old version is left as it was
    expect(rowChanges(rows, edited)).toEqual({ update: [{ before: rows[3], after: edited[3] }], add: [] });
    // Moved to the top: a new order, not changes in place.
    const moved = applyList(rows, { upsert: [{ id: 'r3', position: -1, v: 0 }], remove: [] }, byPosition);
    expect(moved.map((r) => r.id)).toEqual(['r3', 'r0', 'r1', 'r2', 'r4']);
    expect(rowChanges(rows, moved)).toBeNull();
  });
});
