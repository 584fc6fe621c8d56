/**
 * Merging a colleague's copy into the project here, as one user action: the plan (mine read from
 * the database, theirs from the file) and its application in one journaled write, recorded as one
 * undo step. The merge keeps the stamps of the copy it took changes from, so only its follow-up
 * (the owner reconciled) is stamped as this user's. The project-file service and the merge tests
 * both go through here.
 */
import { MERGE_ACTION } from '../shared/history-actions';
import { journal } from '../db/journal';
import type { ProjectBundle } from '../project-file/format';
import type { Db } from '../services/common';
import { historyStep } from '../services/history';
import { reconcileOwner } from '../services/owner';
import { applyMerge, type MergeResolutions } from './apply-merge';
import { readProjectBundle } from './bundle';
import { planMerge, type MergePlan, type MergeSummary } from './merge';
import { ownChangesSent, refuseImpossibleClaims } from './claims';
import { localReplica } from './versions';

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
  return journal(
    db,
    {
      // The owner field and the roles are merged field by field: one overall owner again, the
      // field's answer (a conflict like any other when both sides named someone) deciding.
      settle: () => reconcileOwner(db, projectId),
      record: historyStep(db, MERGE_ACTION, { stamp: false }),
    },
    () => applyMerge(db, projectId, plan, resolutions, me.id),
  ).value;
}
