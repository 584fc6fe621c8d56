/**
 * How a slice sends a write: the answer, and whether it carried a change set. With one, the
 * store's change listener (apply-changes.ts) has already put the rows in place; without one
 * (a main process that does not send change sets yet), the slice refetches as before.
 */
import type { Channel } from '../../src-main/shared/channels';
import type { ChangeSet } from '../../src-main/shared/changes';
import type { Input } from '../../src-main/shared/contract';
import type { Answer } from '../../src-main/shared/task-rows';
import { call, onChanges } from '../api/client';

/** A write's answer, its change set (null: the answer carried none) and its refetches. */
export interface Written<T> {
  value: T;
  changes: ChangeSet | null;
  /** Resolves when the lists the change set made stale, and a screen shows, are read again. */
  settled: Promise<void>;
}

/** The refetches the change listener started for each change set, for its write to wait on. */
const settling = new WeakMap<ChangeSet, Promise<void>>();

export function settleWith(changes: ChangeSet, refetches: Promise<void>): void {
  settling.set(changes, refetches);
}

/**
 * Sends one write. Two writes on the same channel at once may each see the other's change set:
 * both sets are applied either way; only which refetches a caller waits for may differ.
 */
export async function callWrite<C extends Channel>(
  channel: C,
  input: Input<C>,
  /**
   * Called with the write's change set right after the store applied it, in the same task: state
   * set here is drawn in the same render as the change set's rows (one render, not two).
   */
  onApplied?: (changes: ChangeSet) => void,
): Promise<Written<Answer<C>>> {
  let changes: ChangeSet | null = null;
  const stop = onChanges((set, from) => {
    if (from !== channel || changes !== null) return;
    changes = set;
    onApplied?.(set);
  });
  try {
    const value = await call(channel, input);
    const came: ChangeSet | null = changes;
    return { value, changes: came, settled: (came && settling.get(came)) ?? Promise.resolve() };
  } finally {
    stop();
  }
}
