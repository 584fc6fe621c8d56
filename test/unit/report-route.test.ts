/** The report's address and its page rules: pure functions of the printed reports. */
import { describe, expect, test } from 'vitest';
import {
  parseReportHash,
  reportHash,
  type ReportRequest,
} from '../../src-renderer/features/reports/report-route';
import { cssString, pageCss } from '../../src-renderer/features/reports/page-rules';

const ID = '0190f0c8-7d2a-7abc-8def-0123456789ab';

describe('the report address (#/report?…)', () => {
  test('round trip of every field', () => {
    const request: ReportRequest = {
      projectId: ID,
      kind: 'weekly',
      paper: 'Letter',
      orientation: 'landscape',
      off: ['metrics', 'next'],
      periodId: ID,
      language: 'en',
      adjustmentId: null,
    };
    expect(parseReportHash(reportHash(request))).toEqual(request);
  });

  test('an approval form carries its adjustment', () => {
    const request: ReportRequest = {
      projectId: ID,
      kind: 'approval',
      paper: 'A4',
      orientation: 'portrait',
      off: [],
      periodId: null,
      language: 'zh-CN',
      adjustmentId: ID,
    };
    expect(reportHash(request)).toContain(`adjustment=${ID}`);
    expect(parseReportHash(reportHash(request))).toEqual(request);
  });

  test('defaults: the retrospective on A4 portrait with every section; not a report without a project', () => {
    expect(parseReportHash(`#/report?project=${ID}`)).toEqual({
      projectId: ID,
      kind: 'retro',
      paper: 'A4',
      orientation: 'portrait',
      off: [],
      periodId: null,
      language: null,
      adjustmentId: null,
    });
    expect(
      parseReportHash(`#/report?project=${ID}&kind=nonsense&paper=A3&orientation=sideways`),
    ).toMatchObject({
      kind: 'retro',
      paper: 'A4',
      orientation: 'portrait',
    });
    expect(parseReportHash('#/report')).toBeNull();
    expect(parseReportHash('#/reports?project=x')).toBeNull();
    expect(parseReportHash('')).toBeNull();
  });
});

describe('page rules', () => {
  test('paper, orientation, header and the page counters in the footer', () => {
    const css = pageCss({ paper: 'Letter', orientation: 'landscape' }, '2024夏季新品推广 · 复盘报告', {
      page: '第 {{page}} 页 / 共 {{pages}} 页',
      date: '打印于 2026/12/3',
    });
    expect(css).toContain('size: Letter landscape;');
    expect(css).toContain('@top-left { content: "2024夏季新品推广 · 复盘报告";');
    expect(css).toContain('content: "第 " counter(page) " 页 / 共 " counter(pages) " 页";');
    expect(css).toContain('@bottom-right { content: "打印于 2026/12/3";');
  });

  test('a name with quotes, backslashes or line breaks cannot break out of its CSS string', () => {
    expect(cssString('a"b\\c\nd')).toBe('"a\\"b\\\\c d"');
    const css = pageCss(
      { paper: 'A4', orientation: 'portrait' },
      '"; } body { display: none } @page { x: "',
      {
        page: 'Page {{page}} of {{pages}}',
        date: '',
      },
    );
    expect(css).toContain('content: "\\"; } body { display: none } @page { x: \\"";');
  });
});
