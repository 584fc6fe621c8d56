/**
 * Copy and paste of Table 2 with Excel/WPS: copy the selected rows (or the focused cell) as TSV;
 * paste a block onto the cells from the focused one (rows past the end are added, a block in the
 * template's layout is mapped by field, an empty table is filled), with the problems listed and
 * new owners confirmed before anything is sent.
 */
import { useEffect, useRef, useState, type ClipboardEvent, type RefObject } from 'react';
import type { AgGridReact } from 'ag-grid-react';
import type { ColDef, ColGroupDef, Column, GridApi, IRowNode } from 'ag-grid-community';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { Task } from '../../../src-main/shared/domain';
import { TASK_STATUSES } from '../../../src-main/shared/task-logic';
import type { TaskTextField } from '../../../src-main/shared/cell-parse';
import { useStore, whenTasksComplete } from '../../store';
import type { Plan } from '../../store/plan-slice';
import { buildPaste, type PasteProblem, type PasteRow } from './paste';
import { blockLayout, mapBlock } from './template-paste';
import { statusOf, type TaskGridContext } from './task-columns';
import { cellText, type TextContext } from './task-text';
import { parseTsv, toTsv } from './tsv';

const SELECTION_COLUMN = 'ag-Grid-SelectionColumn';
/** How long the note after a paste stays. */
const PASTE_NOTE_MS = 8000;

export function displayedColumns(api: GridApi<Task>): Column[] {
  return api.getAllDisplayedColumns().filter((c) => c.getColId() !== SELECTION_COLUMN);
}

interface ClipboardDeps {
  gridRef: RefObject<AgGridReact<Task> | null>;
  plan: Plan;
  columnDefs: (ColDef<Task> | ColGroupDef<Task>)[];
  /** The cells' context: names, parse lookups and today. */
  context: RefObject<TaskGridContext>;
}

export function useTaskClipboard({ gridRef, plan, columnDefs, context }: ClipboardDeps) {
  const { t } = useTranslation();
  const pasteTasks = useStore((s) => s.pasteTasks);
  const [problems, setProblems] = useState<{ problems: PasteProblem[]; codes: string[] } | null>(null);
  // Worded when shown, so a change of language applies to it too.
  const [info, setInfo] = useState<((t: TFunction) => string) | null>(null);
  useEffect(() => {
    if (!info) return;
    const timer = setTimeout(() => setInfo(null), PASTE_NOTE_MS);
    return () => clearTimeout(timer);
  }, [info]);
  /** A paste waiting for the user to confirm the owners who would join the team. */
  const [joinTeam, setJoinTeam] = useState<{ rows: PasteRow[]; newPeople: string[]; codes: string[] } | null>(
    null,
  );

  const textContext = (): TextContext => {
    const { names } = context.current;
    return { ...names, yes: t('tasks.yes'), no: t('tasks.no') };
  };
  const textOf = (task: Task, colId: string, ctx: TextContext) =>
    colId === 'status'
      ? t(`taskStatus.${statusOf(task, context.current.today)}`)
      : cellText(task, colId as TaskTextField | 'code', ctx);

  /** Copy: the selected rows (or the focused cell) as text Excel/WPS and our paste understand. */
  const onCopy = (e: ClipboardEvent<HTMLDivElement>) => {
    const api = gridRef.current?.api;
    if (!api || api.getEditingCells().length > 0) return;
    const columns = displayedColumns(api);
    const focused = api.getFocusedCell();
    const ctx = textContext();
    let rows: string[][];
    const picked = api.getSelectedRows();
    if (picked.length > 0) {
      rows = picked.map((task) => columns.map((c) => textOf(task, c.getColId(), ctx)));
    } else if (focused) {
      const task = api.getDisplayedRowAtIndex(focused.rowIndex)?.data;
      if (!task) return;
      rows = [[textOf(task, focused.column.getColId(), ctx)]];
    } else return;
    e.clipboardData.setData('text/plain', toTsv(rows));
    e.preventDefault();
  };

  const send = async (pasteRows: PasteRow[], newPeople: string[], codes: string[]) => {
    const pasted = await pasteTasks(pasteRows, newPeople);
    const refused = pasted.ok ? null : pasted.error;
    if (refused) {
      const listed = refused.problems?.map((p) => ({
        ref: p.ref ?? 0,
        field: p.field,
        reason: p.reason ?? refused.code,
        params: p.params,
      }));
      setProblems({
        problems: listed ?? [{ ref: 0, reason: refused.reason ?? refused.code, params: refused.params }],
        codes,
      });
    } else {
      setProblems(null);
      const created = pasteRows.filter((r) => !r.id).length;
      const joined = newPeople.length;
      setInfo(
        () => (t: TFunction) =>
          [
            t('tasks.pasted', { count: pasteRows.length, created }),
            ...(joined > 0 ? [t('paste.joined', { count: joined })] : []),
          ].join(' · '),
      );
    }
  };

  /**
   * Paste from Excel/WPS onto the cells from the focused one; rows past the end are added. A block
   * in the template's layout (its headers, or its nine columns) is mapped by field as the importer
   * maps a file. Into an empty table, the rows are created. Owners not in the team are listed and
   * join it with the paste once the user confirms.
   */
  const pasteText = async (text: string) => {
    const api = gridRef.current?.api;
    if (api && api.getEditingCells().length > 0) return;
    const focused = api?.getFocusedCell() ?? null;
    const block = parseTsv(text);
    if (block.length === 0) return;
    const year = plan.project.start ? Number(plan.project.start.slice(0, 4)) : new Date().getFullYear();
    const layout = blockLayout(block, year);
    // The grid's columns as displayed, or (an empty table has no grid) in their defined order.
    const allColumns = api
      ? displayedColumns(api).map((c) => c.getColId())
      : columnDefs.flatMap((c) =>
          'colId' in c && c.colId ? [c.colId] : 'field' in c && c.field ? [c.field] : [],
        );
    let cells: (string | undefined)[][];
    let columns: string[];
    let firstRow: number;
    if (layout) {
      const mapped = mapBlock(block, layout, year);
      cells = mapped.rows;
      columns = mapped.columns;
      firstRow = focused?.rowIndex ?? plan.tasks.length;
    } else if (focused) {
      cells = block;
      columns = allColumns.slice(Math.max(0, allColumns.indexOf(focused.column.getColId())));
      firstRow = focused.rowIndex;
    } else if (plan.tasks.length === 0) {
      // Nothing to focus: the block starts at 任务ID when its first column is codes (or blank), else at 任务名称.
      const codes = block.every((r) => /^([A-Za-z]{0,4}\d{1,6})?$/.test((r[0] ?? '').trim()));
      cells = block;
      columns = allColumns.slice(Math.max(0, allColumns.indexOf(codes ? 'code' : 'name')));
      firstRow = 0;
    } else return;
    const rows: Task[] = [];
    for (let i = 0; api && i < cells.length; i++) {
      const node: IRowNode<Task> | undefined = api.getDisplayedRowAtIndex(firstRow + i);
      if (!node?.data) break;
      rows.push(node.data);
    }
    const statusWords = new Map(TASK_STATUSES.map((s) => [t(`taskStatus.${s}`), s]));
    const {
      rows: pasteRows,
      problems: found,
      newPeople,
    } = buildPaste(
      cells,
      {
        columns,
        rows,
        statusOf: (word) =>
          statusWords.get(word) === 'blocked' ? 'blocked' : statusWords.has(word) ? 'other' : null,
      },
      context.current.names.parse,
    );
    const codes = rows.map((x) => x.code);
    if (found.length > 0) return setProblems({ problems: found, codes });
    if (pasteRows.length === 0) return;
    if (newPeople.length > 0) return setJoinTeam({ rows: pasteRows, newPeople, codes });
    await send(pasteRows, [], codes);
  };

  const onPaste = (e: ClipboardEvent<HTMLDivElement>) => {
    const text = e.clipboardData.getData('text/plain');
    if (!text || !gridRef.current?.api?.getFocusedCell()) return;
    e.preventDefault();
    // While only the table's first rows are here, the paste waits for the rest (it runs down the rows).
    if (useStore.getState().tasksPartial) void whenTasksComplete().then(() => pasteRef.current(text));
    else void pasteText(text);
  };

  // An empty table has no cell to focus: a paste anywhere on the page (outside a field) fills it.
  const pasteRef = useRef(pasteText);
  pasteRef.current = pasteText;
  const empty = plan.tasks.length === 0;
  useEffect(() => {
    if (!empty) return;
    const onDocumentPaste = (e: globalThis.ClipboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (target?.closest('input, textarea, select, [contenteditable="true"], [role="dialog"]')) return;
      const text = e.clipboardData?.getData('text/plain');
      if (!text) return;
      e.preventDefault();
      void pasteRef.current(text);
    };
    document.addEventListener('paste', onDocumentPaste);
    return () => document.removeEventListener('paste', onDocumentPaste);
  }, [empty]);

  return {
    onCopy,
    onPaste,
    problems,
    dismissProblems: () => setProblems(null),
    info,
    joinTeam,
    cancelJoin: () => setJoinTeam(null),
    confirmJoin: () => {
      if (!joinTeam) return;
      setJoinTeam(null);
      void send(joinTeam.rows, joinTeam.newPeople, joinTeam.codes);
    },
  };
}
