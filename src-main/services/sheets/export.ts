/**
 * Table 1 or Table 2 as a spreadsheet file with the template's headers in the interface language.
 * In .xlsx the cells are typed (dates are date cells, money numbers in ¥, progress a number shown
 * with %); in .csv everything is text that Excel, WPS and LibreOffice all read the same way.
 */
import type { Module, Project, Task } from '../../shared/domain';
import { fenToYuanText, todayIso } from '../../shared/values';
import { requireProject, type Db } from '../common';
import { listModules } from '../modules';
import { listPeople } from '../people';
import { getProject } from '../projects';
import { listTasks } from '../tasks';
import { exportColumns, type SheetLanguage, type SheetTable } from './columns';
import { formatPeriodCell } from './period';

// exceljs is loaded on the first spreadsheet, not at start: requiring it took longer than
// starting the whole main process otherwise (see BENCHMARKS.md, Main process start).
const loadExcel = () => import('exceljs').then((m) => m.default);

export type Cell = string | number | Date | null;
export interface Column {
  header: string;
  width: number;
  numFmt?: string;
}
export interface Sheet {
  name: string;
  columns: Column[];
  rows: Cell[][];
  /** Outline level of each row (Table 2's WBS depth), for Excel's row grouping. */
  levels?: number[];
  /** Columns whose cells are the strategy's own, merged down all rows as in the template. */
  mergeDown?: number;
}

const WORDS = {
  'zh-CN': {
    yes: '是',
    no: '否',
    list: '、',
    tasks: '执行任务拆解表',
    modules: '营销策略执行跟踪总表',
    tasksSheet: '表2 执行任务拆解表',
    modulesSheet: '表1 营销策略执行跟踪总表',
  },
  en: {
    yes: 'Yes',
    no: 'No',
    list: ', ',
    tasks: 'Task breakdown',
    modules: 'Strategy tracking',
    tasksSheet: 'Table 2 Task breakdown',
    modulesSheet: 'Table 1 Strategy tracking',
  },
} as const;

/** A calendar date as an xlsx date cell: UTC midnight, which Excel shows as that day in any zone. */
export function dateCell(iso: string | null): Date | null {
  if (!iso) return null;
  return new Date(Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))));
}

function taskSheet(db: Db, project: Project, language: SheetLanguage, typed: boolean): Sheet {
  const words = WORDS[language];
  const people = new Map(listPeople(db, { projectId: project.id }).map((p) => [p.id, p.name]));
  const modules = new Map(listModules(db, { projectId: project.id }).map((m) => [m.id, m.name]));
  const tasks = listTasks(db, { projectId: project.id });
  const codes = new Map(tasks.map((t) => [t.id, t.code]));
  const depth = new Map<string, number>();
  for (const t of tasks) depth.set(t.id, t.parentId ? (depth.get(t.parentId) ?? 0) + 1 : 0);
  // Excel's calendar starts in 1900 (and counts a 29 February 1900 that never was): earlier
  // dates are written as text, which the import reads just the same.
  const date = (iso: string | null): Cell => (typed && iso && iso >= '1900-03-01' ? dateCell(iso) : iso);
  const value = (t: Task, field: string): Cell => {
    switch (field) {
      case 'code':
        return t.code;
      case 'ownerId':
        return t.ownerId ? (people.get(t.ownerId) ?? '') : '';
      case 'start':
        return date(t.start);
      case 'end':
        return date(t.end);
      case 'budgetFen':
        if (t.budgetFen === null) return null;
        // fen / 100 is the double nearest to the amount; reading it back rounds to whole fen.
        return typed ? t.budgetFen / 100 : fenToYuanText(t.budgetFen);
      case 'progress':
        return typed ? t.progress : `${t.progress}%`;
      case 'moduleId':
        return t.moduleId ? (modules.get(t.moduleId) ?? '') : '';
      case 'milestone':
        return t.milestone ? words.yes : words.no;
      case 'blocked':
        return t.blocked ? words.yes : words.no;
      case 'predecessorIds':
        return t.predecessorIds
          .map((id) => codes.get(id) ?? '')
          .filter(Boolean)
          .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))
          .join(words.list);
      case 'parentId':
        return t.parentId ? (codes.get(t.parentId) ?? '') : '';
      default:
        return t[field as 'name' | 'deliverable' | 'manpower' | 'tools' | 'criteria' | 'notes'];
    }
  };
  const specs = exportColumns('tasks');
  const formats: Record<string, string> = {
    start: 'yyyy-mm-dd',
    end: 'yyyy-mm-dd',
    budgetFen: '"¥"#,##0.00',
    progress: '0"%"',
  };
  return {
    name: words.tasksSheet,
    columns: specs.map((c) => ({
      header: c.header[language],
      width: c.width ?? 12,
      numFmt: formats[c.field],
    })),
    rows: tasks.map((t) => specs.map((c) => value(t, c.field))),
    levels: tasks.map((t) => Math.min(depth.get(t.id) ?? 0, 7)),
  };
}

function moduleSheet(db: Db, project: Project, language: SheetLanguage): Sheet {
  const people = new Map(listPeople(db, { projectId: project.id }).map((p) => [p.id, p.name]));
  const modules = listModules(db, { projectId: project.id });
  const owner = project.ownerId ? (people.get(project.ownerId) ?? '') : '';
  const value = (m: Module, field: string): Cell => {
    switch (field) {
      case 'strategy':
        return project.name;
      case 'goal':
        return project.goal;
      case 'owner':
        return owner;
      case 'period':
        return formatPeriodCell(project.start, project.end);
      case 'ownerId':
        return m.ownerId ? (people.get(m.ownerId) ?? '') : '';
      case 'progress': {
        // The template's combined cell: 60%(已完成预热内容,活动上线).
        const percent = `${Math.round(m.progress)}%`;
        return m.milestone ? `${percent}(${m.milestone})` : percent;
      }
      default:
        return m[field as 'name' | 'summary' | 'issues' | 'suggestions' | 'result'];
    }
  };
  const specs = exportColumns('modules');
  return {
    name: WORDS[language].modulesSheet,
    columns: specs.map((c) => ({ header: c.header[language], width: c.width ?? 12 })),
    rows: modules.map((m) => specs.map((c) => value(m, c.field))),
    mergeDown: 4,
  };
}

export async function toXlsx(sheet: Sheet, project: Project): Promise<Buffer> {
  const { Workbook } = await loadExcel();
  const workbook = new Workbook();
  workbook.creator = 'Campaign Tracker';
  workbook.title = project.name;
  const ws = workbook.addWorksheet(sheet.name, {
    views: [{ state: 'frozen', xSplit: 1, ySplit: 1 }],
    properties: { defaultRowHeight: 18, outlineLevelRow: Math.max(0, ...(sheet.levels ?? [0])) },
  });
  ws.columns = sheet.columns.map((c) => ({
    header: c.header,
    width: c.width,
    style: c.numFmt ? { numFmt: c.numFmt } : {},
  }));
  const header = ws.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', wrapText: true };
  header.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF0F2F5' } };
  });
  sheet.rows.forEach((cells, i) => {
    const row = ws.addRow(cells);
    const level = sheet.levels?.[i];
    if (level) row.outlineLevel = level;
  });
  if (sheet.columns.length > 0) {
    ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: sheet.columns.length } };
  }
  if (sheet.mergeDown && sheet.rows.length > 1) {
    for (let col = 1; col <= sheet.mergeDown; col++) {
      ws.mergeCells(2, col, sheet.rows.length + 1, col);
      ws.getCell(2, col).alignment = { vertical: 'top', wrapText: true };
    }
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** RFC 4180 field: quoted when it holds a comma, quote or line break; quotes doubled. */
function csvField(value: Cell): string {
  let text = value === null ? '' : value instanceof Date ? value.toISOString().slice(0, 10) : String(value);
  // Excel would run "=…", "+…", "@…" or "-…" as a formula: a leading apostrophe keeps it text,
  // and the import takes one off again (so text that began with apostrophes keeps them).
  const risky =
    /^'*[=+@\t\r]/.test(text) || /^'+-/.test(text) || (/^-./.test(text) && !/^-\d+(\.\d+)?$/.test(text));
  if (risky) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** UTF-8 with a byte-order mark (so Excel and WPS read the Chinese correctly), CRLF line ends. */
export function toCsv(sheet: Sheet): Buffer {
  const lines = [sheet.columns.map((c) => c.header), ...sheet.rows].map((row) => row.map(csvField).join(','));
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8')]);
}

/** A file name Windows, macOS and Linux all accept. */
export function safeFileName(text: string): string {
  const printable = [...text].map((ch) => (ch.charCodeAt(0) < 0x20 ? '_' : ch)).join('');
  return printable.replace(/[\\/:*?"<>|]/g, '_').trim() || 'export';
}

export async function exportSheet(
  db: Db,
  input: { projectId: string; table: SheetTable; format: 'xlsx' | 'csv'; language: SheetLanguage },
): Promise<{ fileName: string; mime: string; base64: string }> {
  // Everything is read before the first await, so the file is one consistent state of the plan.
  requireProject(db, input.projectId);
  const project = getProject(db, input.projectId);
  const typed = input.format === 'xlsx';
  const sheet =
    input.table === 'tasks'
      ? taskSheet(db, project, input.language, typed)
      : moduleSheet(db, project, input.language);
  const bytes = typed ? await toXlsx(sheet, project) : toCsv(sheet);
  const fileName = `${safeFileName(project.name)}-${WORDS[input.language][input.table]}-${todayIso()}.${input.format}`;
  return {
    fileName,
    mime: typed
      ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
      : 'text/csv;charset=utf-8',
    base64: bytes.toString('base64'),
  };
}
