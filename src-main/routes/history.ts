/** Undo and redo: writes of their own, never recorded as steps themselves. */
import { historyState, redo, undo } from '../services/history';
import { inProject, read, write, type RouteTable } from './route';

export const historyRoutes = {
  'history.state': read(historyState),
  'history.undo': write(undo, { writes: inProject }),
  'history.redo': write(redo, { writes: inProject }),
} satisfies Partial<RouteTable>;
