/**
 * The report alone on its page (#/report?…): what the bridge serves to tests and what a printer
 * gets. It sets `data-report-ready` on <body> once everything is drawn, so whoever prints knows
 * when to (the tests wait for it before page.pdf()).
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../i18n/describe-error';
import { errorData } from '../../api/client';
import type { AppErrorData } from '../../../src-main/shared/errors';
import { loadReportData, preloadReportFont, type ReportData } from './report-data';
import type { ReportRequest } from './report-route';
import { ReportDocument } from './ReportDocument';
import { REPORTS } from './sections';

/** The sections of the interface texts a report prints from. */
const REPORT_WORDS = [
  'report',
  'lessons',
  'fields',
  'metricStatus',
  'attention',
  'charts',
  'app',
  'adjust',
  'adjStatus',
  'adjAction',
  'changeKind',
  'decision',
  'majorReason',
  'issueStatus',
  'severity',
  'followUp',
];

export function ReportPage({ request }: { request: ReportRequest }) {
  const { i18n } = useTranslation();
  const language = request.language ?? i18n.language;
  // One function per language: a new one each render would read the data again each render.
  const t = useMemo(() => i18n.getFixedT(language), [i18n, language]);
  const [data, setData] = useState<ReportData | null>(null);
  const [error, setError] = useState<AppErrorData | null>(null);

  useEffect(() => {
    // Paper is white: the report is printed in the light palette whatever the app's theme.
    document.documentElement.dataset.theme = 'light';
    document.body.classList.add('report-body');
    document.title = t(REPORTS[request.kind].titleKey);
  }, [request.kind, t]);
  useEffect(() => {
    loadReportData(request.projectId, request.kind, request.periodId, request.adjustmentId)
      .then(async (loaded) => {
        // The data and the report's words hold every character the page will show.
        const words = i18n.getResourceBundle(language, 'translation') as Record<string, unknown>;
        const used = REPORT_WORDS.map((section) => words[section]);
        await preloadReportFont(JSON.stringify(loaded) + JSON.stringify(used));
        setData(loaded);
      })
      .catch((e: unknown) => setError(errorData(e)));
  }, [request.projectId, request.kind, request.periodId, request.adjustmentId, i18n, language]);

  const ready = useCallback(() => {
    document.body.dataset.reportReady = 'true';
  }, []);

  if (error)
    return (
      <p role="alert" data-testid="report-error">
        {describeError(t, error)}
      </p>
    );
  if (!data) return <p className="muted">{t('app.loading')}</p>;
  return <ReportDocument data={data} request={request} t={t} language={language} onReady={ready} />;
}
