/**
 * Paste in the template's layout (items: a block with the template's headers or its nine columns
 * is mapped by field as the importer maps a file; owners not in the team join it with the paste;
 * a paste into an empty Table 2 creates its rows; 里程碑 / ◆ marks the milestone). The mapping is
 * the renderer's; the write goes through the router, and is read back from the SQLite file.
 */
import { describe, expect, onTestFinished, test } from 'vitest';
import { createRouter } from '../../src-main/router';
import { createPerson } from '../../src-main/services/people';
import { createProject, updateProject } from '../../src-main/services/projects';
import { buildPaste } from '../../src-renderer/features/tasks/paste';
import {
  blockLayout,
  mapBlock,
  TEMPLATE_TASK_FIELDS,
} from '../../src-renderer/features/tasks/template-paste';
import { parseTsv, toTsv } from '../../src-renderer/features/tasks/tsv';
import { parseContext } from '../../src-renderer/features/tasks/task-text';
import { logicalHash, tempDatabase, withRaw } from '../helpers/db';
import { OWNER_TASK_ROWS, TEMPLATE_TASK_HEADERS } from '../helpers/owner-sheets';

const noStatus = () => null;

describe('telling the template’s layout', () => {
  test('by its headers: the template’s (full-width brackets), ours, English', () => {
    expect(blockLayout([TEMPLATE_TASK_HEADERS, OWNER_TASK_ROWS[0]!], 2024)).toEqual({
      fields: [...TEMPLATE_TASK_FIELDS],
      header: true,
    });
    expect(blockLayout([['任务ID', '任务名称', '开始', '结束', '预算(元)', '人力']], 2024)?.fields).toEqual([
      'code',
      'name',
      'start',
      'end',
      'budgetFen',
      'manpower',
    ]);
    expect(blockLayout([['Task', 'Owner', 'Start – end', 'Notes']], 2024)?.fields).toEqual([
      'name',
      'ownerId',
      'period',
      'notes',
    ]);
  });

  test('by its shape: nine columns, codes or blanks first, dates in the fifth', () => {
    expect(blockLayout(OWNER_TASK_ROWS, 2023)).toEqual({ fields: [...TEMPLATE_TASK_FIELDS], header: false });
    // A block of the grid's own columns (name, deliverable, owner) is pasted cell by cell.
    expect(blockLayout([['预热', '海报', '张三']], 2024)).toBeNull();
    // Nine columns but no dates in the fifth: not the template's.
    const nine = [['', '预热', '海报', '张三', '剪映', 'x', 'y', '0', '']];
    expect(blockLayout(nine, 2024)).toBeNull();
  });
});

describe('mapping a template block onto the grid’s fields', () => {
  const people = [{ id: 'p1', name: '内容组*主管' }] as Parameters<typeof parseContext>[0]['people'];
  const ctx = parseContext({ people, modules: [], tasks: [] });

  test('periods split, resources read, ◆ and 里程碑 mark milestones, unknown owners listed to join', () => {
    const block = parseTsv(toTsv([TEMPLATE_TASK_HEADERS, ...OWNER_TASK_ROWS.slice(0, 5)]));
    const layout = blockLayout(block, 2023)!;
    const mapped = mapBlock(block, layout, 2023);
    expect(mapped.columns).toEqual([
      'name',
      'deliverable',
      'ownerId',
      'start',
      'end',
      'budgetFen',
      'manpower',
      'tools',
      'criteria',
      'progress',
      'notes',
      'milestone',
    ]);
    const { rows, problems, newPeople } = buildPaste(
      mapped.rows,
      { columns: mapped.columns, rows: [], statusOf: noStatus },
      ctx,
    );
    expect(problems).toEqual([]);
    expect(newPeople).toEqual(['渠道组*专员', '销售组*主管']);
    expect(
      rows.map((r) => [
        r.values.name,
        r.values.start,
        r.values.end,
        r.values.budgetFen,
        r.values.manpower,
        r.values.tools,
        r.values.milestone ?? false,
        r.ownerName ?? r.values.ownerId,
      ]),
    ).toEqual([
      ['社交媒体素材制作', '2023-04-20', '2023-04-30', 3_500_000, '文案1人', '秀米', false, 'p1'],
      ['KOL合作落地', '2023-05-01', '2023-05-31', null, '2人', '剪映', false, '渠道组*专员'],
      ['直播带货', '2023-05-10', '2023-07-20', null, '全组', '', false, 'p1'],
      ['线下地推执行', '2023-05-15', '2023-07-15', 800_000, '', '', false, '销售组*主管'],
      ['活动上线', '2023-05-10', '2023-05-10', null, '外包', '', true, '渠道组*专员'],
    ]);
    // No row is given an id: they are all new tasks (the table is empty); codes are left to the app.
    expect(rows.every((r) => r.id === undefined && !('code' in r.values))).toBe(true);
  });
});

describe('a template block pasted into an empty Table 2, through the router', () => {
  function setUp() {
    const { file, db } = tempDatabase();
    onTestFinished(() => {
      if (db.open) db.close();
    });
    const router = createRouter(db, { version: '0.0.0-test', logError: () => {} });
    const project = createProject(db, { name: '夏季新品推广' });
    updateProject(db, { id: project.id, patch: { start: '2023-05-01', end: '2023-07-31' } });
    const person = createPerson(db, { projectId: project.id, name: '内容组*主管' });
    return { file, router, projectId: project.id, people: [person] };
  }

  test('creates the ten rows with their owners joining the team, as one undo step', () => {
    const { file, router, projectId, people } = setUp();
    const block = parseTsv(toTsv([TEMPLATE_TASK_HEADERS, ...OWNER_TASK_ROWS]));
    const mapped = mapBlock(block, blockLayout(block, 2023)!, 2023);
    const built = buildPaste(
      mapped.rows,
      { columns: mapped.columns, rows: [], statusOf: noStatus },
      parseContext({ people, modules: [], tasks: [] }),
    );
    // Three cells a paste cannot read (two owners, 进行中, 5月上旬) are listed, as for any paste.
    expect(built.problems.map((p) => [p.ref, p.field, p.reason])).toEqual([
      [6, 'ownerId', 'several_owners'],
      [7, 'progress', 'not_integer'],
      [8, 'start', 'invalid_date'],
    ]);
    // Corrected in the sheet and copied again, the block pastes.
    const fixed = OWNER_TASK_ROWS.map((r) => [...r]);
    fixed[5]![3] = '张三';
    fixed[6]![7] = '50%';
    fixed[7]![4] = '5月1日-5月10日';
    const block2 = parseTsv(toTsv([TEMPLATE_TASK_HEADERS, ...fixed]));
    const mapped2 = mapBlock(block2, blockLayout(block2, 2023)!, 2023);
    const again = buildPaste(
      mapped2.rows,
      { columns: mapped2.columns, rows: [], statusOf: noStatus },
      parseContext({ people, modules: [], tasks: [] }),
    );
    expect(again.problems).toEqual([]);
    expect(again.newPeople).toEqual(['渠道组*专员', '销售组*主管', '张三', '运营组*专员', '市场部*经理']);
    const result = router.invoke('tasks.paste', { projectId, rows: again.rows, newPeople: again.newPeople });
    expect(result.ok).toBe(true);

    const stored = withRaw(file, (raw) =>
      raw
        .prepare(
          `SELECT t.code, t.name, p.name AS owner, p.role, t.start_date AS start, t.end_date AS end,
                  t.budget_fen AS budget, t.manpower, t.tools, t.progress, t.milestone
             FROM tasks t LEFT JOIN people p ON p.id = t.owner_id WHERE t.project_id = ? ORDER BY t.position`,
        )
        .all(projectId),
    );
    expect(stored).toEqual([
      {
        code: 'M001',
        name: '社交媒体素材制作',
        owner: '内容组*主管',
        role: 'executor',
        start: '2023-04-20',
        end: '2023-04-30',
        budget: 3_500_000,
        manpower: '文案1人',
        tools: '秀米',
        progress: 100,
        milestone: 0,
      },
      {
        code: 'M002',
        name: 'KOL合作落地',
        owner: '渠道组*专员',
        role: 'executor',
        start: '2023-05-01',
        end: '2023-05-31',
        budget: null,
        manpower: '2人',
        tools: '剪映',
        progress: 80,
        milestone: 0,
      },
      {
        code: 'M003',
        name: '直播带货',
        owner: '内容组*主管',
        role: 'executor',
        start: '2023-05-10',
        end: '2023-07-20',
        budget: null,
        manpower: '全组',
        tools: '',
        progress: 45,
        milestone: 0,
      },
      {
        code: 'M004',
        name: '线下地推执行',
        owner: '销售组*主管',
        role: 'executor',
        start: '2023-05-15',
        end: '2023-07-15',
        budget: 800_000,
        manpower: '',
        tools: '',
        progress: 60,
        milestone: 0,
      },
      {
        code: 'M005',
        name: '活动上线',
        owner: '渠道组*专员',
        role: 'executor',
        start: '2023-05-10',
        end: '2023-05-10',
        budget: null,
        manpower: '外包',
        tools: '',
        progress: 0,
        milestone: 1,
      },
      {
        code: 'M006',
        name: '媒体投放',
        owner: '张三',
        role: 'executor',
        start: '2023-05-20',
        end: '2023-06-20',
        budget: 12_000_000,
        manpower: '',
        tools: '',
        progress: 20,
        milestone: 0,
      },
      {
        code: 'M007',
        name: '社群运营',
        owner: '运营组*专员',
        role: 'executor',
        start: '2023-05-01',
        end: '2023-07-31',
        budget: null,
        manpower: '运营2人',
        tools: '企业微信',
        progress: 50,
        milestone: 0,
      },
      {
        code: 'M008',
        name: '门店陈列',
        owner: '销售组*主管',
        role: 'executor',
        start: '2023-05-01',
        end: '2023-05-10',
        budget: null,
        manpower: '',
        tools: '物料',
        progress: 10,
        milestone: 0,
      },
      {
        code: 'M009',
        name: '详情页优化',
        owner: '内容组*主管',
        role: 'executor',
        start: '2023-06-01',
        end: '2023-06-15',
        budget: 800_000,
        manpower: '设计2人',
        tools: '稿定设计',
        progress: 30,
        milestone: 0,
      },
      {
        code: 'M010',
        name: '活动复盘',
        owner: '市场部*经理',
        role: 'executor',
        start: '2023-07-25',
        end: '2023-07-31',
        budget: null,
        manpower: '',
        tools: '',
        progress: 0,
        milestone: 0,
      },
    ]);
    // One undo step takes back the rows and the colleagues who joined with them.
    expect(router.invoke('history.undo', { projectId }).ok).toBe(true);
    expect(
      withRaw(file, (raw) =>
        raw.prepare('SELECT count(*) FROM tasks WHERE project_id = ?').pluck().get(projectId),
      ),
    ).toBe(0);
    expect(
      withRaw(file, (raw) =>
        raw.prepare('SELECT name FROM people WHERE project_id = ?').pluck().all(projectId),
      ),
    ).toEqual(['内容组*主管']);
  });

  test('an owner named on a row but not listed to join is refused, and nothing is written', () => {
    const { file, router, projectId } = setUp();
    const before = logicalHash(file);
    const result = router.invoke('tasks.paste', {
      projectId,
      rows: [{ ref: 1, values: { name: '预热' }, ownerName: '王五' }],
      newPeople: ['赵六'],
    });
    expect(result).toMatchObject({
      ok: false,
      error: { reason: 'paste_rejected', problems: [{ ref: 1, field: 'ownerId', reason: 'unknown_person' }] },
    });
    expect(logicalHash(file)).toBe(before);
  });
});
