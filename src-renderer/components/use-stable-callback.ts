/**
 * A function whose identity never changes and which calls the latest `fn` it was given: for
 * memoised children and AG Grid's options, which take a new function as a change (a memoised
 * toolbar drawn again, the grid's options processed again after each render).
 */
import { useCallback, useRef } from 'react';

export function useStableCallback<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R {
  const latest = useRef(fn);
  latest.current = fn;
  return useCallback((...args: A) => latest.current(...args), []);
}
