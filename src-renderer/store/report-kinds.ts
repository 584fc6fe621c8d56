/** The printed reports the preview can show (features/reports draws them; the UI slice opens one). */
export const REPORT_KINDS = ['retro', 'weekly', 'approval'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];
