/** The renderer's clipboard pieces: Excel/WPS tab-separated text, and mapping a block onto Table 2. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Task } from '../../src-main/shared/domain';
import { buildPaste } from '../../src-renderer/features/tasks/paste';
import { parseTsv, toTsv } from '../../src-renderer/features/tasks/tsv';
import { blankTask } from '../helpers/tasks';

describe('tab-separated text', () => {
  it('reads what Excel puts on the clipboard, quoted cells and the trailing line break included', () => {
    expect(parseTsv('a\tb\r\nc\td\r\n')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
    expect(parseTsv('"第一行\n第二行"\t"说""好"""\r\nx\t')).toEqual([
      ['第一行\n第二行', '说"好"'],
      ['x', ''],
    ]);
    expect(parseTsv('')).toEqual([]);
  });

  it('reads an Excel block with a cell over several lines, a quoted quote and empty cells', () => {
    // Excel copies a cell with Alt+Enter line breaks quoted, with LF inside and CRLF between rows.
    const clipboard =
      '直播彩排\t"彩排两次\n主播确认话术\n备用场地"\t60%\r\n' +
      '"说""好""的海报"\t\t\r\n' +
      '\t只有第二列\t\r\n';
    expect(parseTsv(clipboard)).toEqual([
      ['直播彩排', '彩排两次\n主播确认话术\n备用场地', '60%'],
      ['说"好"的海报', '', ''],
      ['', '只有第二列', ''],
    ]);
    // A cell with CRLF inside (as some editors write it) reads the same.
    expect(parseTsv('a\t"x\r\ny"\r\n')).toEqual([['a', 'x\ny']]);
  });

  it('round-trips any block of cells', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', '中', '\t', '\n', '"', ' ', '1') });
    fc.assert(
      fc.property(
        fc.array(fc.array(cell, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 5 }),
        (rows) => {
          // A lone empty cell is an empty line, which Excel would not copy either.
          fc.pre(rows.every((r) => r.length > 1 || r[0] !== ''));
          expect(parseTsv(toTsv(rows))).toEqual(rows);
        },
      ),
    );
  });
});

const task = (id: string, code: string): Task => blankTask(id, code);

const ctx = {
  personByName: new Map([['内容组*主管', 'person-1']]),
  moduleByName: new Map<string, string>(),
  taskByCode: new Map([['M001', 'task-1']]),
};
const target = (columns: string[], rows: Task[]) => ({
  columns,
  rows,
  statusOf: (word: string) =>
    word === '受阻' ? ('blocked' as const) : word === '进行中' ? ('other' as const) : null,
});

describe('mapping a pasted block onto the table', () => {
  it('lands cells on the rows and columns from the focused cell, and adds rows past the end', () => {
    const { rows, problems } = buildPaste(
      [
        ['改名', '内容组*主管', '60%'],
        ['新任务', '', '0'],
      ],
      target(['name', 'ownerId', 'progress'], [task('task-1', 'M001')]),
      ctx,
    );
    expect(problems).toEqual([]);
    expect(rows).toEqual([
      { ref: 1, id: 'task-1', values: { name: '改名', ownerId: 'person-1', progress: 60 } },
      { ref: 2, values: { name: '新任务', ownerId: null, progress: 0 } },
    ]);
  });

  it('lists every bad cell with its row and column; an owner not in the team is to join it, not a problem', () => {
    const { problems, newPeople, rows } = buildPaste(
      [
        ['M001', '张三', '120'],
        ['M009', '内容组*主管', '50'],
        ['', '张三、李四', '50'],
      ],
      target(
        ['code', 'ownerId', 'progress'],
        [task('task-1', 'M001'), task('task-2', 'M002'), task('task-3', 'M003')],
      ),
      ctx,
    );
    expect(problems).toEqual([
      { ref: 1, field: 'progress', reason: 'too_big', params: { limit: 100, origin: 'number' } },
      { ref: 2, field: 'code', reason: 'read_only' },
      { ref: 3, field: 'ownerId', reason: 'several_owners', params: { name: '张三、李四' } },
    ]);
    expect(newPeople).toEqual(['张三']);
    expect(rows[0]).toMatchObject({ ref: 1, id: 'task-1', ownerName: '张三' });
  });

  it('asks a name of new rows, reads 受阻 in the status column, and refuses cells past the last column', () => {
    const { rows, problems } = buildPaste(
      [
        ['受阻', 'x'],
        ['进行中', ''],
      ],
      target(['status'], [task('task-1', 'M001')]),
      ctx,
    );
    expect(rows[0]).toEqual({ ref: 1, id: 'task-1', values: { blocked: true } });
    expect(problems).toEqual([
      { ref: 1, reason: 'outside_table' },
      { ref: 2, field: 'name', reason: 'required' },
    ]);
  });
});
