/**
 * The print preview (Ctrl/Cmd+P, or 打印 on the 复盘 tab): the report as it will print, with the
 * sections, paper and orientation to choose. In the app, 保存为 PDF prints this window with
 * Electron's printToPDF (only the report prints: see the print rules below) after a save dialog;
 * in a browser it opens the browser's own print dialog.
 */
import { useCallback, useEffect, useState } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { errorData } from '../../api/client';
import { describeError } from '../../i18n/describe-error';
import { useStore } from '../../store';
import type { AppErrorData } from '../../../src-main/shared/errors';
import { loadReportData, type ReportData } from './report-data';
import { PAPERS, type Orientation, type Paper, type ReportKind, type ReportRequest } from './report-route';
import { ReportDocument } from './ReportDocument';
import { REPORTS } from './sections';
import './preview.css';

export function PrintPreview({
  projectId,
  kind,
  adjustmentId = null,
}: {
  projectId: string;
  kind: ReportKind;
  /** The adjustment of an approval form (the preview then offers it among the reports). */
  adjustmentId?: string | null;
}) {
  const { t, i18n } = useTranslation();
  const close = useStore((s) => s.closePreview);
  const [request, setRequest] = useState<ReportRequest>({
    projectId,
    kind,
    paper: 'A4',
    orientation: 'portrait',
    off: [],
    periodId: null,
    language: null,
    adjustmentId,
  });
  const [data, setData] = useState<ReportData | null>(null);
  const [error, setError] = useState<AppErrorData | null>(null);
  const [printing, setPrinting] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const [ready, setReady] = useState(false);

  useEffect(() => {
    setData(null);
    setReady(false);
    loadReportData(projectId, request.kind, request.periodId, request.adjustmentId).then(
      setData,
      (e: unknown) => setError(errorData(e)),
    );
  }, [projectId, request.kind, request.periodId, request.adjustmentId]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') close();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [close]);

  const onReady = useCallback(() => setReady(true), []);
  const set = (patch: Partial<ReportRequest>) => setRequest((r) => ({ ...r, ...patch }));
  const toggle = (id: string) =>
    set({ off: request.off.includes(id) ? request.off.filter((x) => x !== id) : [...request.off, id] });

  const save = async () => {
    if (!data) return;
    setSaved(null);
    setError(null);
    const api = window.api;
    if (!api?.printToPdf) {
      window.print();
      return;
    }
    setPrinting(true);
    try {
      const answer = await api.printToPdf({
        pageSize: request.paper,
        landscape: request.orientation === 'landscape',
        fileName: [data.project.name, t(REPORTS[request.kind].titleKey), data.form?.adjustment.title]
          .filter(Boolean)
          .join(' '),
      });
      if (!answer.ok) setError(answer.error);
      else if (answer.value.path) setSaved(answer.value.path);
    } finally {
      setPrinting(false);
    }
  };

  return createPortal(
    <div
      className="print-preview"
      role="dialog"
      aria-modal="true"
      aria-label={t('preview.title')}
      data-testid="print-preview"
    >
      <aside className="print-controls">
        <h2>{t('preview.title')}</h2>
        <label>
          {t('preview.report')}
          <select
            value={request.kind}
            data-testid="preview-kind"
            onChange={(e) => set({ kind: e.target.value as ReportKind, off: [] })}
          >
            {(Object.keys(REPORTS) as ReportKind[])
              // An approval form is of one adjustment: offered when opened from it.
              .filter((k) => k !== 'approval' || request.adjustmentId)
              .map((k) => (
                <option key={k} value={k}>
                  {t(REPORTS[k].titleKey)}
                </option>
              ))}
          </select>
        </label>
        <fieldset>
          <legend>{t('preview.sections')}</legend>
          {REPORTS[request.kind].sections.map((s) => (
            <label key={s.id} className="check">
              <input
                type="checkbox"
                checked={!request.off.includes(s.id)}
                data-testid={`section-${s.id}`}
                onChange={() => toggle(s.id)}
              />
              {t(s.titleKey)}
            </label>
          ))}
        </fieldset>
        <label>
          {t('preview.paper')}
          <select
            value={request.paper}
            data-testid="preview-paper"
            onChange={(e) => set({ paper: e.target.value as Paper })}
          >
            {PAPERS.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('preview.orientation')}
          <select
            value={request.orientation}
            data-testid="preview-orientation"
            onChange={(e) => set({ orientation: e.target.value as Orientation })}
          >
            <option value="portrait">{t('preview.portrait')}</option>
            <option value="landscape">{t('preview.landscape')}</option>
          </select>
        </label>
        <div className="print-actions">
          <button
            className="primary"
            data-testid="preview-save"
            disabled={!ready || printing}
            onClick={() => void save()}
          >
            {window.api?.printToPdf ? t('preview.savePdf') : t('preview.print')}
          </button>
          <button data-testid="preview-close" onClick={close}>
            {t('app.close')}
          </button>
        </div>
        {(printing || (data && !ready)) && (
          <div
            className="print-progress"
            role="progressbar"
            aria-label={t('preview.working')}
            data-testid="print-progress"
          >
            <span>{printing ? t('preview.printing') : t('preview.working')}</span>
            <div className="indeterminate" />
          </div>
        )}
        {saved && <p className="muted">{t('preview.saved', { path: saved })}</p>}
        {error && (
          <p role="alert" className="error-text">
            {describeError(t, error)}
          </p>
        )}
      </aside>
      <div className="print-stage" data-paper={request.paper} data-orientation={request.orientation}>
        {data ? (
          <div className="print-paper">
            <ReportDocument
              key={`${request.kind}-${request.off.join()}-${request.paper}-${request.orientation}`}
              data={data}
              request={request}
              t={t}
              language={i18n.language}
              onReady={onReady}
            />
          </div>
        ) : (
          <p className="muted">{t('app.loading')}</p>
        )}
      </div>
    </div>,
    document.body,
  );
}
