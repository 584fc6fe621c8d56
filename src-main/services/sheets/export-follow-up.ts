/**
 * The logs of steps 四 and 五 as spreadsheets: 执行问题记录表, the feedback log, the root causes
 * and 策略调整审批表, with the template's Chinese headers (English ones for an English UI). Same
 * conventions as Table 1 and 2 (export.ts): typed cells in .xlsx, text in .csv.
 */
import type { Adjustment, AdjustmentChange, Feedback, Issue, Link, RootCause } from '../../shared/feedback';
import { fenToYuanText, todayIso } from '../../shared/values';
import { listAdjustments } from '../adjustments';
import { listCauses } from '../causes';
import { requireProject, type Db } from '../common';
import { listFeedback } from '../feedback';
import { listIssues } from '../issues';
import { getProject } from '../projects';
import type { SheetLanguage } from './columns';
import { dateCell, safeFileName, toCsv, toXlsx, type Cell, type Sheet } from './export';

export type FollowUpTable = 'issues' | 'feedback' | 'causes' | 'adjustments';

const WORDS = {
  'zh-CN': {
    list: '、',
    changes: ';',
    file: {
      issues: '执行问题记录表',
      feedback: '反馈记录表',
      causes: '根因分析表',
      adjustments: '策略调整审批表',
    },
    severity: { low: '低', medium: '中', high: '高' },
    issueStatus: { open: '待处理', in_progress: '处理中', resolved: '已解决', closed: '已关闭' },
    source: { internal: '内部反馈', external: '外部反馈', data: '数据反馈' },
    sentiment: { positive: '正面', neutral: '中性', negative: '负面' },
    status: {
      draft: '草稿',
      submitted: '已提交',
      approved: '已批准',
      rejected: '已驳回',
      applied: '已实施',
      evaluated: '效果已评估',
    },
    major: { yes: '是', no: '否' },
    reason: {
      budget_over_pct: '预算变动超过比例',
      end_date_moved: '结束日期变更',
      goal_target_changed: '目标值变更',
    },
    change: {
      budget: '预算',
      dates: '起止',
      owner: '负责人',
      target: '目标',
      end: '策略结束日期',
      newTask: '新增任务',
    },
    by: '前',
  },
  en: {
    list: ', ',
    changes: '; ',
    file: {
      issues: 'Issue log',
      feedback: 'Feedback log',
      causes: 'Root causes',
      adjustments: 'Adjustments',
    },
    severity: { low: 'Low', medium: 'Medium', high: 'High' },
    issueStatus: { open: 'Open', in_progress: 'In progress', resolved: 'Resolved', closed: 'Closed' },
    source: { internal: 'Internal', external: 'External', data: 'Data' },
    sentiment: { positive: 'Positive', neutral: 'Neutral', negative: 'Negative' },
    status: {
      draft: 'Draft',
      submitted: 'Submitted',
      approved: 'Approved',
      rejected: 'Rejected',
      applied: 'Applied',
      evaluated: 'Effect reviewed',
    },
    major: { yes: 'Yes', no: 'No' },
    reason: {
      budget_over_pct: 'budget change over the limit',
      end_date_moved: 'end date moved',
      goal_target_changed: 'goal target changed',
    },
    change: {
      budget: 'budget',
      dates: 'dates',
      owner: 'owner',
      target: 'target',
      end: 'strategy end date',
      newTask: 'new task',
    },
    by: 'by',
  },
} as const;

/** Column headers: [zh-CN, en, width]. */
const HEADERS: Record<FollowUpTable, [string, string, number][]> = {
  issues: [
    ['日期', 'Date', 12],
    ['提出人', 'Reporter', 12],
    ['核心模块', 'Module', 16],
    ['任务', 'Task', 18],
    ['问题类别', 'Category', 12],
    ['问题描述(障碍)', 'Issue (obstacle)', 30],
    ['影响', 'Impact', 24],
    ['需协调支持的事项', 'Support needed', 24],
    ['严重程度', 'Severity', 10],
    ['负责人', 'Owner', 12],
    ['期限', 'Due', 12],
    ['状态', 'Status', 10],
    ['解决方案', 'Resolution', 24],
    ['解决日期', 'Resolved on', 12],
    ['根因', 'Root causes', 20],
    ['调整措施', 'Adjustments', 24],
  ],
  feedback: [
    ['日期', 'Date', 12],
    ['来源', 'Source', 10],
    ['渠道', 'Channel', 12],
    ['反馈内容', 'Content', 36],
    ['倾向', 'Sentiment', 8],
    ['核心模块', 'Module', 16],
    ['任务', 'Task', 18],
    ['指标', 'Metric', 12],
    ['目标值', 'Target', 10],
    ['实际值', 'Actual', 10],
    ['差距(%)', 'Gap (%)', 10],
    ['根因', 'Root causes', 20],
    ['调整措施', 'Adjustments', 24],
  ],
  causes: [
    ['根因类别', 'Category', 14],
    ['根因', 'Root cause', 24],
    ['分析过程', 'Analysis', 40],
    ['关联问题', 'Issues', 24],
    ['关联反馈', 'Feedback', 24],
    ['调整措施', 'Adjustments', 24],
  ],
  adjustments: [
    ['调整事项', 'Adjustment', 28],
    ['核心模块', 'Module', 16],
    ['申请人', 'Proposer', 12],
    ['调整原因(问题/反馈/根因)', 'Causes (issues / feedback / root causes)', 30],
    ['具体措施', 'Measures', 32],
    ['计划变更', 'Plan changes', 32],
    ['重大调整', 'Major', 16],
    ['责任人', 'Owner', 12],
    ['时间节点', 'Deadline', 12],
    ['预期效果', 'Expected effect', 24],
    ['状态', 'Status', 12],
    ['提交日期', 'Submitted on', 12],
    ['审批人', 'Decided by', 12],
    ['审批日期', 'Decided on', 12],
    ['审批意见', 'Decision comment', 24],
    ['实施日期', 'Applied on', 12],
    ['实际效果', 'Actual effect', 12],
    ['评估日期', 'Reviewed on', 12],
    ['效果评价', 'Effect review', 24],
  ],
};

/** Hundredths as a decimal ("4.50"), exact. */
const decimal = (c: number | null): string | null => (c === null ? null : fenToYuanText(c));
/** Money with its sign ("+500000.00", "-1.00"). */
const signedYuan = (fen: number) => `${fen < 0 ? '-' : '+'}${fenToYuanText(Math.abs(fen))}`;

function changeText(c: AdjustmentChange, language: SheetLanguage): string {
  const w = WORDS[language].change;
  switch (c.kind) {
    case 'module_budget':
      return `${c.moduleName ?? '?'} ${w.budget} ${signedYuan(c.deltaFen ?? 0)}`;
    case 'task_budget':
      return `${c.taskLabel ?? '?'} ${w.budget} ${signedYuan(c.deltaFen ?? 0)}`;
    case 'task_dates':
      return `${c.taskLabel ?? '?'} ${w.dates} ${c.newStart ?? c.beforeStart ?? ''}–${c.newEnd ?? c.beforeEnd ?? ''}`;
    case 'task_owner':
      return `${c.taskLabel ?? '?'} ${w.owner} → ${c.newOwnerName ?? '?'}`;
    case 'metric_target':
      return `${c.metricName ?? '?'} ${w.target} → ${decimal(c.newTargetC) ?? ''}`;
    case 'project_end':
      return `${w.end} → ${c.newEnd ?? ''}`;
    case 'new_task':
      return `${w.newTask} ${c.newName}${c.newBudgetFen ? ` (${fenToYuanText(c.newBudgetFen)})` : ''}`;
  }
}

function sheetOf(
  db: Db,
  projectId: string,
  table: FollowUpTable,
  language: SheetLanguage,
  typed: boolean,
): Sheet {
  const w = WORDS[language];
  const date = (iso: string | null): Cell => (typed && iso && iso >= '1900-03-01' ? dateCell(iso) : iso);
  const number = (c: number | null): Cell => (c === null ? null : typed ? c / 100 : decimal(c));
  const labels = (links: readonly Link[]) => links.map((l) => l.label).join(w.list);
  let rows: Cell[][];
  switch (table) {
    case 'issues':
      rows = listIssues(db, { projectId }).map((i: Issue) => [
        date(i.reportedOn),
        i.reporterName,
        i.moduleName,
        i.taskLabel,
        i.category,
        i.title,
        i.impact,
        i.supportNeeded,
        w.severity[i.severity],
        i.ownerName,
        date(i.dueDate),
        w.issueStatus[i.status],
        i.resolution,
        date(i.resolvedOn),
        labels(i.rootCauses),
        labels(i.adjustments),
      ]);
      break;
    case 'feedback':
      rows = listFeedback(db, { projectId }).map((f: Feedback) => [
        date(f.receivedOn),
        w.source[f.source],
        f.channel,
        f.content,
        f.sentiment ? w.sentiment[f.sentiment] : null,
        f.moduleName,
        f.taskLabel,
        f.metricName,
        number(f.targetC),
        number(f.actualC),
        f.gapPct === null ? null : typed ? f.gapPct : String(f.gapPct),
        labels(f.rootCauses),
        labels(f.adjustments),
      ]);
      break;
    case 'causes':
      rows = listCauses(db, { projectId }).map((r: RootCause) => [
        r.category,
        r.title,
        r.analysis,
        labels(r.issues),
        labels(r.feedback),
        labels(r.adjustments),
      ]);
      break;
    case 'adjustments':
      rows = listAdjustments(db, { projectId }).map((a: Adjustment) => [
        a.title,
        a.moduleName,
        a.proposerName,
        labels([...a.issues, ...a.feedback, ...a.rootCauses]),
        a.measures,
        a.changes.map((c) => changeText(c, language)).join(w.changes),
        a.major ? `${w.major.yes} (${a.majorReasons.map((r) => w.reason[r]).join(w.list)})` : w.major.no,
        a.ownerName,
        date(a.deadline),
        a.expectedMetricName === null
          ? ''
          : `${a.expectedMetricName} ${decimal(a.expectedValueC) ?? ''}${a.expectedBy ? ` (${w.by} ${a.expectedBy})` : ''}`,
        w.status[a.status],
        date(a.submittedOn),
        a.decision?.personName ?? null,
        date(a.decision?.date ?? null),
        a.decision?.comment ?? null,
        date(a.appliedOn),
        number(a.actualValueC),
        date(a.evaluatedOn),
        a.effectNote,
      ]);
      break;
  }
  const isDate = (header: string) => /日期|期限|时间节点|Date|Due|Deadline| on$/.test(header);
  return {
    name: w.file[table],
    columns: HEADERS[table].map(([zh, en, width]) => ({
      header: language === 'zh-CN' ? zh : en,
      width,
      ...(typed && isDate(en) ? { numFmt: 'yyyy-mm-dd' } : {}),
    })),
    rows,
  };
}

export async function exportFollowUpSheet(
  db: Db,
  input: { projectId: string; table: FollowUpTable; format: 'xlsx' | 'csv'; language: SheetLanguage },
): Promise<{ fileName: string; mime: string; base64: string }> {
  // Everything is read before the first await, so the file is one consistent state.
  requireProject(db, input.projectId);
  const project = getProject(db, input.projectId);
  const typed = input.format === 'xlsx';
  const sheet = sheetOf(db, input.projectId, input.table, input.language, typed);
  const bytes = typed ? await toXlsx(sheet, project) : toCsv(sheet);
  const words = WORDS[input.language];
  return {
    fileName: `${safeFileName(project.name)}-${words.file[input.table]}-${todayIso()}.${input.format}`,
    mime: typed
      ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
      : 'text/csv;charset=utf-8',
    base64: bytes.toString('base64'),
  };
}
