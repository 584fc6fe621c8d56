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
 * Table 2. Exported with separate 开始/结束 columns rather than the template's single 起止时间:
 * only a column of its own can hold real date cells that Excel/WPS sort, filter and compute
 * with. The combined 起止时间 and 所需资源 columns of the template are still read on import.
 */
export const TASK_COLUMNS: readonly ColumnSpec[] = [
  {
    field: 'code',
    kind: 'text',
    header: { 'zh-CN': '任务ID', en: 'Task ID' },
    aliases: ['任务编号', '编号', 'ID', '序号', '任务代码', 'WBS', 'WBS编号', 'Code', 'No.', 'No', '#'],
    width: 9,
  },
  {
    field: 'name',
    kind: 'text',
    header: { 'zh-CN': '任务名称', en: 'Task' },
    aliases: ['任务', '任务名', '名称', '任务标题', 'Task name', 'Name', 'Title'],
    width: 24,
  },
  {
    field: 'deliverable',
    kind: 'text',
    header: { 'zh-CN': '任务描述(交付物)', en: 'Description (deliverable)' },
    aliases: ['任务描述', '交付物', '描述', '任务说明', 'Description', 'Deliverable', 'Deliverables'],
    width: 28,
  },
  {
    field: 'ownerId',
    kind: 'text',
    header: { 'zh-CN': '负责人', en: 'Owner' },
    aliases: ['责任人', '执行人', '负责人姓名', 'Assignee', 'Responsible', 'Person in charge'],
    width: 12,
  },
  {
    field: 'period',
    kind: 'period',
    aliases: [
      '起止时间',
      '起止日期',
      '时间',
      '时间节点',
      '计划时间',
      '周期',
      '时间周期',
      'Start – end',
      'Start-end',
      'Period',
      'Dates',
    ],
  },
  {
    field: 'start',
    kind: 'date',
    header: { 'zh-CN': '开始', en: 'Start' },
    aliases: ['开始时间', '开始日期', '起始日期', '计划开始', '计划开始时间', 'Start date', 'Begin'],
    width: 12,
  },
  {
    field: 'end',
    kind: 'date',
    header: { 'zh-CN': '结束', en: 'End' },
    aliases: [
      '结束时间',
      '结束日期',
      '截止日期',
      '截止时间',
      '完成日期',
      '计划完成',
      '计划结束',
      '到期日',
      'End date',
      'Due',
      'Due date',
      'Finish',
      'Deadline',
    ],
    width: 12,
  },
  {
    field: 'resources',
    kind: 'text',
    aliases: [
      '所需资源(预算/人力/工具)',
      '所需资源',
      '资源',
      'Resources (budget / people / tools)',
      'Resources',
    ],
  },
  {
    field: 'budgetFen',
    kind: 'money',
    header: { 'zh-CN': '预算(元)', en: 'Budget (¥)' },
    aliases: [
      '预算',
      '预算(¥)',
      '预算(万元)',
      '预算金额',
      '费用',
      '所需资源(预算)',
      'Budget',
      'Budget (CNY)',
      'Budget (RMB)',
      'Cost',
    ],
    width: 14,
  },
  {
    field: 'manpower',
    kind: 'text',
    header: { 'zh-CN': '人力', en: 'People' },
    aliases: ['人员', '所需人力', '所需资源(人力)', 'Manpower', 'Staff'],
    width: 14,
  },
  {
    field: 'tools',
    kind: 'text',
    header: { 'zh-CN': '工具', en: 'Tools' },
    aliases: ['所需工具', '所需资源(工具)'],
    width: 14,
  },
  {
    field: 'criteria',
    kind: 'text',
    header: { 'zh-CN': '完成标准', en: 'Done when' },
    aliases: ['验收标准', '交付标准', 'Acceptance criteria', 'Criteria', 'Definition of done'],
    width: 22,
  },
  {
    field: 'progress',
    kind: 'percent',
    header: { 'zh-CN': '当前进度', en: 'Progress' },
    aliases: ['进度', '完成进度', '完成度', '完成率', '完成%', '% complete', 'Percent complete', 'Done %'],
    width: 10,
  },
  {
    field: 'notes',
    kind: 'text',
    header: { 'zh-CN': '备注(风险/依赖)', en: 'Notes (risks / dependencies)' },
    aliases: ['备注', '风险', '说明', 'Notes', 'Note', 'Remarks', 'Comments', 'Risks'],
    width: 22,
  },
  {
    field: 'moduleId',
    kind: 'text',
    header: { 'zh-CN': '所属模块', en: 'Module' },
    aliases: ['模块', '核心模块', 'Core module'],
    width: 14,
  },
  {
    field: 'milestone',
    kind: 'yesNo',
    header: { 'zh-CN': '里程碑', en: 'Milestone' },
    aliases: ['是否里程碑'],
    width: 8,
  },
  {
    field: 'blocked',
    kind: 'yesNo',
    header: { 'zh-CN': '受阻', en: 'Blocked' },
    aliases: ['是否受阻', '阻塞'],
    width: 8,
  },
  {
    field: 'predecessorIds',
    kind: 'text',
    header: { 'zh-CN': '前置任务', en: 'Predecessors' },
    aliases: ['前置', '前置任务ID', '依赖任务', '紧前任务', 'Predecessor', 'Depends on', 'Dependencies'],
    width: 12,
  },
  {
    field: 'parentId',
    kind: 'text',
    header: { 'zh-CN': '上级任务', en: 'Parent task' },
    aliases: ['父任务', '上级', '上级任务ID', '所属任务', 'Parent'],
    width: 10,
  },
];

/**
 * Table 1, in the template's order. The first four columns are the strategy's own (shown once,
 * merged down the module rows, as in the template); 当前进度 is the template's combined
 * "60%(已完成预热内容,活动上线)".
 */
export const MODULE_COLUMNS: readonly ColumnSpec[] = [
  {
    field: 'strategy',
    kind: 'text',
    header: { 'zh-CN': '策略名称', en: 'Strategy' },
    aliases: ['策略', '项目名称', '项目', 'Strategy name', 'Project'],
    width: 16,
  },
  {
    field: 'goal',
    kind: 'text',
    header: { 'zh-CN': '目标描述(SMART)', en: 'Goal (SMART)' },
    aliases: ['目标描述', '目标', 'SMART目标', 'Goal', 'Objective'],
    width: 24,
  },
  {
    field: 'owner',
    kind: 'text',
    header: { 'zh-CN': '总负责人', en: 'Overall owner' },
    aliases: ['项目负责人'],
    width: 12,
  },
  {
    field: 'period',
    kind: 'period',
    header: { 'zh-CN': '时间周期', en: 'Period' },
    aliases: ['周期', '起止时间', '时间', 'Dates'],
    width: 24,
  },
  {
    field: 'name',
    kind: 'text',
    header: { 'zh-CN': '核心模块', en: 'Core module' },
    aliases: ['模块', '模块名称', 'Module'],
    width: 16,
  },
  {
    field: 'ownerId',
    kind: 'text',
    header: { 'zh-CN': '责任人', en: 'Owner' },
    aliases: ['负责人', '模块负责人', 'Module owner'],
    width: 12,
  },
  {
    field: 'progress',
    kind: 'percent',
    header: { 'zh-CN': '当前进度(完成%/关键节点)', en: 'Progress (% / milestone)' },
    aliases: ['当前进度', '进度', 'Progress'],
    width: 28,
  },
  {
    field: 'progressPercent',
    kind: 'percent',
    aliases: ['完成%', '完成百分比', '完成率', 'Done %', '% complete'],
  },
  {
    field: 'milestone',
    kind: 'text',
    aliases: ['关键节点', '里程碑', 'Milestone', 'Key milestone'],
  },
  {
    field: 'summary',
    kind: 'text',
    header: { 'zh-CN': '执行情况简述', en: 'Execution summary' },
    aliases: ['执行情况', '简述', 'Summary', 'Status summary'],
    width: 26,
  },
  {
    field: 'issues',
    kind: 'text',
    header: { 'zh-CN': '问题反馈', en: 'Issues' },
    aliases: ['问题', 'Problems'],
    width: 26,
  },
  {
    field: 'suggestions',
    kind: 'text',
    header: { 'zh-CN': '调整建议', en: 'Suggested adjustments' },
    aliases: ['建议', 'Suggestions'],
    width: 26,
  },
  {
    field: 'result',
    kind: 'text',
    header: { 'zh-CN': '结果达成情况(当前)', en: 'Results so far' },
    aliases: ['结果达成情况', '结果', '达成情况', 'Result', 'Results'],
    width: 20,
  },
];

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
  for (const column of columns) {
    const names = [...(column.header ? Object.values(column.header) : []), ...column.aliases];
    for (const name of names) {
      const n = normalizeHeader(name);
      if (!exact.has(n)) exact.set(n, column);
    }
  }
  // Loose matches only where the exact ones say nothing, so 所需资源(预算) stays the budget.
  for (const column of columns) {
    const names = [...(column.header ? Object.values(column.header) : []), ...column.aliases];
    for (const name of names) {
      const n = withoutBrackets(normalizeHeader(name));
      if (n && !loose.has(n) && !exact.has(n)) loose.set(n, column);
    }
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
