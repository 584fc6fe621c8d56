/**
 * Maps each channel of the contract to its service. Knows nothing of Electron or HTTP: the
 * Electron IPC adapter and the loopback bridge both hand it (channel, payload) and send back
 * the Result it returns. Every payload is parsed before a service sees it; every failure comes
 * back as data ({ ok: false, error }) and never as an exception or a partial write.
 */
import { UNDOABLE_CHANNELS } from './shared/history-actions';
import type { z } from 'zod';
import { CHANNELS, isChannel, type Channel } from './shared/channels';
import { contract, type Contract, type Output } from './shared/contract';
import { AppError, type AppErrorData, type Result } from './shared/errors';
import { projectOf, type Db } from './services/common';
import { createModule, deleteModule, listModules, updateModule } from './services/modules';
import { createPerson, deletePerson, listPeople, updatePerson } from './services/people';
import {
  createProject,
  deleteProject,
  getProject,
  listProjects,
  renameProject,
  updateProject,
} from './services/projects';
import { createTask, deleteTasks, listTaskRows, listTasks, pasteTasks, updateTask } from './services/tasks';
import { indentTask, moveTask, outdentTask } from './services/task-tree';
import { historyState, recordHistory, redo, undo } from './services/history';
import { exportSheet, prepareImport, previewSheet } from './services/sheets';
import { exportFollowUpSheet } from './services/sheets/export-follow-up';
import {
  deleteActual,
  createMetric,
  deleteMetric,
  listActuals,
  listMetrics,
  updateMetric,
  upsertActual,
} from './services/metrics';
import { listPeriods, openPeriod, periodSnapshot } from './services/periods';
import { createSpend, deleteSpend, listSpend, updateSpend } from './services/spend';
import { createCheckin, deleteCheckin, listCheckins } from './services/checkins';
import { getDashboard } from './services/dashboard';
import { getRetrospective } from './services/retrospective';
import { createLesson, deleteLesson, listLessons, searchLessons, updateLesson } from './services/lessons';
import { copyPlan } from './services/copy-plan';
import { guardArchived, type GuardContext } from './archive-guard';
import { identityMe, matchIdentity, setInstallationName } from './services/identity';
import { getFeedbackSettings, updateFeedbackSettings } from './services/feedback-settings';
import { createIssue, deleteIssue, listIssues, updateIssue } from './services/issues';
import {
  createFeedback,
  deleteFeedback,
  feedbackFromAttention,
  followUpSummary,
  listFeedback,
  updateFeedback,
} from './services/feedback';
import { createCause, deleteCause, listCauses, updateCause } from './services/causes';
import {
  createAdjustment,
  deleteAdjustment,
  getAdjustment,
  listAdjustments,
  updateAdjustment,
} from './services/adjustments';
import {
  applyAdjustment,
  approvalForm,
  approveAdjustment,
  confirmDecision,
  evaluateAdjustment,
  rejectAdjustment,
  submitAdjustment,
} from './services/adjustment-workflow';
import { schemaVersion } from './db/open';
import { captureChanges } from './db/capture';
import type { ProjectFileService } from './project-file/service';
import { textProblem } from './shared/values';
import type { BackupService } from './backups/backups';

/**
 * The channels whose service must await (reading or writing a spreadsheet file with exceljs).
 * Everything else is synchronous, like better-sqlite3 itself.
 */
const ASYNC_CHANNELS = [
  'sheets.export',
  'sheets.preview',
  'sheets.import',
  'projectFile.export',
  'projectFile.open',
  'backups.create',
  'backups.restore',
] as const;
type AsyncChannel = (typeof ASYNC_CHANNELS)[number];
type SyncChannel = Exclude<Channel, AsyncChannel>;
const isAsyncChannel = (c: Channel): c is AsyncChannel => (ASYNC_CHANNELS as readonly string[]).includes(c);

type Handlers = {
  [C in SyncChannel]: (db: Db, input: z.output<Contract[C]['input']>) => Output<C>;
};
/**
 * An asynchronous channel works in two stages: the awaited part (parsing or writing a file) runs
 * first, outside any transaction, because a better-sqlite3 transaction must never span an
 * await; it answers with the synchronous rest, which the router then runs like any other
 * handler (inside the undo capture when the channel is undoable).
 */
type AsyncHandlers = {
  [C in AsyncChannel]: (db: Db, input: z.output<Contract[C]['input']>) => Promise<() => Output<C>>;
};

export interface AppInfo {
  version: string;
  /** Export, open and merge of project files (absent where files cannot be read, e.g. some tests). */
  projectFiles?: ProjectFileService;
  /** Backups of the database file (absent for a router over a bare connection, e.g. some tests). */
  backups?: BackupService;
}

function backupsOf(info: AppInfo): BackupService {
  if (!info.backups) throw new AppError({ code: 'internal', reason: 'backups_unavailable' });
  return info.backups;
}

function projectFilesOf(info: AppInfo): ProjectFileService {
  if (!info.projectFiles) throw new AppError({ code: 'internal', reason: 'project_files_unavailable' });
  return info.projectFiles;
}

function handlers(info: AppInfo): Handlers {
  return {
    'app.info': (db) => ({ version: info.version, schemaVersion: schemaVersion(db) }),
    'projects.list': (db) => listProjects(db),
    'projects.get': (db, i) => getProject(db, i.id),
    'projects.create': createProject,
    'projects.rename': renameProject,
    'projects.update': updateProject,
    'projects.delete': deleteProject,
    'people.list': listPeople,
    'people.create': createPerson,
    'people.update': updatePerson,
    'people.delete': deletePerson,
    'modules.list': listModules,
    'modules.create': createModule,
    'modules.update': updateModule,
    'modules.delete': deleteModule,
    'tasks.list': listTaskRows,
    'tasks.create': createTask,
    'tasks.update': updateTask,
    'tasks.delete': deleteTasks,
    'tasks.move': (db, i) => (moveTask(db, i), listTasks(db, { projectId: projectOfTask(db, i.id) })),
    'tasks.indent': (db, i) => (indentTask(db, i), listTasks(db, { projectId: projectOfTask(db, i.id) })),
    'tasks.outdent': (db, i) => (outdentTask(db, i), listTasks(db, { projectId: projectOfTask(db, i.id) })),
    'tasks.paste': pasteTasks,
    'history.state': historyState,
    'history.undo': undo,
    'history.redo': redo,
    'metrics.list': listMetrics,
    'metrics.create': createMetric,
    'metrics.update': updateMetric,
    'metrics.delete': deleteMetric,
    'actuals.list': listActuals,
    'actuals.upsert': upsertActual,
    'actuals.delete': deleteActual,
    'periods.list': listPeriods,
    'periods.open': openPeriod,
    'periods.snapshot': periodSnapshot,
    'spend.list': listSpend,
    'spend.create': createSpend,
    'spend.update': updateSpend,
    'spend.delete': deleteSpend,
    'checkins.list': listCheckins,
    'checkins.create': createCheckin,
    'checkins.delete': deleteCheckin,
    'dashboard.get': getDashboard,
    'retro.get': getRetrospective,
    'lessons.list': listLessons,
    'lessons.create': createLesson,
    'lessons.update': updateLesson,
    'lessons.delete': deleteLesson,
    'lessons.search': searchLessons,
    'projects.copyPlan': copyPlan,
    'projectFile.progress': () => projectFilesOf(info).progress(),
    'projectFile.preview': (_db, i) => projectFilesOf(info).preview(i.token),
    'projectFile.import': (_db, i) => projectFilesOf(info).import(i),
    'projectFile.discard': (_db, i) => projectFilesOf(info).discard(i.token),
    'identity.get': () => projectFilesOf(info).identity(),
    'backups.list': () => backupsOf(info).list(),
    'identity.setName': setInstallationName,
    'identity.me': identityMe,
    'identity.match': matchIdentity,
    'feedbackSettings.get': getFeedbackSettings,
    'feedbackSettings.update': updateFeedbackSettings,
    'issues.list': listIssues,
    'issues.create': createIssue,
    'issues.update': updateIssue,
    'issues.delete': deleteIssue,
    'feedback.list': listFeedback,
    'feedback.create': createFeedback,
    'feedback.update': updateFeedback,
    'feedback.delete': deleteFeedback,
    'feedback.fromAttention': feedbackFromAttention,
    'feedback.summary': followUpSummary,
    'causes.list': listCauses,
    'causes.create': createCause,
    'causes.update': updateCause,
    'causes.delete': deleteCause,
    'adjustments.list': listAdjustments,
    'adjustments.get': getAdjustment,
    'adjustments.create': createAdjustment,
    'adjustments.update': updateAdjustment,
    'adjustments.delete': deleteAdjustment,
    'adjustments.submit': submitAdjustment,
    'adjustments.approve': approveAdjustment,
    'adjustments.reject': rejectAdjustment,
    'adjustments.apply': applyAdjustment,
    'adjustments.evaluate': evaluateAdjustment,
    'adjustments.confirmDecision': confirmDecision,
    'adjustments.form': approvalForm,
  };
}

const done =
  <T>(value: T) =>
  () =>
    value;

function asyncHandlers(info: AppInfo): AsyncHandlers {
  return {
    'sheets.export': async (db, i) =>
      done(
        i.table === 'tasks' || i.table === 'modules'
          ? await exportSheet(db, { ...i, table: i.table })
          : await exportFollowUpSheet(db, { ...i, table: i.table }),
      ),
    'sheets.preview': async (db, i) => done(await previewSheet(db, i)),
    'sheets.import': prepareImport,
    'projectFile.export': async (_db, i) => done(await projectFilesOf(info).exportProject(i)),
    'projectFile.open': async (_db, i) => done(await projectFilesOf(info).open(i)),
    'backups.create': async () => done(await backupsOf(info).create('manual')),
    'backups.restore': async (_db, i) => done(await backupsOf(info).restore(i.name)),
  };
}

const projectOfTask = (db: Db, id: string) => projectOf(db, 'tasks', id);

/**
 * Writes a user can undo: each runs with its changed rows captured into the project's history,
 * in the same transaction as the write. Creating or deleting a whole project is not undone
 * (its confirmation is the safeguard), and undo/redo do not record themselves.
 */
const UNDOABLE: ReadonlySet<Channel> = new Set<Channel>(UNDOABLE_CHANNELS);

export interface Router {
  readonly channels: readonly Channel[];
  /**
   * Answers a synchronous channel at once (every channel but the spreadsheet ones), and any
   * payload that is malformed or names an unknown channel. An asynchronous channel with a valid
   * payload is refused here as internal/async_channel: call invokeAsync.
   */
  invoke(channel: unknown, payload: unknown): Result<unknown>;
  /** Any channel, awaited: what the transports (Electron IPC, the loopback bridge) call. */
  invokeAsync(channel: unknown, payload: unknown): Promise<Result<unknown>>;
}

export interface RouterOptions extends AppInfo {
  /** Where unexpected failures are reported (they reach the caller only as code 'internal'). */
  logError?: (message: string, error: unknown) => void;
}

export function createRouter(db: Db, options: RouterOptions): Router {
  const table = handlers(options);
  const asyncTable = asyncHandlers(options);
  const logError = options.logError ?? ((m, e) => console.error(m, e));

  /** The payload parsed against the channel's schema, or the answer refusing it. */
  function parse(channel: unknown, payload: unknown): { channel: Channel; data: unknown } | Result<never> {
    if (!isChannel(channel)) return { ok: false, error: { code: 'unknown_channel' } };
    const parsed = contract[channel].input.safeParse(payload);
    if (!parsed.success) return { ok: false, error: fromZod(parsed.error) };
    const bad = badTextAt(parsed.data, []);
    if (bad) return { ok: false, error: { code: 'invalid_input', path: bad.path, reason: bad.reason } };
    return { channel, data: parsed.data };
  }

  const guardContext: GuardContext = {
    stagedProjectId: (token) => options.projectFiles?.stagedProjectId(token) ?? null,
  };

  /**
   * Runs the synchronous work of a channel and checks its answer; failures become data. A write
   * to an archived project is refused first (archive-guard.ts), in the write's transaction when
   * it has one; without one the check and the write still run back to back, nothing between.
   */
  function run(channel: Channel, data: unknown, work: () => unknown): Result<unknown> {
    try {
      const value = UNDOABLE.has(channel)
        ? db.transaction(() => {
            guardArchived(db, channel, data, guardContext);
            const captured = captureChanges(db, work);
            recordHistory(db, channel, captured.changes);
            return captured.value;
          })()
        : (guardArchived(db, channel, data, guardContext), work());
      const problem = checkOutput(contract[channel].output, value);
      if (problem) {
        logError(`output of ${channel} does not match the contract`, problem);
        return { ok: false, error: { code: 'internal' } };
      }
      return { ok: true, value };
    } catch (e) {
      return failure(channel, e);
    }
  }

  function failure(channel: Channel, e: unknown): Result<never> {
    if (e instanceof AppError) return { ok: false, error: e.data };
    if (isConstraintError(e)) {
      // The schema's own checks are a last line of defence behind the services' checks.
      logError(`constraint failed in ${channel}`, e);
      return { ok: false, error: { code: 'conflict', reason: 'constraint' } };
    }
    logError(`${channel} failed`, e);
    return { ok: false, error: { code: 'internal' } };
  }

  function runSync(channel: SyncChannel, data: unknown): Result<unknown> {
    const handler = table[channel] as (db: Db, input: unknown) => unknown;
    return run(channel, data, () => handler(db, data));
  }

  return {
    channels: CHANNELS,
    invoke(channel, payload) {
      const p = parse(channel, payload);
      if ('ok' in p) return p;
      if (!isAsyncChannel(p.channel)) return runSync(p.channel, p.data);
      logError(`${p.channel} called synchronously`, new Error('use invokeAsync'));
      return { ok: false, error: { code: 'internal', reason: 'async_channel' } };
    },
    async invokeAsync(channel, payload) {
      const p = parse(channel, payload);
      if ('ok' in p) return p;
      if (!isAsyncChannel(p.channel)) return runSync(p.channel, p.data);
      let rest: () => unknown;
      try {
        // Refused before a spreadsheet is read, not only after.
        guardArchived(db, p.channel, p.data, guardContext);
        const handler = asyncTable[p.channel] as (db: Db, input: unknown) => Promise<() => unknown>;
        rest = await handler(db, p.data);
      } catch (e) {
        return failure(p.channel, e);
      }
      return run(p.channel, p.data, rest);
    },
  };
}

/**
 * Where a string of the payload (or a key of one of its objects) holds a control character (NUL,
 * ESC …) or ill-formed UTF-16 (a lone surrogate), and which, or null. Checked for every channel
 * at once rather than field by field: a value the app stores must be one a project file may
 * carry, and such characters are never typed on purpose.
 */
export function badTextAt(
  value: unknown,
  path: (string | number)[],
): { path: (string | number)[]; reason: string } | null {
  if (typeof value === 'string') {
    const reason = textProblem(value);
    return reason ? { path, reason } : null;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = badTextAt(value[i], [...path, i]);
      if (found) return found;
    }
  } else if (value !== null && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      const reason = textProblem(key);
      if (reason) return { path: [...path, key], reason };
      const found = badTextAt(inner, [...path, key]);
      if (found) return found;
    }
  }
  return null;
}

/** How many rows of a list answer are checked against the contract. */
export const OUTPUT_SAMPLE = 200;

/**
 * The output is checked too: a service returning the wrong shape is a bug to catch here, not a
 * surprise in the renderer. A long list is checked on its first rows only: every row comes from
 * the same query and mapping, and checking 10,000 rows cost as much as reading them.
 */
export function checkOutput(schema: z.ZodType, value: unknown): z.ZodError | null {
  const sample = Array.isArray(value) && value.length > OUTPUT_SAMPLE ? value.slice(0, OUTPUT_SAMPLE) : value;
  const result = schema.safeParse(sample);
  return result.success ? null : result.error;
}

function isConstraintError(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return e instanceof Error && typeof code === 'string' && code.startsWith('SQLITE_CONSTRAINT');
}

/** The first zod issue, reduced to what the renderer needs to word it. */
export function fromZod(error: z.ZodError): AppErrorData {
  const issue = error.issues[0];
  if (!issue) return { code: 'invalid_input' };
  const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
  const params: Record<string, string | number> = {};
  let reason: string = issue.code;
  if (issue.code === 'too_big' || issue.code === 'too_small') {
    const bound = issue.code === 'too_big' ? issue.maximum : issue.minimum;
    params.limit = typeof bound === 'bigint' ? Number(bound) : (bound as number);
    params.origin = issue.origin;
  } else if (issue.code === 'custom' && typeof issue.params?.reason === 'string') {
    reason = issue.params.reason;
  } else if (issue.code === 'invalid_type') {
    params.expected = issue.expected;
  } else if (issue.code === 'unrecognized_keys') {
    params.keys = issue.keys.join(', ');
  }
  const problems =
    error.issues.length > 1
      ? error.issues.slice(0, 500).map((i) => ({
          path: i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
          reason: i.code === 'custom' && typeof i.params?.reason === 'string' ? i.params.reason : i.code,
        }))
      : undefined;
  return { code: 'invalid_input', path, reason, params, ...(problems ? { problems } : {}) };
}

/**
 * A router for when the database could not be opened (e.g. written by a newer version): every
 * call answers with that error, so the renderer can explain it instead of the app crashing.
 */
export function createFailedRouter(error: AppErrorData): Router {
  const invoke = (channel: unknown): Result<unknown> =>
    isChannel(channel) ? { ok: false, error } : { ok: false, error: { code: 'unknown_channel' } };
  return { channels: CHANNELS, invoke, invokeAsync: async (channel) => invoke(channel) };
}
