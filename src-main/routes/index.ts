/**
 * Every channel's handler, joined from the domains' registrations. The type requires one handler
 * per channel of the contract, each with the contract's input and output; a write must name the
 * projects it changes. Which channels read, write and are undone follow from here.
 */
import type { Channel } from '../shared/channels';
import { MERGE_ACTION } from '../shared/history-actions';
import { fileRoutes } from './files';
import { followUpRoutes } from './follow-up';
import { historyRoutes } from './history';
import { planRoutes } from './plan';
import { retroRoutes } from './retro';
import type { Route, RouteTable, WriteRoute } from './route';
import { sheetRoutes } from './sheets';
import { trackingRoutes } from './tracking';

export const ROUTES = {
  ...planRoutes,
  ...historyRoutes,
  ...sheetRoutes,
  ...trackingRoutes,
  ...retroRoutes,
  ...followUpRoutes,
  ...fileRoutes,
} satisfies RouteTable;

type Routes = typeof ROUTES;
/** Channels registered with `write(…)`: the archive rule refuses them on an archived project. */
export type WriteChannel = { [C in Channel]: Routes[C] extends { kind: 'write' } ? C : never }[Channel];

export function routeOf(channel: Channel): Route<unknown, unknown> {
  return ROUTES[channel] as Route<unknown, unknown>;
}

const channelsWhere = (test: (r: Route<unknown, unknown>) => boolean) =>
  (Object.keys(ROUTES) as Channel[]).filter((c) => test(routeOf(c)));

/** Channels that only read. */
export const READ_CHANNELS: readonly Channel[] = channelsWhere((r) => r.kind === 'read');
/** Channels registered as `undoable(…)`: each is recorded in history under its own name. */
export const UNDOABLE_CHANNELS: readonly Channel[] = channelsWhere(
  (r) => r.kind === 'write' && (r as WriteRoute<unknown, unknown>).undoable,
);

/** Every name history records a step under: the undoable channels and the merge of a file. */
export const UNDOABLE_ACTIONS: readonly string[] = [...UNDOABLE_CHANNELS, MERGE_ACTION];
