/**
 * What changed between two versions of Table 2's rows. The store replaces an edited row by a new
 * object and keeps every other row object as it was, and notes which places it replaced
 * (store/row-places.ts): the changed rows are then read from the note; without one (a reload)
 * they are found by identity in one pass, without comparing fields. Either way, what AG Grid and
 * the outline need to update, instead of rebuilding everything over 100,000 rows on each edit.
 */
import { notedPlaces } from '../../store/row-places';

export interface RowChanges<T> {
  /** Rows at the same place with the same id, but a new object. */
  update: { before: T; after: T }[];
  /** Rows added after the last one (a paste that runs past the end). */
  add: T[];
}

/**
 * The changes from `before` to `after` when they are updates in place and rows added at the end;
 * null when rows were removed, moved or inserted (the caller starts again from the whole list).
 */
export function rowChanges<T extends { id: string }>(
  before: readonly T[],
  after: readonly T[],
): RowChanges<T> | null {
  if (after.length < before.length) return null;
  const update: { before: T; after: T }[] = [];
  const places = notedPlaces(before, after);
  if (places) {
    for (const p of places) {
      if (p >= before.length) continue; // appended on the way: among `add`
      if (before[p] !== after[p]) update.push({ before: before[p]!, after: after[p]! });
    }
    return { update, add: after.slice(before.length) };
  }
  for (let i = 0; i < before.length; i++) {
    const was = before[i]!;
    const now = after[i]!;
    if (was === now) continue;
    if (was.id !== now.id) return null;
    update.push({ before: was, after: now });
  }
  return { update, add: after.slice(before.length) };
}
