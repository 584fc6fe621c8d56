/**
 * Spreadsheets as a campaign owner's own files look: Table 2 in the template's layout (the
 * combined 起止时间 and 所需资源 columns, full-width brackets in the headers, dates without a
 * year, a merged title naming the campaign's year), written as a real .xlsx by exceljs and as
 * CSV in UTF-8 (with BOM, as Excel/WPS save "CSV UTF-8") and in GB18030 (as they save "CSV
 * (逗号分隔)" on Chinese Windows).
 */
import ExcelJS from 'exceljs';

/** The template's Table 2 headers, as the owner's sheet has them (full-width brackets). */
export const TEMPLATE_TASK_HEADERS = [
  '任务ID',
  '任务名称',
  '任务描述（交付物）',
  '负责人',
  '起止时间',
  '所需资源（预算/人力/工具）',
  '完成标准',
  '当前进度',
  '备注（风险/依赖）',
];

export const OWNER_TITLE = '2023夏季新品推广 · 表2：执行任务拆解表';

/** Ten rows of Table 2 as a campaign owner wrote them. */
export const OWNER_TASK_ROWS: string[][] = [
  [
    'M001',
    '社交媒体素材制作',
    '海报文案、短视频',
    '内容组*主管',
    '4月20日-4月30日',
    '预算3.5万元/文案1人/秀米',
    '素材评审通过',
    '100%',
    '',
  ],
  [
    'M002',
    'KOL合作落地',
    '达人名单与排期',
    '渠道组*专员',
    '5月1日-5月31日',
    '2人/剪映',
    '签约10位达人',
    '80%',
    '依赖素材',
  ],
  ['M003', '直播带货', '直播脚本', '内容组*主管', '5月10日-7月20日', '全组', '场均GMV 50万', '45%', ''],
  ['M004', '线下地推执行', '地推物料', '销售组*主管', '5月15日-7月15日', '¥8,000', '覆盖20个商圈', '60%', ''],
  ['M005', '◆ 活动上线', '上线公告', '渠道组*专员', '5月10日', '外包', '按时上线', '0', '里程碑'],
  ['M006', '媒体投放', '投放计划', '张三、李四', '5月20日-6月20日', '预算12万', '曝光500万', '20%', ''],
  [
    'M007',
    '社群运营',
    '社群日报',
    '运营组*专员',
    '5月1日-7月31日',
    '运营2人/企业微信',
    '日活30%',
    '进行中',
    '每日跟踪',
  ],
  ['M008', '门店陈列', '陈列指引', '销售组*主管', '5月上旬', '物料', '100家门店', '10%', ''],
  [
    'M009',
    '详情页优化',
    '新版详情页',
    '内容组*主管',
    '6/1-6/15',
    '费用8k/设计2人/稿定设计',
    '转化率5%',
    '30%',
    '',
  ],
  ['M010', '活动复盘', '复盘报告', '市场部*经理', '7月25日-7月31日', '', '总负责人审阅通过', '', ''],
];

/** Table 2 as an .xlsx: a merged title across the table, a note, then the header and rows. */
export async function ownerTasksXlsx(
  rows: string[][] = OWNER_TASK_ROWS,
  title = OWNER_TITLE,
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('执行任务拆解表');
  ws.addRow([title]);
  ws.mergeCells(1, 1, 1, TEMPLATE_TASK_HEADERS.length);
  ws.addRow(['（说明：用于策略落地前的任务分解和责任分配，由总负责人牵头制定）']);
  ws.mergeCells(2, 1, 2, TEMPLATE_TASK_HEADERS.length);
  ws.addRow(TEMPLATE_TASK_HEADERS);
  for (const r of rows) ws.addRow(r);
  ws.getRow(3).font = { bold: true };
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function csvText(rows: string[][]): string {
  const field = (f: string) => (/[",\r\n]/.test(f) ? `"${f.replaceAll('"', '""')}"` : f);
  return rows.map((r) => r.map(field).join(',')).join('\r\n') + '\r\n';
}

/** A CSV as Excel/WPS save "CSV UTF-8": BOM, CRLF. */
export function utf8Csv(rows: string[][]): Buffer {
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csvText(rows), 'utf8')]);
}

let gbTable: Map<string, number[]> | null = null;

/**
 * GB18030 bytes of a text. Node decodes GB18030 but has no encoder: the table is built by
 * decoding every two-byte sequence (which covers all of GBK: every Chinese character and the
 * full-width punctuation a sheet holds); ASCII is itself.
 */
export function gb18030(text: string): Buffer {
  if (!gbTable) {
    gbTable = new Map();
    const decoder = new TextDecoder('gb18030');
    for (let hi = 0x81; hi <= 0xfe; hi++) {
      for (let lo = 0x40; lo <= 0xfe; lo++) {
        if (lo === 0x7f) continue;
        const ch = decoder.decode(Uint8Array.of(hi, lo));
        if (ch.length === 1 && ch !== '\ufffd' && !gbTable.has(ch)) gbTable.set(ch, [hi, lo]);
      }
    }
    // Four-byte forms of the rest of the BMP's start (¥ U+00A5 and such): 81 30 xx 30 … 84 39 xx 39.
    for (let b1 = 0x81; b1 <= 0x84; b1++)
      for (let b2 = 0x30; b2 <= 0x39; b2++)
        for (let b3 = 0x81; b3 <= 0xfe; b3++)
          for (let b4 = 0x30; b4 <= 0x39; b4++) {
            const ch = decoder.decode(Uint8Array.of(b1, b2, b3, b4));
            if (ch.length === 1 && ch !== '\ufffd' && !gbTable.has(ch)) gbTable.set(ch, [b1, b2, b3, b4]);
          }
  }
  const bytes: number[] = [];
  for (const ch of text) {
    if (ch.charCodeAt(0) < 0x80) bytes.push(ch.charCodeAt(0));
    else {
      const pair = gbTable.get(ch);
      if (!pair) throw new Error(`no GB18030 two-byte form for ${ch}`);
      bytes.push(...pair);
    }
  }
  return Buffer.from(bytes);
}

/** A CSV as Excel/WPS save "CSV (逗号分隔)" on Chinese Windows: GB18030, no BOM, CRLF. */
export function gbCsv(rows: string[][]): Buffer {
  const bytes = gb18030(csvText(rows));
  // The test is only worth something if the bytes are not UTF-8 by accident.
  if (new TextDecoder('gb18030').decode(bytes) !== csvText(rows))
    throw new Error('GB18030 round trip failed');
  return bytes;
}
