/**
 * The schema's history, oldest first. A migration is never edited once released: a change is a
 * new migration appended at the end. `migrate` checks that the versions applied to a file are a
 * prefix of this list before it applies the rest.
 */
import type { Database } from 'better-sqlite3';

export interface Migration {
  version: number;
  name: string;
  up(db: Database): void;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'planning core: projects, people, modules, tasks',
    up(db) {
      db.exec(`
        -- Conventions: ids are UUIDv7 text; calendar dates are 'YYYY-MM-DD' text; money is
        -- integer fen; timestamps of writes are UTC ISO text.
        CREATE TABLE app_meta (
          key   TEXT PRIMARY KEY,
          value TEXT NOT NULL
        ) STRICT;

        CREATE TABLE projects (
          id               TEXT PRIMARY KEY,
          name             TEXT NOT NULL CHECK (length(name) > 0),
          goal             TEXT NOT NULL DEFAULT '',
          owner_id         TEXT REFERENCES people(id) ON DELETE SET NULL,
          start_date       TEXT CHECK (start_date IS NULL OR start_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
          end_date         TEXT CHECK (end_date IS NULL OR end_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
          status           TEXT NOT NULL DEFAULT 'planning'
                             CHECK (status IN ('planning', 'active', 'done', 'archived')),
          actions          TEXT NOT NULL DEFAULT '',
          audience         TEXT NOT NULL DEFAULT '',
          budget_fen       INTEGER CHECK (budget_fen IS NULL OR budget_fen >= 0),
          manpower         TEXT NOT NULL DEFAULT '',
          channels         TEXT NOT NULL DEFAULT '',
          expected_outcome TEXT NOT NULL DEFAULT '',
          next_task_seq    INTEGER NOT NULL DEFAULT 1, -- M001, M002 …: never reused
          created_at       TEXT NOT NULL,
          updated_at       TEXT NOT NULL,
          CHECK (end_date IS NULL OR start_date IS NULL OR end_date >= start_date)
        ) STRICT;

        CREATE TABLE people (
          id            TEXT PRIMARY KEY,
          project_id    TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
          name          TEXT NOT NULL CHECK (length(name) > 0),
          role          TEXT NOT NULL DEFAULT 'executor'
                          CHECK (role IN ('overall_owner', 'module_owner', 'executor')),
          group_name    TEXT NOT NULL DEFAULT '',
          reports_to_id TEXT REFERENCES people(id) ON DELETE SET NULL,
          position      INTEGER NOT NULL,
          created_at    TEXT NOT NULL,
          updated_at    TEXT NOT NULL
        ) STRICT;
        CREATE INDEX people_by_project ON people(project_id, position);

        CREATE TABLE modules (
          id                TEXT PRIMARY KEY,
          project_id        TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
          name              TEXT NOT NULL CHECK (length(name) > 0),
          owner_id          TEXT REFERENCES people(id) ON DELETE SET NULL,
          progress_override INTEGER CHECK (progress_override IS NULL OR progress_override BETWEEN 0 AND 100),
          milestone         TEXT NOT NULL DEFAULT '',
          summary           TEXT NOT NULL DEFAULT '',
          issues            TEXT NOT NULL DEFAULT '',
          suggestions       TEXT NOT NULL DEFAULT '',
          result            TEXT NOT NULL DEFAULT '',
          position          INTEGER NOT NULL,
          created_at        TEXT NOT NULL,
          updated_at        TEXT NOT NULL
        ) STRICT;
        CREATE INDEX modules_by_project ON modules(project_id, position);

        CREATE TABLE tasks (
          id          TEXT PRIMARY KEY,
          project_id  TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
          code        TEXT NOT NULL,
          name        TEXT NOT NULL CHECK (length(name) > 0),
          deliverable TEXT NOT NULL DEFAULT '',
          owner_id    TEXT REFERENCES people(id) ON DELETE RESTRICT,
          start_date  TEXT CHECK (start_date IS NULL OR start_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
          end_date    TEXT CHECK (end_date IS NULL OR end_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
          budget_fen  INTEGER CHECK (budget_fen IS NULL OR budget_fen >= 0),
          manpower    TEXT NOT NULL DEFAULT '',
          tools       TEXT NOT NULL DEFAULT '',
          criteria    TEXT NOT NULL DEFAULT '',
          progress    INTEGER NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
          notes       TEXT NOT NULL DEFAULT '',
          module_id   TEXT REFERENCES modules(id) ON DELETE SET NULL,
          parent_id   TEXT REFERENCES tasks(id) ON DELETE CASCADE,
          position    INTEGER NOT NULL,
          created_at  TEXT NOT NULL,
          updated_at  TEXT NOT NULL,
          UNIQUE (project_id, code),
          CHECK (end_date IS NULL OR start_date IS NULL OR end_date >= start_date)
        ) STRICT;
        CREATE INDEX tasks_by_project ON tasks(project_id, position);
        CREATE INDEX tasks_by_owner ON tasks(owner_id);
        CREATE INDEX tasks_by_module ON tasks(module_id);
        CREATE INDEX tasks_by_parent ON tasks(parent_id);
      `);
    },
  },
  {
    version: 2,
    name: 'task milestones, blocked flag and predecessor links',
    up(db) {
      db.exec(`
        ALTER TABLE tasks ADD COLUMN milestone INTEGER NOT NULL DEFAULT 0 CHECK (milestone IN (0, 1));
        ALTER TABLE tasks ADD COLUMN blocked INTEGER NOT NULL DEFAULT 0 CHECK (blocked IN (0, 1));
        CREATE TABLE task_links (
          predecessor_id TEXT NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
          successor_id   TEXT NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
          PRIMARY KEY (predecessor_id, successor_id),
          CHECK (predecessor_id <> successor_id)
        ) STRICT;
        CREATE INDEX task_links_by_successor ON task_links(successor_id);
      `);
    },
  },
  {
    version: 3,
    name: 'undo history per project',
    up(db) {
      db.exec(`
        -- One entry per user action: the rows it changed, before and after (JSON), so it can be
        -- undone and redone after a restart. Bounded per project by the history service.
        CREATE TABLE history (
          seq        INTEGER PRIMARY KEY AUTOINCREMENT,
          project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
          action     TEXT NOT NULL,
          changes    TEXT NOT NULL,
          undone     INTEGER NOT NULL DEFAULT 0 CHECK (undone IN (0, 1)),
          created_at TEXT NOT NULL
        ) STRICT;
        CREATE INDEX history_by_project ON history(project_id, seq);
      `);
    },
  },
];

export const LATEST_VERSION = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;
