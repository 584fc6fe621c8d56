/**
 * The names of every channel, without their schemas: the preload imports only this list so its
 * bundle stays tiny, and refuses any name not on it.
 */
export const CHANNELS = [
  'app.info',
  'projects.list',
  'projects.get',
  'projects.create',
  'projects.rename',
  'projects.update',
  'projects.delete',
  'people.list',
  'people.create',
  'people.update',
  'people.delete',
  'modules.list',
  'modules.create',
  'modules.update',
  'modules.delete',
  'tasks.list',
  'tasks.create',
  'tasks.update',
  'tasks.delete',
  'tasks.move',
  'tasks.indent',
  'tasks.outdent',
  'tasks.paste',
  'history.state',
  'history.undo',
  'history.redo',
  'sheets.export',
  'sheets.preview',
  'sheets.import',
  'metrics.list',
  'metrics.create',
  'metrics.update',
  'metrics.delete',
  'actuals.list',
  'actuals.upsert',
  'actuals.delete',
  'periods.list',
  'periods.open',
  'periods.snapshot',
  'spend.list',
  'spend.create',
  'spend.update',
  'spend.delete',
  'checkins.list',
  'checkins.create',
  'checkins.delete',
  'dashboard.get',
] as const;
export type Channel = (typeof CHANNELS)[number];

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && (CHANNELS as readonly string[]).includes(name);
}
