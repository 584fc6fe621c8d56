/**
 * Maps each channel of the contract to its service. Knows nothing of Electron or HTTP: the
 * Electron IPC adapter and the loopback bridge both hand it (channel, payload) and send back
 * the Result it returns. Every payload is parsed before a service sees it; every failure comes
 * back as data ({ ok: false, error }) and never as an exception or a partial write.
 */
import type { z } from 'zod';
import { CHANNELS, isChannel, type Channel } from './shared/channels';
import { contract } from './shared/contract';
import { AppError, type AppErrorData, type Result } from './shared/errors';
import type { ChangeSet } from './shared/changes';
import type { TaskRows } from './shared/task-rows';
import type { AppEvent } from './shared/events';
import type { Db } from './services/common';
import { historyStep } from './services/history';
import { journal } from './db/journal';
import { CAPTURED_TABLES } from './db/capture';
import { guardArchived } from './archive-guard';
import { routeOf } from './routes';
import type { AppInfo, GuardContext, Route, WriteRoute } from './routes/route';
import { createChangeSets } from './routes/change-set';
import { textProblem } from './shared/values';

export type { AppInfo } from './routes/route';

export interface Router {
  readonly channels: readonly Channel[];
  /**
   * Answers a synchronous channel at once (every channel but the file ones), and any payload
   * that is malformed or names an unknown channel. An asynchronous channel with a valid payload
   * is refused here as internal/async_channel: call invokeAsync.
   */
  invoke(channel: unknown, payload: unknown): Result<unknown>;
  /** Any channel, awaited: what the transports (Electron IPC, the loopback bridge) call. */
  invokeAsync(channel: unknown, payload: unknown): Promise<Result<unknown>>;
  /**
   * The other direction, for what an answer cannot carry (export progress, a restore, a file
   * opened from the OS): calls back with each event; returns the unsubscribe.
   */
  listen(listener: (event: AppEvent) => void): () => void;
}

const noEvents = () => () => {};

export interface RouterOptions extends AppInfo {
  /** Where unexpected failures are reported (they reach the caller only as code 'internal'). */
  logError?: (message: string, error: unknown) => void;
}

export function createRouter(db: Db, options: RouterOptions): Router {
  const logError = options.logError ?? ((m, e) => console.error(m, e));
  const changeSets = createChangeSets(db);
  /** What handlers get beside the database: the router's options and the roll-ups' figures. */
  const app: AppInfo = { ...options, knownFigures: changeSets.knownFigures };
  const guardContext: GuardContext = {
    stagedProjectId: (token) => options.projectFiles?.stagedProjectId(token) ?? null,
  };

  /** The payload parsed against the channel's schema, or the answer refusing it. */
  function parse(channel: unknown, payload: unknown): { channel: Channel; data: unknown } | Result<never> {
    if (!isChannel(channel)) return { ok: false, error: { code: 'unknown_channel' } };
    const parsed = contract[channel].input.safeParse(payload);
    if (!parsed.success) return { ok: false, error: fromZod(parsed.error) };
    const bad = badTextAt(parsed.data, []);
    if (bad) return { ok: false, error: { code: 'invalid_input', path: bad.path, reason: bad.reason } };
    return { channel, data: parsed.data };
  }

  /**
   * A write in its journal (db/journal.ts): one transaction, the archive rule checked first in
   * it, the rows captured, an undoable write's step recorded; answered with its change set.
   */
  function write(channel: Channel, route: WriteRoute<unknown, unknown>, data: unknown, work: () => unknown) {
    if (!route.journaled) {
      const value = work();
      // A backup copies the database (nothing changed); a restore replaced all of it.
      const tables = route.capture ? [] : Object.keys(CAPTURED_TABLES);
      return { value, changes: { projectId: null, tables } satisfies ChangeSet };
    }
    changeSets.begin();
    try {
      const done = journal(
        db,
        {
          guard: () => guardArchived(db, channel, route.writes, data, guardContext),
          capture: route.capture,
          record: route.undoable ? historyStep(db, channel) : undefined,
        },
        work,
      );
      return {
        value: done.value,
        changes: changeSets.build(
          done.changes,
          route.project?.(data, done.value) ?? null,
          route.tasksAfter?.(done.value),
        ),
      };
    } finally {
      changeSets.end();
    }
  }

  /** Runs the synchronous work of a channel and checks its answer; failures become data. */
  function run(
    channel: Channel,
    route: Route<unknown, unknown>,
    data: unknown,
    work: () => unknown,
  ): Result<unknown> {
    try {
      const { value, changes } =
        route.kind === 'write' ? write(channel, route, data, work) : { value: work(), changes: undefined };
      const problem = checkOutput(contract[channel].output, value);
      if (problem) {
        logError(`output of ${channel} does not match the contract`, problem);
        return { ok: false, error: { code: 'internal' } };
      }
      // The whole task list, read before any edit, gives the roll-ups their sums for free (its
      // first rows alone do not).
      if (channel === 'tasks.list' && (data as { first?: number }).first === undefined)
        changeSets.read((data as { projectId: string }).projectId, value as TaskRows);
      return changes ? { ok: true, value, changes } : { ok: true, value };
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

  return {
    channels: CHANNELS,
    listen: options.events?.listen ?? noEvents,
    invoke(channel, payload) {
      const p = parse(channel, payload);
      if ('ok' in p) return p;
      const route = routeOf(p.channel);
      if (route.run) return run(p.channel, route, p.data, () => route.run!(db, p.data, app));
      logError(`${p.channel} called synchronously`, new Error('use invokeAsync'));
      return { ok: false, error: { code: 'internal', reason: 'async_channel' } };
    },
    async invokeAsync(channel, payload) {
      const p = parse(channel, payload);
      if ('ok' in p) return p;
      const route = routeOf(p.channel);
      if (route.run) return run(p.channel, route, p.data, () => route.run!(db, p.data, app));
      let rest: () => unknown;
      try {
        // A write to an archived project is refused before a file is read, not only after.
        if (route.kind === 'write') guardArchived(db, p.channel, route.writes, p.data, guardContext);
        rest = await route.prepare!(db, p.data, app);
      } catch (e) {
        return failure(p.channel, e);
      }
      return run(p.channel, route, p.data, rest);
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
 * the same query and mapping, and checking 10,000 rows cost as much as reading them. So is a long
 * list one level down (a paste answers an object holding the 1,000 rows it stored).
 */
export function checkOutput(schema: z.ZodType, value: unknown): z.ZodError | null {
  const result = schema.safeParse(sampled(value, true));
  return result.success ? null : result.error;
}

function sampled(value: unknown, top: boolean): unknown {
  if (Array.isArray(value)) return value.length > OUTPUT_SAMPLE ? value.slice(0, OUTPUT_SAMPLE) : value;
  if (
    !top ||
    value === null ||
    typeof value !== 'object' ||
    Object.getPrototypeOf(value) !== Object.prototype
  )
    return value;
  const entries = Object.entries(value);
  if (!entries.some(([, v]) => Array.isArray(v) && v.length > OUTPUT_SAMPLE)) return value;
  return Object.fromEntries(entries.map(([k, v]) => [k, sampled(v, false)]));
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
  return { channels: CHANNELS, invoke, invokeAsync: async (channel) => invoke(channel), listen: noEvents };
}
