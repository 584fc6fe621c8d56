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
  {
    version: 4,
    name: 'tracking: cycles, metrics with actuals, tracking periods with Table 1 snapshots, spend, check-ins',
    up(db) {
      const date = (column: string, nullable: boolean) =>
        `${column} TEXT ${nullable ? '' : 'NOT NULL '}CHECK (${nullable ? `${column} IS NULL OR ` : ''}${column} GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]')`;
      const cycle = (column: string, nullable: boolean) =>
        `${column} TEXT ${nullable ? '' : "NOT NULL DEFAULT 'week' "}CHECK (${nullable ? `${column} IS NULL OR ` : ''}${column} IN ('day', 'week', 'month'))`;
      // Metric numbers are integer hundredths; the bound keeps every sum a safe integer in JS.
      const hundredths = (column: string, nullable: boolean) =>
        `${column} INTEGER ${nullable ? '' : 'NOT NULL '}CHECK (${nullable ? `${column} IS NULL OR ` : ''}${column} BETWEEN -1000000000000000 AND 1000000000000000)`;
      db.exec(`
        -- How often Table 1 is updated (a new tracking period), and from how many percent behind
        -- a gap is worth the owner's attention.
        ALTER TABLE projects ADD COLUMN ${cycle('tracking_cycle', false)};
        ALTER TABLE projects ADD COLUMN gap_threshold INTEGER NOT NULL DEFAULT 10 CHECK (gap_threshold BETWEEN 0 AND 100);
        -- A task with a cycle expects a progress check-in every day / week / month.
        ALTER TABLE tasks ADD COLUMN ${cycle('tracking_cycle', true)};

        -- Scope: the strategy (both NULL), one module or one task. Deleting the module or task
        -- keeps the metric and its recorded values (they become the strategy's), as tasks stay
        -- when their module goes.
        CREATE TABLE metrics (
          id           TEXT PRIMARY KEY,
          project_id   TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
          module_id    TEXT REFERENCES modules(id) ON DELETE SET NULL,
          task_id      TEXT REFERENCES tasks(id) ON DELETE SET NULL,
          name         TEXT NOT NULL CHECK (length(name) > 0),
          preset       TEXT,
          unit         TEXT NOT NULL DEFAULT '',
          kind         TEXT NOT NULL DEFAULT 'count' CHECK (kind IN ('count', 'percent', 'money')),
          direction    TEXT NOT NULL DEFAULT 'higher' CHECK (direction IN ('higher', 'lower')),
          aggregation  TEXT NOT NULL DEFAULT 'sum' CHECK (aggregation IN ('sum', 'last', 'average')),
          ${hundredths('baseline_c', true)},
          ${hundredths('target_c', true)},
          ${date('start_date', true)},
          ${date('target_date', true)},
          ${cycle('cycle', false)},
          funnel_stage INTEGER CHECK (funnel_stage IS NULL OR funnel_stage BETWEEN 1 AND 20),
          goal_linked  INTEGER NOT NULL DEFAULT 0 CHECK (goal_linked IN (0, 1)),
          position     INTEGER NOT NULL,
          created_at   TEXT NOT NULL,
          updated_at   TEXT NOT NULL,
          CHECK (module_id IS NULL OR task_id IS NULL),
          CHECK (target_date IS NULL OR start_date IS NULL OR target_date >= start_date)
        ) STRICT;
        CREATE INDEX metrics_by_project ON metrics(project_id, position);
        CREATE INDEX metrics_by_module ON metrics(module_id);
        CREATE INDEX metrics_by_task ON metrics(task_id);

        -- One value per metric and period; the UNIQUE index also serves the per-metric series.
        CREATE TABLE metric_actuals (
          id           TEXT PRIMARY KEY,
          metric_id    TEXT NOT NULL REFERENCES metrics(id) ON DELETE CASCADE,
          ${date('period_start', false)},
          ${date('period_end', false)},
          ${hundredths('value_c', false)},
          source       TEXT NOT NULL DEFAULT '',
          note         TEXT NOT NULL DEFAULT '',
          created_at   TEXT NOT NULL,
          updated_at   TEXT NOT NULL,
          UNIQUE (metric_id, period_start),
          CHECK (period_end >= period_start)
        ) STRICT;

        -- The periods of Table 1: the latest is open (closed_at NULL); a closed one keeps the
        -- plan's progress at its close (the S-curve's actual line) and its snapshot of Table 1.
        CREATE TABLE tracking_periods (
          id                TEXT PRIMARY KEY,
          project_id        TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
          ${cycle('cycle', false)},
          ${date('start_date', false)},
          ${date('end_date', false)},
          closed_at         TEXT,
          progress_at_close REAL CHECK (progress_at_close IS NULL OR progress_at_close BETWEEN 0 AND 100),
          created_at        TEXT NOT NULL,
          updated_at        TEXT NOT NULL,
          UNIQUE (project_id, start_date),
          CHECK (end_date >= start_date),
          CHECK ((closed_at IS NULL) = (progress_at_close IS NULL))
        ) STRICT;

        -- Table 1 as it stood when its period closed. module_id has no foreign key on purpose:
        -- the history must outlive a module deleted later, so the row carries its own copy of
        -- every cell (the owner by name, the progress as shown). Written once, never updated.
        CREATE TABLE module_snapshots (
          period_id         TEXT NOT NULL REFERENCES tracking_periods(id) ON DELETE CASCADE,
          module_id         TEXT NOT NULL,
          name              TEXT NOT NULL CHECK (length(name) > 0),
          owner_name        TEXT,
          progress          REAL NOT NULL CHECK (progress BETWEEN 0 AND 100),
          progress_override INTEGER CHECK (progress_override IS NULL OR progress_override BETWEEN 0 AND 100),
          milestone         TEXT NOT NULL DEFAULT '',
          summary           TEXT NOT NULL DEFAULT '',
          issues            TEXT NOT NULL DEFAULT '',
          suggestions       TEXT NOT NULL DEFAULT '',
          result            TEXT NOT NULL DEFAULT '',
          position          INTEGER NOT NULL,
          created_at        TEXT NOT NULL,
          PRIMARY KEY (period_id, module_id)
        ) STRICT;

        -- Money spent against the budgets of Table 2. Spent stays spent: deleting the module or
        -- task it was booked on keeps the entry (as the project's).
        CREATE TABLE spend_entries (
          id          TEXT PRIMARY KEY,
          project_id  TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
          module_id   TEXT REFERENCES modules(id) ON DELETE SET NULL,
          task_id     TEXT REFERENCES tasks(id) ON DELETE SET NULL,
          ${date('spent_on', false)},
          amount_fen  INTEGER NOT NULL CHECK (amount_fen >= 0),
          note        TEXT NOT NULL DEFAULT '',
          created_at  TEXT NOT NULL,
          updated_at  TEXT NOT NULL,
          CHECK (module_id IS NULL OR task_id IS NULL)
        ) STRICT;
        CREATE INDEX spend_by_project ON spend_entries(project_id, spent_on);
        CREATE INDEX spend_by_module ON spend_entries(module_id);
        CREATE INDEX spend_by_task ON spend_entries(task_id);

        CREATE TABLE task_checkins (
          id           TEXT PRIMARY KEY,
          task_id      TEXT NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
          ${date('checkin_date', false)},
          progress     INTEGER NOT NULL CHECK (progress BETWEEN 0 AND 100),
          note         TEXT NOT NULL DEFAULT '',
          created_at   TEXT NOT NULL,
          updated_at   TEXT NOT NULL
        ) STRICT;
        CREATE INDEX checkins_by_task ON task_checkins(task_id, checkin_date);
      `);
    },
  },
  {
    version: 5,
    name: 'versions for merging copies of a project: who changed each field, deletions, what each copy has seen',
    up(db) {
      db.exec(`
        -- This installation, as colleagues' copies know it: a random id made on first use, the
        -- name written into exported files, and the counter numbering its changes.
        CREATE TABLE replica (
          id    TEXT PRIMARY KEY,
          name  TEXT NOT NULL DEFAULT '',
          clock INTEGER NOT NULL DEFAULT 0 CHECK (clock >= 0)
        ) STRICT;

        -- The change that last set each field: (replica, counter). A row's creation is recorded
        -- under field '*'; a field with no entry of its own was set by its row's creation, and a
        -- row with no entry at all dates from before this migration (known to every copy).
        -- base: the field's value (JSON) before this replica changed it, shown in a conflict.
        CREATE TABLE field_versions (
          project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
          tbl        TEXT NOT NULL,
          row_key    TEXT NOT NULL,
          field      TEXT NOT NULL,
          replica    TEXT NOT NULL,
          counter    INTEGER NOT NULL CHECK (counter > 0),
          base       TEXT,
          PRIMARY KEY (tbl, row_key, field)
        ) STRICT, WITHOUT ROWID;
        CREATE INDEX field_versions_by_project ON field_versions(project_id);

        -- Deleted rows, so a merge can tell "they deleted it" from "they never had it".
        CREATE TABLE tombstones (
          project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
          tbl        TEXT NOT NULL,
          row_key    TEXT NOT NULL,
          replica    TEXT NOT NULL,
          counter    INTEGER NOT NULL CHECK (counter > 0),
          deleted_at TEXT NOT NULL,
          PRIMARY KEY (tbl, row_key)
        ) STRICT, WITHOUT ROWID;
        CREATE INDEX tombstones_by_project ON tombstones(project_id);

        -- For each project, the newest change of each replica this copy has seen (a version
        -- vector): a change it has seen is not news when a copy comes back.
        CREATE TABLE version_vectors (
          project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
          replica    TEXT NOT NULL,
          counter    INTEGER NOT NULL CHECK (counter >= 0),
          name       TEXT NOT NULL DEFAULT '',
          PRIMARY KEY (project_id, replica)
        ) STRICT, WITHOUT ROWID;
      `);
    },
  },
  {
    version: 6,
    name: 'lessons of the retrospective (成功经验, 失败教训, 改进建议) with their tags',
    up(db) {
      db.exec(`
        -- Step 六: what the owner learnt, one row per lesson, tagged so the lessons of every
        -- campaign can be searched together (by channel, audience, tactic or module).
        CREATE TABLE lessons (
          id         TEXT PRIMARY KEY,
          project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
          kind       TEXT NOT NULL CHECK (kind IN ('success', 'failure', 'improvement')),
          text       TEXT NOT NULL CHECK (length(text) > 0),
          channel    TEXT NOT NULL DEFAULT '',
          audience   TEXT NOT NULL DEFAULT '',
          tactic     TEXT NOT NULL DEFAULT '',
          module_id  TEXT REFERENCES modules(id) ON DELETE SET NULL,
          position   INTEGER NOT NULL,
          created_at TEXT NOT NULL,
          updated_at TEXT NOT NULL
        ) STRICT;
        CREATE INDEX lessons_by_project ON lessons(project_id, position);
        CREATE INDEX lessons_by_module ON lessons(module_id);
      `);
    },
  },
];

export const LATEST_VERSION = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;
