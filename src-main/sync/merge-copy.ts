/**
 * Merging a colleague's copy into the project here, as one user action: the plan (mine read from
 * the database, theirs from the file) and its application in one transaction, captured as one
 * undo step. The merge keeps the stamps of the copy it took changes from, so the generic stamping
 * of recordHistory is off. The project-file service and the merge tests both go through here.
 */
import { MERGE_ACTION } from '../shared/history-actions';
import { captureChanges } from '../db/capture';
import type { ProjectBundle } from '../project-file/format';
import type { Db } from '../services/common';
import { recordHistory } from '../services/history';
import { reconcileOwner } from '../services/owner';
import { applyMerge, type MergeResolutions } from './apply-merge';
import { readProjectBundle } from './bundle';
import { planMerge, type MergePlan, type MergeSummary } from './merge';
import { ownChangesSent, refuseImpossibleClaims } from './claims';
import { localReplica, stampChanges } from './versions';

export function planCopyMerge(db: Db, projectId: string, theirs: ProjectBundle): MergePlan {
  refuseImpossibleClaims(db, theirs);
  const me = localReplica(db);
  const mine = readProjectBundle(db, projectId, { ...theirs.info, exporterId: me.id, exporterName: me.name });
  return planMerge(mine, theirs, me.id, { ownChangesSent: ownChangesSent(db, projectId) });
}

export function applyCopyMerge(
  db: Db,
  projectId: string,
  plan: MergePlan,
  resolutions: MergeResolutions,
): MergeSummary {
  const me = localReplica(db);
  return db.transaction(() => {
    const captured = captureChanges(db, () => applyMerge(db, projectId, plan, resolutions, me.id));
    // The owner field and the roles are merged field by field: one overall owner again, the
    // field's answer (a conflict like any other when both sides named someone) deciding.
    const owner = captureChanges(db, () => reconcileOwner(db, projectId));
    stampChanges(db, projectId, owner.changes);
    recordHistory(db, MERGE_ACTION, [...captured.changes, ...owner.changes], { stamp: false });
    return captured.value;
  })();
}
