/**
 * Phase two of a merge: what one side deleted and the other still has, grouped under the row
 * deleted (a task with its sub-tasks, links and check-ins is one question), and whether the
 * deleting side saw everything in the group (then the deletion simply stands).
 */
import { PROJECT_TABLES } from './project-tables';
import {
  at,
  fieldEntry,
  idKey,
  knows,
  referencesOf,
  referrers,
  rowKnownTo,
  stampOf,
  type SideIndex,
} from './side-index';

/** A deletion on one side of rows the other side still has, grouped under the row deleted. */
export interface DeletionGroup {
  table: string;
  key: string;
  /** The root and every row that goes with it (on the side that kept them), root first. */
  members: { table: string; key: string }[];
  clean: boolean;
}

/**
 * The rows `keeper` has and `deleter` deleted (or never had, under a deleted row), grouped by
 * the deleted row at the top. A group is clean when the deleter has seen every change of every
 * row in it and every reference to them: then the deletion simply stands.
 */
export function deletionGroups(keeper: SideIndex, deleter: SideIndex) {
  const groups = new Map<string, DeletionGroup>();
  if (deleter.tombstones.size === 0) return { groups, groupOf: () => undefined };
  const onlyKeeper = (table: string, key: string) =>
    keeper.rows.get(table)?.has(key) === true && deleter.rows.get(table)?.has(key) !== true;
  const deleted = (table: string, key: string) => {
    if (!onlyKeeper(table, key)) return false;
    const tombstone = deleter.tombstones.get(at(table, key));
    // A keeper that saw the deletion and still has the row brought it back: not deleted.
    return tombstone !== undefined && !knows(keeper, stampOf(tombstone));
  };
  // The deleted row at the top of a row's cascade parents, if any.
  const anchors = new Map<string, string | null>();
  const anchorOf = (table: string, key: string): string | null => {
    const id = at(table, key);
    const known = anchors.get(id);
    if (known !== undefined) return known;
    anchors.set(id, null); // a loop in bad data ends here
    let found: string | null = null;
    const row = keeper.rows.get(table)?.get(key);
    for (const r of referencesOf.get(table) ?? []) {
      if (r.onDelete !== 'cascade' || row?.[r.column] == null) continue;
      const parentKey = idKey(row[r.column]);
      if (!onlyKeeper(r.parent, parentKey)) continue;
      found =
        anchorOf(r.parent, parentKey) ?? (deleted(r.parent, parentKey) ? at(r.parent, parentKey) : null);
      if (found) break;
    }
    anchors.set(id, found);
    return found;
  };

  const follower = new Map<string, string>();
  for (const table of PROJECT_TABLES) {
    for (const key of keeper.rows.get(table.name)?.keys() ?? []) {
      if (!onlyKeeper(table.name, key)) continue;
      const anchor = anchorOf(table.name, key);
      if (anchor) {
        follower.set(at(table.name, key), anchor);
      } else if (deleted(table.name, key)) {
        groups.set(at(table.name, key), {
          table: table.name,
          key,
          members: [{ table: table.name, key }],
          clean: true,
        });
      }
    }
  }
  for (const [id, anchor] of follower) {
    const sep = id.indexOf('\u0000');
    groups.get(anchor)?.members.push({ table: id.slice(0, sep), key: id.slice(sep + 1) });
  }
  const groupOf = (table: string, key: string): DeletionGroup | undefined => {
    const id = at(table, key);
    return groups.get(follower.get(id) ?? id);
  };

  for (const group of groups.values()) {
    for (const m of group.members) {
      if (!rowKnownTo(keeper, m.table, m.key, deleter)) group.clean = false;
      if (!group.clean) break;
      // A reference to the row made by the keeper after the deletion (an owner given, a link
      // added) is an edit of what the deleter removed.
      for (const ref of referrers(keeper).get(at(m.table, m.key)) ?? []) {
        if (groupOf(ref.table, ref.key) === group) continue;
        const entry = fieldEntry(keeper, ref.table, ref.key, ref.column);
        if (!knows(deleter, stampOf(entry))) {
          group.clean = false;
          break;
        }
      }
      if (!group.clean) break;
    }
  }
  return { groups, groupOf };
}
