import type { ReactNode } from 'react';
import type { MergeConflictView } from '../../../../src-main/shared/project-file-contract';
import type { Resolution } from '../project-file-store';

/** One side of a conflict to choose (a radio button with what that side holds). */
export function ConflictPick(props: {
  conflict: MergeConflictView;
  side: Resolution;
  chosen: Resolution | undefined;
  onChoose(id: string, r: Resolution): void;
  children: ReactNode;
}) {
  const picked = props.chosen === props.side;
  return (
    <label className={`pick${picked ? ' picked' : ''}`}>
      <input
        type="radio"
        name={`c-${props.conflict.id}`}
        checked={picked}
        onChange={() => props.onChoose(props.conflict.id, props.side)}
      />
      {props.children}
    </label>
  );
}
