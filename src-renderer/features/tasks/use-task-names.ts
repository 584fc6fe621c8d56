/**
 * The names the cells show for ids (owners, modules, predecessor codes) and the parser's lookups
 * by name and code. The maps keep their identity while what they hold is the same (a reload of the
 * modules for their roll-ups changes no name), so the visible cells are redrawn only when a name
 * changed; the parser's lookups are built on first use (a paste, a typed amount or predecessor),
 * not with every change of the rows.
 */
import { useMemo, useRef } from 'react';
import type { Module, Person, Task } from '../../../src-main/shared/domain';
import type { ParseContext } from '../../../src-main/shared/cell-parse';
import type { TaskGridContext } from './task-columns';
import { parseContext } from './task-text';
import type { Outline } from './outline';

/** `next` if it differs from `was`, else `was` (same entries in the same order). */
function same<K, V>(was: ReadonlyMap<K, V> | null, next: Map<K, V>): ReadonlyMap<K, V> {
  if (!was || was.size !== next.size) return next;
  const a = was.entries();
  for (const [k, v] of next) {
    const [wk, wv] = a.next().value as [K, V];
    if (wk !== k || wv !== v) return next;
  }
  return was;
}

export function useTaskNames(
  people: Person[],
  modules: Module[],
  tasks: readonly Task[],
  outline: Outline,
  codes: number,
): TaskGridContext['names'] {
  const latest = useRef({ people, modules, tasks });
  latest.current = { people, modules, tasks };
  const personRef = useRef<ReadonlyMap<string, string> | null>(null);
  const moduleRef = useRef<ReadonlyMap<string, string> | null>(null);
  const personName = (personRef.current = same(
    personRef.current,
    new Map(people.map((p) => [p.id, p.name])),
  ));
  const moduleName = (moduleRef.current = same(
    moduleRef.current,
    new Map(modules.map((m) => [m.id, m.name])),
  ));
  return useMemo(() => {
    let parse: ParseContext | null = null;
    return {
      personName,
      moduleName,
      codeOf: outline.codeOf,
      get parse() {
        return (parse ??= parseContext(latest.current as Parameters<typeof parseContext>[0]));
      },
    };
    // `codes` is the version of the task codes: the lookups by code are built again after it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [personName, moduleName, outline, codes]);
}
