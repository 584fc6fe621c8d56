/**
 * The columns of Table 1 and Table 2 as spreadsheets: the header each is exported under (the
 * template's words in Chinese, the interface's labels in English — test/unit/sheets.test.ts keeps
 * them equal to the locale files), the other headers an import recognises, and how a cell of each
 * column is read.
 */
export type SheetTable = 'tasks' | 'modules';
export type SheetLanguage = 'zh-CN' | 'en';

/** How a cell of a column is turned into text before the shared cell rules parse it. */
export type CellKind = 'text' | 'date' | 'money' | 'percent' | 'yesNo' | 'period';

export interface ColumnSpec {
  field: string;
  kind: CellKind;
  /** Header when exported, per language; absent for columns that are only imported. */
  header?: Record<SheetLanguage, string>;
  /** Further headers recognised on import (besides both export headers). */
  aliases: string[];
  /** Exported width in characters (xlsx). */
  width?: number;
}

/**
 * A column as one row of a table: its field, how its cells are read, the headers it is exported
 * under ([zh-CN, en]; null for a column only read on import, such as the template's combined
 * 起止时间), its exported width in characters (null: not exported), and the further headers an
 * import recognises.
 */
type ColumnRow = readonly [
  field: string,
  kind: CellKind,
  header: readonly [zh: string, en: string] | null,
  width: number | null,
  aliases: readonly string[],
];

function columns(rows: readonly ColumnRow[]): readonly ColumnSpec[] {
  return rows.map(([field, kind, header, width, aliases]) => ({
    field,
    kind,
    ...(header ? { header: { 'zh-CN': header[0], en: header[1] } } : {}),
    aliases: [...aliases],
    ...(width === null ? {} : { width }),
  }));
}

/**
 * Table 2. Exported with separate 开始/结束 columns rather than the template's single 起止时间:
 * only a column of its own can hold real date cells that Excel/WPS sort, filter and compute
 * with. The combined 起止时间 and 所需资源 columns of the template are still read on import.
 */
// prettier-ignore
export const TASK_COLUMNS = columns([
  ['code', 'text', ['任务ID', 'Task ID'], 9, ['任务编号', '编号', 'ID', '序号', '任务代码', 'WBS', 'WBS编号', 'Code', 'No.', 'No', '#']],
  ['name', 'text', ['任务名称', 'Task'], 24, ['任务', '任务名', '名称', '任务标题', 'Task name', 'Name', 'Title']],
  ['deliverable', 'text', ['任务描述(交付物)', 'Description (deliverable)'], 28, ['任务描述', '交付物', '描述', '任务说明', 'Description', 'Deliverable', 'Deliverables']],
  ['ownerId', 'text', ['负责人', 'Owner'], 12, ['责任人', '执行人', '负责人姓名', 'Assignee', 'Responsible', 'Person in charge']],
  ['period', 'period', null, null, ['起止时间', '起止日期', '时间', '时间节点', '计划时间', '周期', '时间周期', 'Start – end', 'Start-end', 'Period', 'Dates']],
  ['start', 'date', ['开始', 'Start'], 12, ['开始时间', '开始日期', '起始日期', '计划开始', '计划开始时间', 'Start date', 'Begin']],
  ['end', 'date', ['结束', 'End'], 12, ['结束时间', '结束日期', '截止日期', '截止时间', '完成日期', '计划完成', '计划结束', '到期日', 'End date', 'Due', 'Due date', 'Finish', 'Deadline']],
  ['resources', 'text', null, null, ['所需资源(预算/人力/工具)', '所需资源', '资源', 'Resources (budget / people / tools)', 'Resources']],
  ['budgetFen', 'money', ['预算(元)', 'Budget (¥)'], 14, ['预算', '预算(¥)', '预算(万元)', '预算金额', '费用', '所需资源(预算)', 'Budget', 'Budget (CNY)', 'Budget (RMB)', 'Cost']],
  ['manpower', 'text', ['人力', 'People'], 14, ['人员', '所需人力', '所需资源(人力)', 'Manpower', 'Staff']],
  ['tools', 'text', ['工具', 'Tools'], 14, ['所需工具', '所需资源(工具)']],
  ['criteria', 'text', ['完成标准', 'Done when'], 22, ['验收标准', '交付标准', 'Acceptance criteria', 'Criteria', 'Definition of done']],
  ['progress', 'percent', ['当前进度', 'Progress'], 10, ['进度', '完成进度', '完成度', '完成率', '完成%', '% complete', 'Percent complete', 'Done %']],
  ['notes', 'text', ['备注(风险/依赖)', 'Notes (risks / dependencies)'], 22, ['备注', '风险', '说明', 'Notes', 'Note', 'Remarks', 'Comments', 'Risks']],
  ['moduleId', 'text', ['所属模块', 'Module'], 14, ['模块', '核心模块', 'Core module']],
  ['milestone', 'yesNo', ['里程碑', 'Milestone'], 8, ['是否里程碑']],
  ['blocked', 'yesNo', ['受阻', 'Blocked'], 8, ['是否受阻', '阻塞']],
  ['predecessorIds', 'text', ['前置任务', 'Predecessors'], 12, ['前置', '前置任务ID', '依赖任务', '紧前任务', 'Predecessor', 'Depends on', 'Dependencies']],
  ['parentId', 'text', ['上级任务', 'Parent task'], 10, ['父任务', '上级', '上级任务ID', '所属任务', 'Parent']],
]);

/**
 * Table 1, in the template's order. The first four columns are the strategy's own (shown once,
 * merged down the module rows, as in the template); 当前进度 is the template's combined
 * "60%(已完成预热内容,活动上线)".
 */
// prettier-ignore
export const MODULE_COLUMNS = columns([
  ['strategy', 'text', ['策略名称', 'Strategy'], 16, ['策略', '项目名称', '项目', 'Strategy name', 'Project']],
  ['goal', 'text', ['目标描述(SMART)', 'Goal (SMART)'], 24, ['目标描述', '目标', 'SMART目标', 'Goal', 'Objective']],
  ['owner', 'text', ['总负责人', 'Overall owner'], 12, ['项目负责人']],
  ['period', 'period', ['时间周期', 'Period'], 24, ['周期', '起止时间', '时间', 'Dates']],
  ['name', 'text', ['核心模块', 'Core module'], 16, ['模块', '模块名称', 'Module']],
  ['ownerId', 'text', ['责任人', 'Owner'], 12, ['负责人', '模块负责人', 'Module owner']],
  ['progress', 'percent', ['当前进度(完成%/关键节点)', 'Progress (% / milestone)'], 28, ['当前进度', '进度', 'Progress']],
  ['progressPercent', 'percent', null, null, ['完成%', '完成百分比', '完成率', 'Done %', '% complete']],
  ['milestone', 'text', null, null, ['关键节点', '里程碑', 'Milestone', 'Key milestone']],
  ['summary', 'text', ['执行情况简述', 'Execution summary'], 26, ['执行情况', '简述', 'Summary', 'Status summary']],
  ['issues', 'text', ['问题反馈', 'Issues'], 26, ['问题', 'Problems']],
  ['suggestions', 'text', ['调整建议', 'Suggested adjustments'], 26, ['建议', 'Suggestions']],
  ['result', 'text', ['结果达成情况(当前)', 'Results so far'], 20, ['结果达成情况', '结果', '达成情况', 'Result', 'Results']],
]);

export const COLUMNS: Record<SheetTable, readonly ColumnSpec[]> = {
  tasks: TASK_COLUMNS,
  modules: MODULE_COLUMNS,
};

/** The column an import cannot do without: a row is a task by its name, a module by its name. */
export const KEY_FIELD: Record<SheetTable, string> = { tasks: 'name', modules: 'name' };

/**
 * A header as compared on import: full-width forms folded (（）→ (), ：→ :), case and every kind
 * of space ignored, dashes unified, and the "*" a template may put on required columns dropped.
 */
export function normalizeHeader(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\u200b\ufeff*]/g, '')
    .replace(/[–—―－~～]/g, '-')
    .replace(/[:]$/, '');
}

/** The header without its bracketed part: 预算(美元) → 预算, 备注【必填】 → 备注. */
function withoutBrackets(normalized: string): string {
  return normalized.replace(/\([^)]*\)|\[[^\]]*\]|【[^】]*】/g, '');
}

interface Lookup {
  exact: Map<string, ColumnSpec>;
  loose: Map<string, ColumnSpec>;
}

function buildLookup(columns: readonly ColumnSpec[]): Lookup {
  const exact = new Map<string, ColumnSpec>();
  const loose = new Map<string, ColumnSpec>();
  const named = columns.flatMap((column) =>
    [...(column.header ? Object.values(column.header) : []), ...column.aliases].map((name) => ({
      column,
      n: normalizeHeader(name),
    })),
  );
  for (const { column, n } of named) if (!exact.has(n)) exact.set(n, column);
  // Loose matches only where the exact ones say nothing, so 所需资源(预算) stays the budget.
  for (const { column, n } of named) {
    const short = withoutBrackets(n);
    if (short && !loose.has(short) && !exact.has(short)) loose.set(short, column);
  }
  return { exact, loose };
}

const LOOKUPS: Record<SheetTable, Lookup> = {
  tasks: buildLookup(TASK_COLUMNS),
  modules: buildLookup(MODULE_COLUMNS),
};

/** The column a header names in `table`, or null when it is not one of ours. */
export function columnFor(table: SheetTable, header: string): ColumnSpec | null {
  const n = normalizeHeader(header);
  if (!n) return null;
  const { exact, loose } = LOOKUPS[table];
  return exact.get(n) ?? exact.get(withoutBrackets(n)) ?? loose.get(withoutBrackets(n)) ?? null;
}

/** A budget header in 万元 (ten thousands of yuan): a plain number in it means that many 万. */
export function isWanHeader(header: string): boolean {
  return /万/.test(normalizeHeader(header));
}

/** The columns exported for a table, in order. */
export function exportColumns(table: SheetTable): (ColumnSpec & { header: Record<SheetLanguage, string> })[] {
  return COLUMNS[table].filter(
    (c): c is ColumnSpec & { header: Record<SheetLanguage, string> } => !!c.header,
  );
}
