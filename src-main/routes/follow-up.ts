/**
 * Steps 四 and 五: the issue log, feedback, root causes and adjustments with their approval
 * workflow, and who this installation is in a project. Every write is undoable.
 */
import { identityMe, matchIdentity, setInstallationName } from '../services/identity';
import { getFeedbackSettings, updateFeedbackSettings } from '../services/feedback-settings';
import { createIssue, deleteIssue, listIssues, updateIssue } from '../services/issues';
import {
  createFeedback,
  deleteFeedback,
  feedbackFromAttention,
  followUpSummary,
  listFeedback,
  updateFeedback,
} from '../services/feedback';
import { createCause, deleteCause, listCauses, updateCause } from '../services/causes';
import {
  createAdjustment,
  deleteAdjustment,
  getAdjustment,
  listAdjustments,
  updateAdjustment,
} from '../services/adjustments';
import {
  applyAdjustment,
  approvalForm,
  approveAdjustment,
  confirmDecision,
  evaluateAdjustment,
  rejectAdjustment,
  submitAdjustment,
} from '../services/adjustment-workflow';
import { byId, inProject, none, projectOfRow, read, undoable, write, type RouteTable } from './route';

const ofAdjustment = byId(projectOfRow.adjustment);

export const followUpRoutes = {
  // The installation's own name is not part of any project.
  'identity.setName': write(setInstallationName, { writes: none }),
  'identity.me': read(identityMe),
  'identity.match': undoable(write(matchIdentity, { writes: inProject })),
  'feedbackSettings.get': read(getFeedbackSettings),
  'feedbackSettings.update': undoable(write(updateFeedbackSettings, { writes: inProject })),
  'issues.list': read(listIssues),
  'issues.create': undoable(write(createIssue, { writes: inProject })),
  'issues.update': undoable(write(updateIssue, { writes: byId(projectOfRow.issue) })),
  'issues.delete': undoable(write(deleteIssue, { writes: byId(projectOfRow.issue) })),
  'feedback.list': read(listFeedback),
  'feedback.create': undoable(write(createFeedback, { writes: inProject })),
  'feedback.update': undoable(write(updateFeedback, { writes: byId(projectOfRow.feedback) })),
  'feedback.delete': undoable(write(deleteFeedback, { writes: byId(projectOfRow.feedback) })),
  'feedback.fromAttention': undoable(write(feedbackFromAttention, { writes: inProject })),
  'feedback.summary': read(followUpSummary),
  'causes.list': read(listCauses),
  'causes.create': undoable(write(createCause, { writes: inProject })),
  'causes.update': undoable(write(updateCause, { writes: byId(projectOfRow.cause) })),
  'causes.delete': undoable(write(deleteCause, { writes: byId(projectOfRow.cause) })),
  'adjustments.list': read(listAdjustments),
  'adjustments.get': read(getAdjustment),
  'adjustments.create': undoable(write(createAdjustment, { writes: inProject })),
  'adjustments.update': undoable(write(updateAdjustment, { writes: ofAdjustment })),
  'adjustments.delete': undoable(write(deleteAdjustment, { writes: ofAdjustment })),
  'adjustments.submit': undoable(write(submitAdjustment, { writes: ofAdjustment })),
  'adjustments.approve': undoable(write(approveAdjustment, { writes: ofAdjustment })),
  'adjustments.reject': undoable(write(rejectAdjustment, { writes: ofAdjustment })),
  'adjustments.apply': undoable(write(applyAdjustment, { writes: ofAdjustment })),
  'adjustments.evaluate': undoable(write(evaluateAdjustment, { writes: ofAdjustment })),
  'adjustments.confirmDecision': undoable(write(confirmDecision, { writes: ofAdjustment })),
  'adjustments.form': read(approvalForm),
} satisfies Partial<RouteTable>;
