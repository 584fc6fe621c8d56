/**
 * A printed report is a page of the renderer addressed by the URL's hash, so the same page is
 * shown in the app's print preview, printed by Electron's printToPDF, and opened directly in a
 * browser through the bridge (where tests print it with Chromium's own PDF printer):
 *
 *   #/report?project=<id>&kind=retro&paper=A4&orientation=portrait&off=table2,lessons&lang=en
 *   #/report?project=<id>&kind=approval&adjustment=<id>   (策略调整审批表 of one adjustment)
 */
import { REPORT_KINDS, type ReportKind } from '../../store/report-kinds';
export { REPORT_KINDS, type ReportKind };
export const PAPERS = ['A4', 'Letter'] as const;
export type Paper = (typeof PAPERS)[number];
export type Orientation = 'portrait' | 'landscape';

export interface ReportRequest {
  projectId: string;
  kind: ReportKind;
  paper: Paper;
  orientation: Orientation;
  /** Sections turned off (by id); every other section of the report is printed. */
  off: string[];
  /** The tracking period of a weekly report (the current one when absent). */
  periodId: string | null;
  /** The language of the report (the app's when absent). */
  language: string | null;
  /** The adjustment an approval form prints (kind 'approval' only). */
  adjustmentId: string | null;
}

const PREFIX = '#/report';

export function isReportHash(hash: string): boolean {
  return hash === PREFIX || hash.startsWith(`${PREFIX}?`);
}

export function parseReportHash(hash: string): ReportRequest | null {
  if (!isReportHash(hash)) return null;
  const q = new URLSearchParams(hash.slice(PREFIX.length + 1));
  const projectId = q.get('project');
  if (!projectId) return null;
  const kind = (REPORT_KINDS as readonly string[]).includes(q.get('kind') ?? '')
    ? (q.get('kind') as ReportKind)
    : 'retro';
  const paper = q.get('paper') === 'Letter' ? 'Letter' : 'A4';
  const orientation = q.get('orientation') === 'landscape' ? 'landscape' : 'portrait';
  const off = (q.get('off') ?? '').split(',').filter(Boolean);
  return {
    projectId,
    kind,
    paper,
    orientation,
    off,
    periodId: q.get('period'),
    language: q.get('lang'),
    adjustmentId: q.get('adjustment'),
  };
}

export function reportHash(r: ReportRequest): string {
  const q = new URLSearchParams({
    project: r.projectId,
    kind: r.kind,
    paper: r.paper,
    orientation: r.orientation,
  });
  if (r.off.length) q.set('off', r.off.join(','));
  if (r.periodId) q.set('period', r.periodId);
  if (r.language) q.set('lang', r.language);
  if (r.adjustmentId) q.set('adjustment', r.adjustmentId);
  return `${PREFIX}?${q.toString()}`;
}
