/**
 * A project's editable lists (issue categories, feedback channels, root-cause categories) and
 * its rules for a "major" adjustment. Lists are stored on the project as JSON arrays; NULL
 * means the template's defaults, so a project never edited keeps following them.
 */
import {
  DEFAULT_CAUSE_CATEGORIES,
  DEFAULT_FEEDBACK_CHANNELS,
  DEFAULT_ISSUE_CATEGORIES,
  type FeedbackSettings,
  type MajorRules,
} from '../shared/feedback';
import { nowStamp } from '../db/ids';
import { notFound, requireProject, type Db } from './common';

interface SettingsRow {
  issue_categories: string | null;
  feedback_channels: string | null;
  cause_categories: string | null;
  major_budget_pct: number | null;
  major_end_date: number;
  major_goal_target: number;
}

const LIST_COLUMNS = {
  issueCategories: ['issue_categories', DEFAULT_ISSUE_CATEGORIES],
  feedbackChannels: ['feedback_channels', DEFAULT_FEEDBACK_CHANNELS],
  causeCategories: ['cause_categories', DEFAULT_CAUSE_CATEGORIES],
} as const;

const list = (json: string | null, defaults: readonly string[]): string[] =>
  json === null ? [...defaults] : (JSON.parse(json) as string[]);

export function majorRulesOf(db: Db, projectId: string): MajorRules {
  return getFeedbackSettings(db, { projectId }).majorRules;
}

export function getFeedbackSettings(db: Db, input: { projectId: string }): FeedbackSettings {
  const row = db
    .prepare(
      `SELECT issue_categories, feedback_channels, cause_categories, major_budget_pct, major_end_date,
              major_goal_target FROM projects WHERE id = ?`,
    )
    .get(input.projectId) as SettingsRow | undefined;
  if (!row) throw notFound(['projectId']);
  return {
    projectId: input.projectId,
    issueCategories: list(row.issue_categories, DEFAULT_ISSUE_CATEGORIES),
    feedbackChannels: list(row.feedback_channels, DEFAULT_FEEDBACK_CHANNELS),
    causeCategories: list(row.cause_categories, DEFAULT_CAUSE_CATEGORIES),
    majorRules: {
      budgetPct: row.major_budget_pct,
      endDateMoved: row.major_end_date === 1,
      goalTargetChanged: row.major_goal_target === 1,
    },
  };
}

export function updateFeedbackSettings(
  db: Db,
  input: {
    projectId: string;
    patch: {
      issueCategories?: string[];
      feedbackChannels?: string[];
      causeCategories?: string[];
      majorRules?: Partial<MajorRules>;
    };
  },
): FeedbackSettings {
  return db.transaction(() => {
    requireProject(db, input.projectId);
    const sets: string[] = [];
    const values: unknown[] = [];
    for (const [field, [column]] of Object.entries(LIST_COLUMNS)) {
      const items = input.patch[field as keyof typeof LIST_COLUMNS];
      if (items === undefined) continue;
      sets.push(`${column} = ?`);
      values.push(JSON.stringify(items.map((i) => i.trim())));
    }
    const rules = input.patch.majorRules ?? {};
    const set = (column: string, value: unknown) => {
      sets.push(`${column} = ?`);
      values.push(value);
    };
    if (rules.budgetPct !== undefined) set('major_budget_pct', rules.budgetPct);
    if (rules.endDateMoved !== undefined) set('major_end_date', rules.endDateMoved ? 1 : 0);
    if (rules.goalTargetChanged !== undefined) set('major_goal_target', rules.goalTargetChanged ? 1 : 0);
    if (sets.length > 0) {
      db.prepare(`UPDATE projects SET ${sets.join(', ')}, updated_at = ? WHERE id = ?`).run(
        ...values,
        nowStamp(),
        input.projectId,
      );
    }
    return getFeedbackSettings(db, { projectId: input.projectId });
  })();
}
