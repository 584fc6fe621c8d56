/**
 * 导出项目文件: writes the open project to one .ctproj file to send to colleagues. Asks for the
 * name written into the file (so the owner knows whose copy comes back), then the save dialog;
 * a large project shows how far the export is.
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppErrorData } from '../../../src-main/shared/errors';
import { call, errorData, onEvent } from '../../api/client';
import { describeFileError } from './file-dialog/describe-file-error';
import { useProjectFile } from './project-file-store';
import './project-file.css';

type Stage =
  | { kind: 'ask' }
  | { kind: 'writing'; done: number; total: number }
  | { kind: 'done'; path: string; bytes: number; rows: number }
  | { kind: 'failed'; error: AppErrorData };

export function ExportProjectFileButton({ projectId }: { projectId: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const exportRequests = useProjectFile((s) => s.exportRequests);
  const seen = useRef(exportRequests);
  // The menu item asks through the store.
  useEffect(() => {
    if (exportRequests !== seen.current) {
      seen.current = exportRequests;
      setOpen(true);
    }
  }, [exportRequests]);
  return (
    <>
      <button
        onClick={() => setOpen(true)}
        title={t('projectFile.exportHint')}
        data-testid="export-project-file"
      >
        {t('projectFile.export')}
      </button>
      {open && <ExportDialog projectId={projectId} onClose={() => setOpen(false)} />}
    </>
  );
}

function ExportDialog({ projectId, onClose }: { projectId: string; onClose(): void }) {
  const { t, i18n } = useTranslation();
  const [name, setName] = useState<string | null>(null);
  const [stage, setStage] = useState<Stage>({ kind: 'ask' });

  useEffect(() => {
    call('identity.get', {})
      .then((me) => setName((n) => n ?? me.name))
      .catch(() => setName((n) => n ?? ''));
  }, []);

  async function start() {
    setStage({ kind: 'writing', done: 0, total: 0 });
    let running = true;
    // The main process tells how far the export is as it goes (no polling).
    const stop = onEvent((event) => {
      if (running && event.type === 'export-progress')
        setStage({ kind: 'writing', done: event.done, total: event.total });
    });
    try {
      const written = await call('projectFile.export', { projectId, exporterName: (name ?? '').trim() });
      running = false;
      stop();
      if (written.path === null)
        onClose(); // the save dialog was cancelled
      else setStage({ kind: 'done', path: written.path, bytes: written.bytes, rows: written.rows });
    } catch (e) {
      running = false;
      stop();
      setStage({ kind: 'failed', error: errorData(e) });
    }
  }

  const size = (bytes: number) =>
    new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 1 }).format(bytes / 1024 / 1024);
  const percent =
    stage.kind === 'writing' && stage.total > 0 ? Math.round((stage.done / stage.total) * 100) : null;

  return (
    <div
      className="dialog-backdrop"
      onKeyDown={(e) => e.key === 'Escape' && stage.kind !== 'writing' && onClose()}
    >
      <div
        className="dialog file-dialog narrow"
        role="dialog"
        aria-modal="true"
        aria-labelledby="export-title"
        data-testid="export-dialog"
      >
        <h2 id="export-title">{t('projectFile.exportTitle')}</h2>
        {stage.kind === 'ask' && (
          <>
            <p className="muted">{t('projectFile.exportBody')}</p>
            <label className="copy-name">
              {t('projectFile.exporterName')}
              <input
                autoFocus
                value={name ?? ''}
                maxLength={200}
                placeholder={t('projectFile.exporterPlaceholder')}
                onChange={(e) => setName(e.target.value)}
                onKeyDown={(e) => e.key === 'Enter' && void start()}
                data-testid="exporter-name"
              />
            </label>
          </>
        )}
        {stage.kind === 'writing' && (
          <div className="export-progress" data-testid="export-progress">
            <p className="busy-line">
              <span className="spinner" aria-hidden="true" />
              {percent === null ? t('projectFile.exporting') : t('projectFile.exportingPercent', { percent })}
            </p>
            <progress max={100} value={percent ?? undefined} />
          </div>
        )}
        {stage.kind === 'done' && (
          <p data-testid="export-done">
            {t('projectFile.exportedBody', { rows: stage.rows, size: size(stage.bytes) })}
            <br />
            <code className="file-path">{stage.path}</code>
          </p>
        )}
        {stage.kind === 'failed' && (
          <p role="alert" data-testid="file-error">
            {describeFileError(t, stage.error)}
          </p>
        )}
        <div className="dialog-actions">
          {stage.kind === 'ask' ? (
            <>
              <button onClick={onClose}>{t('app.cancel')}</button>
              <button className="primary" onClick={() => void start()} data-testid="confirm-export">
                {t('projectFile.exportConfirm')}
              </button>
            </>
          ) : (
            <button className="primary" disabled={stage.kind === 'writing'} onClick={onClose}>
              {t('projectFile.ok')}
            </button>
          )}
        </div>
      </div>
    </div>
  );
}
