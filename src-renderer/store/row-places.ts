/**
 * Where the rows of a list are, and which places a new version of the list replaced. The store
 * replaces an edited row by a new object in a copy of the list and keeps every other row object;
 * it notes here which places it replaced, so Table 2 finds the changed rows from the note instead
 * of looking at 100,000 rows (features/tasks/row-changes.ts), and an edit finds its row's place
 * from an index kept along the versions instead of searching the list.
 */

/** A list made from another by replacing rows in place (same ids) and appending rows. */
interface Derivation {
  from: readonly unknown[];
  /** Places replaced (at most: a place may hold the same object again). */
  places: readonly number[];
}

const derived = new WeakMap<readonly unknown[], Derivation>();
/** How many notes back a lookup follows before the caller falls back to a pass over every row. */
const MAX_STEPS = 16;

/** Row id → place, per list; shared along noted versions (their places do not move). */
const indexes = new WeakMap<readonly unknown[], Map<string, number>>();

/**
 * Notes that `to` is `from` with the rows at `places` replaced by rows of the same ids, and any
 * rows past `from.length` appended. The caller guarantees it.
 */
export function noteReplaced(from: readonly unknown[], to: readonly unknown[], places: readonly number[]) {
  derived.set(to, { from, places });
  const index = indexes.get(from);
  if (!index) return;
  // The places and ids of `from` hold in `to`: share its index, with the appended rows added.
  for (let i = from.length; i < to.length; i++) index.set((to[i] as { id: string }).id, i);
  indexes.set(to, index);
}

/**
 * The places that may differ between `before` and `after` when notes link them (every place
 * past `before.length` aside), or null when they do not (a reload, rows moved).
 */
export function notedPlaces(before: readonly unknown[], after: readonly unknown[]): number[] | null {
  const places = new Set<number>();
  let at: readonly unknown[] = after;
  for (let steps = 0; at !== before; steps++) {
    const step = derived.get(at);
    if (!step || steps >= MAX_STEPS) return null;
    for (const p of step.places) places.add(p);
    at = step.from;
  }
  return [...places].sort((a, b) => a - b);
}

/**
 * The place of the row `id` in `rows`, or -1. The index is built once over every row (then
 * shared with the versions noted from it), so an edit finds its row at once.
 */
export function placeOf(rows: readonly { id: string }[], id: string): number {
  let index = indexes.get(rows);
  const known = index?.get(id);
  if (known !== undefined && rows[known]?.id === id) return known;
  // Every id of a list is in its own index (a shared one may hold more): absent means not there.
  if (index && index.size === rows.length && known === undefined) return -1;
  index = new Map();
  for (let i = 0; i < rows.length; i++) index.set(rows[i]!.id, i);
  indexes.set(rows, index);
  return index.get(id) ?? -1;
}

/**
 * `rows` with each replacement at its id's place (a new array; the other row objects kept), and
 * noted; null when a replacement's id is not in `rows`.
 */
export function replaceRows<T extends { id: string }>(
  rows: readonly T[],
  replacements: readonly T[],
): T[] | null {
  const next = rows.slice();
  const places: number[] = [];
  for (const row of replacements) {
    const p = placeOf(rows, row.id);
    if (p < 0) return null;
    next[p] = row;
    places.push(p);
  }
  noteReplaced(rows, next, places);
  return next;
}
