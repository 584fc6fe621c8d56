import type { StateCreator } from 'zustand';
import type {
  Adjustment,
  AdjustmentPatch,
  Feedback,
  FeedbackPatch,
  FeedbackSettings,
  FollowUpSummary,
  Identity,
  Issue,
  IssuePatch,
  RootCause,
} from '../../src-main/shared/feedback';
import type { AppErrorData } from '../../src-main/shared/errors';
import type { Input, Output } from '../../src-main/shared/contract';
import { todayIso } from '../../src-main/shared/values';
import { call, errorData } from '../api/client';
import type { AppState } from './index';
import { NO_OPEN_PROJECT, refused, succeeded, type Outcome } from './outcome';
import type { NoticeEntity } from './ui-slice';
import { callWrite, type Written } from './write';

/**
 * Steps 四 and 五 of the open project: the issue log, the feedback log, root causes,
 * adjustments, the project's lists and rules, who the app's user is, and the per-module summary
 * Table 1 and 概览 show.
 */
export interface FollowUp {
  projectId: string;
  issues: Issue[];
  feedback: Feedback[];
  causes: RootCause[];
  adjustments: Adjustment[];
  settings: FeedbackSettings;
  identity: Identity;
  summary: FollowUpSummary;
}

export type WorkflowStep = 'submit' | 'approve' | 'reject' | 'apply';
type CausePatch = Input<'causes.update'>['patch'];
type SettingsPatch = Input<'feedbackSettings.update'>['patch'];

/** The sub-views of 问题与反馈 and 调整审批. */
export type FollowView = 'issues' | 'feedback' | 'causes' | 'adjustments' | 'settings';

export interface FollowUpSlice {
  followUp: FollowUp | null;
  followView: { feedback: FollowView; adjustments: FollowView };
  /** The selected row of each sub-view (kept while another tab is open). */
  followSelected: Partial<Record<FollowView, string | null>>;
  selectFollow(view: FollowView, id: string | null): void;
  /** Opens a record of steps 四/五 (a followed link): its tab, its sub-view, the row selected. */
  openRecord(view: FollowView, id?: string): void;
  /** Refused cell values of these grids, keyed `${rowId}:${field}`. */
  followErrors: Record<string, AppErrorData>;
  /** The installation's own name (the same as written into exported files). */
  installationName: string | null;
  loadFollowUp(): Promise<void>;
  /** After a write elsewhere (undo, an edit of the plan): reload when loaded. */
  refreshFollowUp(): Promise<void>;
  createIssue(values: Input<'issues.create'>['values']): Promise<Outcome<Issue>>;
  editIssue(id: string, patch: IssuePatch): Promise<Outcome<Issue>>;
  deleteIssue(id: string): Promise<Outcome<unknown>>;
  createFeedback(values: Input<'feedback.create'>['values']): Promise<Outcome<Feedback>>;
  editFeedback(id: string, patch: FeedbackPatch): Promise<Outcome<Feedback>>;
  deleteFeedback(id: string): Promise<Outcome<unknown>>;
  /** An attention item of 概览 as 数据反馈; created false when that gap was recorded before. */
  feedbackFromAttention(
    key: string,
    content: string,
  ): Promise<Outcome<{ feedback: Feedback; created: boolean }>>;
  createCause(values: Input<'causes.create'>['values']): Promise<Outcome<RootCause>>;
  editCause(id: string, patch: CausePatch): Promise<Outcome<RootCause>>;
  deleteCause(id: string): Promise<Outcome<unknown>>;
  createAdjustment(values: Input<'adjustments.create'>['values']): Promise<Outcome<Adjustment>>;
  editAdjustment(id: string, patch: AdjustmentPatch): Promise<Outcome<Adjustment>>;
  deleteAdjustment(id: string): Promise<Outcome<unknown>>;
  /** A workflow step with the user's date; a refusal is shown in the banner too. */
  stepAdjustment(step: WorkflowStep, id: string, comment: string): Promise<Outcome<Adjustment>>;
  evaluateAdjustment(id: string, actualValueC: number | null, note: string): Promise<Outcome<Adjustment>>;
  confirmDecision(id: string, confirm: boolean, comment: string): Promise<Outcome<Adjustment>>;
  updateFeedbackSettings(patch: SettingsPatch): Promise<Outcome<Output<'feedbackSettings.update'>>>;
  matchIdentity(personId: string | null): Promise<Outcome<Output<'identity.match'>>>;
  setInstallationName(name: string): Promise<Outcome<Output<'identity.setName'>>>;
  /** A value refused before it was sent, shown at its cell like a stored refusal. */
  rejectFollowCell(entity: NoticeEntity, id: string, field: string, error: AppErrorData, label: string): void;
}

// ---- selectors ----
export const selectFollowUp = (s: AppState): FollowUp | null => s.followUp;
/** The follow-up data when it is the open project's (null while it loads or for another project). */
export const selectOpenFollowUp = (s: AppState): FollowUp | null =>
  s.followUp && s.followUp.projectId === s.plan?.project.id ? s.followUp : null;
export const selectFollowSummary = (s: AppState): FollowUpSummary | null =>
  selectOpenFollowUp(s)?.summary ?? null;
export const selectFollowErrors = (s: AppState): Record<string, AppErrorData> => s.followErrors;

export const followUpSlice: StateCreator<AppState, [], [], FollowUpSlice> = (set, get) => {
  const projectId = () => get().plan?.project.id ?? null;
  let inflight: { projectId: string; promise: Promise<void> } | null = null;

  async function load(id: string) {
    try {
      const [issues, feedback, causes, adjustments, settings, identity, summary, me] = await Promise.all([
        call('issues.list', { projectId: id }),
        call('feedback.list', { projectId: id }),
        call('causes.list', { projectId: id }),
        call('adjustments.list', { projectId: id }),
        call('feedbackSettings.get', { projectId: id }),
        call('identity.me', { projectId: id }),
        call('feedback.summary', { projectId: id }),
        call('identity.get', {}),
      ]);
      if (projectId() === id)
        set({
          followUp: { projectId: id, issues, feedback, causes, adjustments, settings, identity, summary },
          installationName: me.name,
        });
    } catch (e) {
      get().showNotice({ error: errorData(e) });
    }
  }

  const reload = async () => {
    const id = projectId();
    if (id) await load(id);
  };

  /**
   * Runs a write; then the follow-up data is read again (links and names change on every side).
   * With a change set, the store already holds what the write changed in the plan and the undo
   * state, and has read the follow-up again if a tab shows it; without one, the undo state and
   * what the write touched in the plan are read again too. On a refusal, the reason in the
   * banner and at the cell (when a field was edited).
   */
  async function write<T>(
    send: () => Promise<Written<T>>,
    about: {
      entity?: NoticeEntity;
      label?: string;
      id?: string;
      fields?: string[];
      changesPlan?: boolean;
    } = {},
  ): Promise<Outcome<T>> {
    const keys = (about.fields ?? []).map((f) => `${about.id}:${f}`);
    const cleared = { ...get().followErrors };
    for (const k of keys) delete cleared[k];
    set({ followErrors: cleared });
    try {
      const { value, changes, settled } = await send();
      if (get().notice) get().showNotice(null); // an earlier refusal is no longer the news
      if (changes) {
        const before = get().followUp;
        await settled;
        if (get().followUp === before) await reload(); // not read again by the change set
      } else {
        await reload();
        if (about.changesPlan) {
          await get().refreshPlan(['project', 'modules', 'tasks', 'people']);
          if (get().metricsData) void get().loadMetrics();
        } else void get().refreshHistory();
      }
      return succeeded(value);
    } catch (e) {
      const error = errorData(e);
      set({
        followErrors: { ...get().followErrors, ...Object.fromEntries(keys.map((k) => [k, error])) },
      });
      get().showNotice({ error, entity: about.entity, label: about.label });
      return refused(error);
    }
  }
  const noProject = () => Promise.resolve(refused(NO_OPEN_PROJECT));
  const labelOf = (list: 'issues' | 'causes' | 'adjustments', id: string) =>
    (get().followUp?.[list] as { id: string; title: string }[] | undefined)?.find((r) => r.id === id)?.title;

  return {
    followUp: null,
    followView: { feedback: 'issues', adjustments: 'adjustments' },
    followSelected: {},
    selectFollow(view, id) {
      if (get().followSelected[view] !== id) set({ followSelected: { ...get().followSelected, [view]: id } });
    },
    openRecord(view, id) {
      const tab = view === 'adjustments' || view === 'settings' ? 'adjustments' : 'feedback';
      set({
        followView: { ...get().followView, [tab]: view },
        ...(id ? { followSelected: { ...get().followSelected, [view]: id } } : {}),
      });
      get().openTab(tab, id);
    },
    followErrors: {},
    installationName: null,

    loadFollowUp() {
      const id = projectId();
      if (!id) return Promise.resolve();
      if (inflight?.projectId === id) return inflight.promise;
      const promise = load(id).finally(() => {
        if (inflight?.promise === promise) inflight = null;
      });
      inflight = { projectId: id, promise };
      return promise;
    },
    async refreshFollowUp() {
      if (get().followUp && get().followUp?.projectId === projectId()) await reload();
    },

    async createIssue(values) {
      const id = projectId();
      if (!id) return noProject();
      return write(() => callWrite('issues.create', { projectId: id, values }), { entity: 'issue' });
    },
    async editIssue(id, patch) {
      const label = labelOf('issues', id);
      return write(() => callWrite('issues.update', { id, patch }), {
        entity: 'issue',
        label,
        id,
        fields: Object.keys(patch),
      });
    },
    async deleteIssue(id) {
      const label = labelOf('issues', id);
      return write(() => callWrite('issues.delete', { id }), { entity: 'issue', label });
    },

    async createFeedback(values) {
      const id = projectId();
      if (!id) return noProject();
      return write(() => callWrite('feedback.create', { projectId: id, values }), { entity: 'feedback' });
    },
    async editFeedback(id, patch) {
      return write(() => callWrite('feedback.update', { id, patch }), {
        entity: 'feedback',
        id,
        fields: Object.keys(patch),
      });
    },
    async deleteFeedback(id) {
      return write(() => callWrite('feedback.delete', { id }), { entity: 'feedback' });
    },
    async feedbackFromAttention(key, content) {
      const id = projectId();
      if (!id) return noProject();
      return write(
        () => callWrite('feedback.fromAttention', { projectId: id, key, today: todayIso(), content }),
        {
          entity: 'feedback',
        },
      );
    },

    async createCause(values) {
      const id = projectId();
      if (!id) return noProject();
      return write(() => callWrite('causes.create', { projectId: id, values }), { entity: 'cause' });
    },
    async editCause(id, patch) {
      return write(() => callWrite('causes.update', { id, patch }), {
        entity: 'cause',
        label: labelOf('causes', id),
        id,
        fields: Object.keys(patch),
      });
    },
    async deleteCause(id) {
      const label = labelOf('causes', id);
      return write(() => callWrite('causes.delete', { id }), { entity: 'cause', label });
    },

    async createAdjustment(values) {
      const id = projectId();
      if (!id) return noProject();
      return write(() => callWrite('adjustments.create', { projectId: id, values }), {
        entity: 'adjustment',
      });
    },
    async editAdjustment(id, patch) {
      return write(() => callWrite('adjustments.update', { id, patch }), {
        entity: 'adjustment',
        label: labelOf('adjustments', id),
        id,
        fields: Object.keys(patch),
      });
    },
    async deleteAdjustment(id) {
      const label = labelOf('adjustments', id);
      return write(() => callWrite('adjustments.delete', { id }), { entity: 'adjustment', label });
    },
    async stepAdjustment(step, id, comment) {
      const input = { id, today: todayIso(), ...(comment.trim() ? { comment: comment.trim() } : {}) };
      const channel = `adjustments.${step}` as const;
      return write(() => callWrite(channel, input), {
        entity: 'adjustment',
        label: labelOf('adjustments', id),
        changesPlan: step === 'apply',
      });
    },
    async evaluateAdjustment(id, actualValueC, note) {
      return write(
        () =>
          callWrite('adjustments.evaluate', {
            id,
            today: todayIso(),
            ...(actualValueC === null ? {} : { actualValueC }),
            ...(note.trim() ? { note: note.trim() } : {}),
          }),
        { entity: 'adjustment', label: labelOf('adjustments', id) },
      );
    },
    async confirmDecision(id, confirm, comment) {
      return write(
        () =>
          callWrite('adjustments.confirmDecision', {
            id,
            today: todayIso(),
            confirm,
            ...(comment.trim() ? { comment: comment.trim() } : {}),
          }),
        { entity: 'adjustment', label: labelOf('adjustments', id) },
      );
    },

    async updateFeedbackSettings(patch) {
      const id = projectId();
      if (!id) return noProject();
      return write(() => callWrite('feedbackSettings.update', { projectId: id, patch }), {
        entity: 'settings',
      });
    },
    async matchIdentity(personId) {
      const id = projectId();
      if (!id) return noProject();
      return write(() => callWrite('identity.match', { projectId: id, personId }), { entity: 'settings' });
    },
    async setInstallationName(name) {
      return write(() => callWrite('identity.setName', { name }), { entity: 'settings' });
    },

    rejectFollowCell(entity, id, field, error, label) {
      const shown = { ...error, path: [field] };
      set({ followErrors: { ...get().followErrors, [`${id}:${field}`]: shown } });
      get().showNotice({ error: shown, entity, label });
    },
  };
};
