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
    name: 'steps 四 and 五: issue log, feedback, root causes, adjustments with approval, module budgets',
    up(db) {
      const date = (column: string, nullable: boolean) =>
        `${column} TEXT ${nullable ? '' : 'NOT NULL '}CHECK (${nullable ? `${column} IS NULL OR ` : ''}${column} GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]')`;
      const hundredths = (column: string) =>
        `${column} INTEGER CHECK (${column} IS NULL OR ${column} BETWEEN -1000000000000000 AND 1000000000000000)`;
      const status = (column: string) =>
        `${column} TEXT NOT NULL CHECK (${column} IN ('draft', 'submitted', 'approved', 'rejected', 'applied', 'evaluated'))`;
      const link = (table: string, left: string, leftTable: string, right: string, rightTable: string) => `
        CREATE TABLE ${table} (
          project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
          ${left}  TEXT NOT NULL REFERENCES ${leftTable}(id) ON DELETE CASCADE,
          ${right} TEXT NOT NULL REFERENCES ${rightTable}(id) ON DELETE CASCADE,
          PRIMARY KEY (${left}, ${right})
        ) STRICT;
        CREATE INDEX ${table}_by_${right} ON ${table}(${right});
        CREATE INDEX ${table}_by_project ON ${table}(project_id);`;
      db.exec(`
        -- The project's editable lists (JSON arrays of names; NULL: the defaults of
        -- shared/feedback.ts) and its rules for a "major" adjustment (which needs approval).
        ALTER TABLE projects ADD COLUMN issue_categories TEXT;
        ALTER TABLE projects ADD COLUMN feedback_channels TEXT;
        ALTER TABLE projects ADD COLUMN cause_categories TEXT;
        ALTER TABLE projects ADD COLUMN major_budget_pct INTEGER DEFAULT 10 CHECK (major_budget_pct IS NULL OR major_budget_pct BETWEEN 0 AND 100);
        ALTER TABLE projects ADD COLUMN major_end_date INTEGER NOT NULL DEFAULT 1 CHECK (major_end_date IN (0, 1));
        ALTER TABLE projects ADD COLUMN major_goal_target INTEGER NOT NULL DEFAULT 1 CHECK (major_goal_target IN (0, 1));

        -- A module's own budget; NULL: the sum of its tasks' budgets (as before).
        ALTER TABLE modules ADD COLUMN budget_fen INTEGER CHECK (budget_fen IS NULL OR budget_fen >= 0);

        -- What Table 1 showed of the module's open issues and adjustments when the period closed
        -- (JSON: ["title", …] and [{"title": …, "status": …}, …]).
        ALTER TABLE module_snapshots ADD COLUMN open_issues TEXT NOT NULL DEFAULT '[]';
        ALTER TABLE module_snapshots ADD COLUMN adjustments TEXT NOT NULL DEFAULT '[]';

        -- Which team member an installation is, per project (the app's user: approvals are the
        -- 总负责人's). Each installation writes its own row; the rows travel with the project.
        CREATE TABLE project_identities (
          project_id   TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
          replica_id   TEXT NOT NULL,
          person_id    TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
          replica_name TEXT NOT NULL DEFAULT '',
          updated_at   TEXT NOT NULL,
          PRIMARY KEY (project_id, replica_id)
        ) STRICT;
        CREATE INDEX project_identities_by_person ON project_identities(person_id);

        -- 执行问题记录表.
        CREATE TABLE issues (
          id             TEXT PRIMARY KEY,
          project_id     TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
          ${date('reported_on', false)},
          reporter_id    TEXT REFERENCES people(id) ON DELETE SET NULL,
          module_id      TEXT REFERENCES modules(id) ON DELETE SET NULL,
          task_id        TEXT REFERENCES tasks(id) ON DELETE SET NULL,
          category       TEXT NOT NULL DEFAULT '',
          title          TEXT NOT NULL CHECK (length(title) > 0),
          impact         TEXT NOT NULL DEFAULT '',
          support_needed TEXT NOT NULL DEFAULT '',
          severity       TEXT NOT NULL DEFAULT 'medium' CHECK (severity IN ('low', 'medium', 'high')),
          owner_id       TEXT REFERENCES people(id) ON DELETE SET NULL,
          ${date('due_date', true)},
          status         TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'in_progress', 'resolved', 'closed')),
          resolution     TEXT NOT NULL DEFAULT '',
          ${date('resolved_on', true)},
          created_at     TEXT NOT NULL,
          updated_at     TEXT NOT NULL,
          CHECK (resolved_on IS NULL OR resolved_on >= reported_on)
        ) STRICT;
        CREATE INDEX issues_by_project ON issues(project_id, reported_on);
        CREATE INDEX issues_by_module ON issues(module_id);
        CREATE INDEX issues_by_task ON issues(task_id);

        -- Feedback: internal, external and data (a gap of the attention list, by its stable key).
        CREATE TABLE feedback (
          id          TEXT PRIMARY KEY,
          project_id  TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
          source      TEXT NOT NULL CHECK (source IN ('internal', 'external', 'data')),
          channel     TEXT NOT NULL DEFAULT '',
          ${date('received_on', false)},
          content     TEXT NOT NULL DEFAULT '',
          sentiment   TEXT CHECK (sentiment IS NULL OR sentiment IN ('positive', 'neutral', 'negative')),
          module_id   TEXT REFERENCES modules(id) ON DELETE SET NULL,
          task_id     TEXT REFERENCES tasks(id) ON DELETE SET NULL,
          metric_id   TEXT REFERENCES metrics(id) ON DELETE SET NULL,
          gap_key     TEXT,
          ${hundredths('target_c')},
          ${hundredths('actual_c')},
          gap_pct     REAL,
          created_at  TEXT NOT NULL,
          updated_at  TEXT NOT NULL,
          UNIQUE (gap_key, project_id) -- a gap is recorded once (NULL: not from a gap)
        ) STRICT;
        CREATE INDEX feedback_by_project ON feedback(project_id, received_on);
        CREATE INDEX feedback_by_module ON feedback(module_id);
        CREATE INDEX feedback_by_task ON feedback(task_id);
        CREATE INDEX feedback_by_metric ON feedback(metric_id);

        CREATE TABLE root_causes (
          id          TEXT PRIMARY KEY,
          project_id  TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
          category    TEXT NOT NULL DEFAULT '',
          title       TEXT NOT NULL CHECK (length(title) > 0),
          analysis    TEXT NOT NULL DEFAULT '',
          created_at  TEXT NOT NULL,
          updated_at  TEXT NOT NULL
        ) STRICT;
        CREATE INDEX root_causes_by_project ON root_causes(project_id);

        -- 策略调整审批表. The decision is kept on the row (two decisions in two copies are a
        -- field conflict) with the installation that recorded it; the trail is adjustment_events.
        CREATE TABLE adjustments (
          id                   TEXT PRIMARY KEY,
          project_id           TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
          title                TEXT NOT NULL CHECK (length(title) > 0),
          module_id            TEXT REFERENCES modules(id) ON DELETE SET NULL,
          proposer_id          TEXT REFERENCES people(id) ON DELETE SET NULL,
          owner_id             TEXT REFERENCES people(id) ON DELETE SET NULL,
          measures             TEXT NOT NULL DEFAULT '',
          ${date('deadline', true)},
          expected_metric_id   TEXT REFERENCES metrics(id) ON DELETE SET NULL,
          ${hundredths('expected_value_c')},
          ${date('expected_by', true)},
          ${status('status')} DEFAULT 'draft',
          ${date('submitted_on', true)},
          decision_comment     TEXT NOT NULL DEFAULT '',
          ${date('decided_on', true)},
          decided_by_id        TEXT REFERENCES people(id) ON DELETE SET NULL,
          decided_by_name      TEXT,
          decided_replica_id   TEXT,
          decided_replica_name TEXT,
          confirmed_replica_id TEXT,
          ${date('applied_on', true)},
          applied_replica_id   TEXT,
          ${hundredths('actual_value_c')},
          ${date('evaluated_on', true)},
          effect_note          TEXT NOT NULL DEFAULT '',
          created_at           TEXT NOT NULL,
          updated_at           TEXT NOT NULL
        ) STRICT;
        CREATE INDEX adjustments_by_project ON adjustments(project_id);
        CREATE INDEX adjustments_by_module ON adjustments(module_id);

        -- The plan changes an adjustment proposes; before_*: the value replaced, kept when applied.
        CREATE TABLE adjustment_changes (
          id              TEXT PRIMARY KEY,
          project_id      TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
          adjustment_id   TEXT NOT NULL REFERENCES adjustments(id) ON DELETE CASCADE,
          position        INTEGER NOT NULL,
          kind            TEXT NOT NULL CHECK (kind IN ('module_budget', 'task_budget', 'task_dates', 'task_owner',
                            'metric_target', 'project_end', 'new_task')),
          module_id       TEXT REFERENCES modules(id) ON DELETE SET NULL,
          task_id         TEXT REFERENCES tasks(id) ON DELETE SET NULL,
          metric_id       TEXT REFERENCES metrics(id) ON DELETE SET NULL,
          delta_fen       INTEGER CHECK (delta_fen IS NULL OR delta_fen BETWEEN -99999999999999 AND 99999999999999),
          ${date('new_start', true)},
          ${date('new_end', true)},
          new_owner_id    TEXT REFERENCES people(id) ON DELETE SET NULL,
          ${hundredths('new_target_c')},
          new_name        TEXT NOT NULL DEFAULT '',
          new_budget_fen  INTEGER CHECK (new_budget_fen IS NULL OR new_budget_fen >= 0),
          before_fen      INTEGER CHECK (before_fen IS NULL OR before_fen >= 0),
          ${date('before_start', true)},
          ${date('before_end', true)},
          before_owner_id TEXT REFERENCES people(id) ON DELETE SET NULL,
          ${hundredths('before_target_c')},
          created_task_id TEXT REFERENCES tasks(id) ON DELETE SET NULL,
          created_at      TEXT NOT NULL,
          updated_at      TEXT NOT NULL,
          CHECK (new_end IS NULL OR new_start IS NULL OR new_end >= new_start)
        ) STRICT;
        CREATE INDEX adjustment_changes_by_adjustment ON adjustment_changes(adjustment_id, position);
        CREATE INDEX adjustment_changes_by_module ON adjustment_changes(module_id);
        CREATE INDEX adjustment_changes_by_task ON adjustment_changes(task_id);

        -- The status trail: who (team member and installation), when, from which status to
        -- which. Append-only: an undo adds an entry instead of removing one.
        CREATE TABLE adjustment_events (
          id            TEXT PRIMARY KEY,
          project_id    TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
          adjustment_id TEXT NOT NULL REFERENCES adjustments(id) ON DELETE CASCADE,
          action        TEXT NOT NULL CHECK (action IN ('submit', 'approve', 'reject', 'apply', 'evaluate',
                          'confirm', 'undo', 'redo')),
          ${status('from_status')},
          ${status('to_status')},
          comment       TEXT NOT NULL DEFAULT '',
          ${date('on_date', true)},
          person_id     TEXT REFERENCES people(id) ON DELETE SET NULL,
          person_name   TEXT,
          replica_id    TEXT NOT NULL,
          replica_name  TEXT NOT NULL DEFAULT '',
          created_at    TEXT NOT NULL
        ) STRICT;
        CREATE INDEX adjustment_events_by_adjustment ON adjustment_events(adjustment_id, created_at);

        ${link('cause_issue_links', 'root_cause_id', 'root_causes', 'issue_id', 'issues')}
        ${link('cause_feedback_links', 'root_cause_id', 'root_causes', 'feedback_id', 'feedback')}
        ${link('adjustment_issue_links', 'adjustment_id', 'adjustments', 'issue_id', 'issues')}
        ${link('adjustment_feedback_links', 'adjustment_id', 'adjustments', 'feedback_id', 'feedback')}
        ${link('adjustment_cause_links', 'adjustment_id', 'adjustments', 'root_cause_id', 'root_causes')}
      `);
    },
  },
  {
    version: 7,
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
  {
    version: 8,
    name: 'bounded amounts: one amount of money at most 10^12 fen, so every sum the app computes stays exact',
    up(db) {
      // SQLite cannot change a table's CHECK without rebuilding it: triggers hold the new bound
      // (MAX_FEN in shared/values.ts), the same as the contract, the cell parser and the file
      // validator. Rows already stored are left as they are.
      // A budget change may be negative (adjustment_changes.delta_fen): its size is bounded.
      const bound = (table: string, column: string) => `
        CREATE TRIGGER ${table}_${column}_bound_insert BEFORE INSERT ON ${table}
          WHEN abs(NEW.${column}) > 1000000000000 BEGIN SELECT RAISE(ABORT, 'amount_too_large'); END;
        CREATE TRIGGER ${table}_${column}_bound_update BEFORE UPDATE OF ${column} ON ${table}
          WHEN abs(NEW.${column}) > 1000000000000 BEGIN SELECT RAISE(ABORT, 'amount_too_large'); END;`;
      db.exec(
        [
          bound('projects', 'budget_fen'),
          bound('tasks', 'budget_fen'),
          bound('spend_entries', 'amount_fen'),
          bound('modules', 'budget_fen'),
          bound('adjustment_changes', 'new_budget_fen'),
          bound('adjustment_changes', 'before_fen'),
          bound('adjustment_changes', 'delta_fen'),
        ].join('\n'),
      );
    },
  },
];

export const LATEST_VERSION = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;
