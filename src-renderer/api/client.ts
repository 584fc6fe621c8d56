/**
 * The renderer's typed client. In the Electron app it calls `window.api` (exposed by the
 * preload); in a plain browser (tests, development) it calls the loopback bridge with the run's
 * token. Either way the argument and result types come from the contract, and a failure arrives
 * as an ApiError carrying the error code for the UI to word.
 */
import type { Channel } from '../../src-main/shared/channels';
import type { Input } from '../../src-main/shared/contract';
import type { AppErrorData, Result } from '../../src-main/shared/errors';
import type { ExposedApi } from '../../src-main/shared/exposed-api';
import type { ChangeSet } from '../../src-main/shared/changes';
import { decodeAnswer, type Answer } from '../../src-main/shared/task-rows';
import { EVENTS_PATH, parseAppEvent, type AppEvent } from '../../src-main/shared/events';

declare global {
  interface Window {
    api?: ExposedApi;
  }
}

export class ApiError extends Error {
  constructor(readonly data: AppErrorData) {
    super(data.code);
    this.name = 'ApiError';
  }
}

const TOKEN_KEY = 'bridge-token';

let token: string | null = null;

/**
 * The bridge prints its URL with ?token=…; keep it for reloads of the same tab. Read once: every
 * call sends it, and an edit's call starts inside the Enter that shows its value.
 */
function bridgeToken(): string {
  if (token !== null) return token;
  const fromUrl = new URLSearchParams(window.location.search).get('token');
  if (fromUrl) sessionStorage.setItem(TOKEN_KEY, fromUrl);
  token = fromUrl ?? sessionStorage.getItem(TOKEN_KEY) ?? '';
  return token;
}

async function viaBridge(
  channel: string,
  payload: unknown,
  readAfter?: Promise<unknown>,
): Promise<Result<unknown>> {
  try {
    const response = await fetch(`/api/${encodeURIComponent(channel)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-bridge-token': bridgeToken() },
      body: JSON.stringify(payload ?? {}),
    });
    if (readAfter) await readAfter; // the body waits in the network's buffers meanwhile
    return (await response.json()) as Result<unknown>;
  } catch {
    return { ok: false, error: { code: 'internal', reason: 'transport' } };
  }
}

type ChangeListener = (changes: ChangeSet, channel: Channel) => void;
const changeListeners = new Set<ChangeListener>();

/**
 * Calls back with the change set of every write that succeeds, before its caller sees the
 * answer, so the store applies what moved in one place; returns the unsubscribe.
 */
export function onChanges(listener: ChangeListener): () => void {
  changeListeners.add(listener);
  return () => changeListeners.delete(listener);
}

export interface CallOptions {
  /**
   * Sent now, but its answer read (parsed and decoded) only once this settles: a long answer
   * asked for early, whose reading must not hold back what the page shows first.
   */
  readAfter?: Promise<unknown>;
}

/** A channel's answer; tasks.list's rows, sent as arrays (shared/task-rows.ts), arrive as Task objects. */
export async function call<C extends Channel>(
  channel: C,
  input: Input<C>,
  options: CallOptions = {},
): Promise<Answer<C>> {
  const { readAfter } = options;
  let result: Result<unknown>;
  if (window.api) {
    result = await window.api.invoke(channel, input);
    if (readAfter) await readAfter;
  } else result = await viaBridge(channel, input, readAfter);
  if (!result.ok) throw new ApiError(result.error);
  if (result.changes) for (const listener of changeListeners) listener(result.changes, channel);
  return decoded(channel, result.value, !!result.changes);
}

/**
 * The answer decoded. A paste's stored rows come as arrays and are needed only when no change set
 * carried them (the change set's rows are what the store shows): with one, they are decoded when
 * first read, not on the way to the table.
 */
function decoded<C extends Channel>(channel: C, value: unknown, changes: boolean): Answer<C> {
  if (channel !== 'tasks.paste' || !changes) return decodeAnswer(channel, value);
  let whole: Answer<C> | undefined;
  const answer = { ...(value as object) };
  Object.defineProperty(answer, 'tasks', {
    enumerable: true,
    get: () => ((whole ??= decodeAnswer(channel, value)) as { tasks: unknown }).tasks,
  });
  return answer as Answer<C>;
}

type EventListener = (event: AppEvent) => void;
const eventListeners = new Set<EventListener>();
let stream: EventSource | null = null;

/** The bridge's server-sent events, opened while someone listens (EventSource sends no headers). */
function openStream(): EventSource {
  const source = new EventSource(`${EVENTS_PATH}?token=${encodeURIComponent(bridgeToken())}`);
  source.onmessage = (message: MessageEvent<string>) => {
    let event: AppEvent | null;
    try {
      event = parseAppEvent(JSON.parse(message.data));
    } catch {
      return;
    }
    if (event) for (const listener of [...eventListeners]) listener(event);
  };
  return source;
}

/**
 * Calls back with each event the main process sends on its own (export progress, a finished
 * restore, a file opened from the OS, a menu command); returns the unsubscribe. In Electron they
 * come over IPC through the preload; in a browser, from the bridge's event stream.
 */
export function onEvent(listener: EventListener): () => void {
  if (window.api) return window.api.onEvent(listener);
  eventListeners.add(listener);
  stream ??= openStream();
  return () => {
    eventListeners.delete(listener);
    if (eventListeners.size === 0) {
      stream?.close();
      stream = null;
    }
  };
}

export function errorData(e: unknown): AppErrorData {
  return e instanceof ApiError ? e.data : { code: 'internal' };
}
