/** Project files (.ctproj) and backups of the database: the work is the services'. */
import { backupsOf, none, projectFilesOf, read, write, writeAsync, type RouteTable } from './route';

const done =
  <T>(value: T) =>
  () =>
    value;

export const fileRoutes = {
  'projectFile.progress': read((_db, _i: Record<string, never>, app) => projectFilesOf(app).progress()),
  'projectFile.preview': read((_db, i: { token: string }, app) => projectFilesOf(app).preview(i.token)),
  // Records what was sent and this installation's name.
  'projectFile.export': writeAsync(
    async (_db, i: { projectId: string; exporterName: string }, app) =>
      done(await projectFilesOf(app).exportProject(i)),
    { writes: none },
  ),
  'projectFile.open': writeAsync(
    async (_db, i: { fileName: string; base64: string }, app) => done(await projectFilesOf(app).open(i)),
    { writes: none },
  ),
  'projectFile.discard': write((_db, i: { token: string }, app) => projectFilesOf(app).discard(i.token), {
    writes: none,
  }),
  // A merge changes the project the file is a copy of (one undo step, journaled by the merge
  // itself); a new project or a copy changes none here and is written whole.
  'projectFile.import': write(
    (_db, i: Parameters<ReturnType<typeof projectFilesOf>['import']>[0], app) =>
      projectFilesOf(app).import(i),
    {
      writes: (_db, i, ctx) => (i.mode === 'merge' ? [ctx.stagedProjectId(i.token)] : []),
      capture: false,
      project: (_i, v) => v.projectId,
    },
  ),
  'identity.get': read((_db, _i: Record<string, never>, app) => projectFilesOf(app).identity()),
  'backups.list': read((_db, _i: Record<string, never>, app) => backupsOf(app).list()),
  'backups.create': writeAsync(
    async (_db, _i: Record<string, never>, app) => done(await backupsOf(app).create('manual')),
    {
      writes: none,
      journaled: false,
    },
  ),
  // The whole database is replaced, archived projects as they were (told by an event too).
  'backups.restore': writeAsync(
    async (_db, i: { name: string }, app) => {
      const restored = await backupsOf(app).restore(i.name);
      app.events?.emit({ type: 'backup-restored', name: i.name });
      return done(restored);
    },
    { writes: none, journaled: false, capture: false },
  ),
} satisfies Partial<RouteTable>;
