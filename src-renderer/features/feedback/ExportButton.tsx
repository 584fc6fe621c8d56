/**
 * 导出 of a log of steps 四/五 (issues, feedback, root causes, adjustments) as .xlsx or .csv with
 * the template's headers in the interface language; the main process writes the file.
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call, errorData } from '../../api/client';
import { useStore } from '../../store';
import { describeSheetError, downloadBase64 } from '../sheets/sheet-files';
import '../sheets/sheets.css';

export type LogTable = 'issues' | 'feedback' | 'causes' | 'adjustments';

export function ExportButton({ table }: { table: LogTable }) {
  const { t, i18n } = useTranslation();
  const projectId = useStore((s) => s.plan?.project.id ?? null);
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<{ text: string; error: boolean } | null>(null);
  const ref = useRef<HTMLSpanElement>(null);

  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent | KeyboardEvent) => {
      if (e instanceof KeyboardEvent ? e.key === 'Escape' : !ref.current?.contains(e.target as Node))
        setOpen(false);
    };
    document.addEventListener('mousedown', close);
    document.addEventListener('keydown', close);
    return () => {
      document.removeEventListener('mousedown', close);
      document.removeEventListener('keydown', close);
    };
  }, [open]);
  useEffect(() => {
    if (!status) return;
    const timer = setTimeout(() => setStatus(null), 6000);
    return () => clearTimeout(timer);
  }, [status]);

  async function exportAs(format: 'xlsx' | 'csv') {
    setOpen(false);
    if (!projectId) return;
    setBusy(true);
    try {
      const language = i18n.language.startsWith('zh') ? 'zh-CN' : 'en';
      const file = await call('sheets.export', { projectId, table, format, language });
      downloadBase64(file.fileName, file.mime, file.base64);
      setStatus({ text: t('sheets.exported', { fileName: file.fileName }), error: false });
    } catch (e) {
      setStatus({ text: describeSheetError(t, errorData(e)), error: true });
    } finally {
      setBusy(false);
    }
  }

  return (
    <span className="sheet-buttons">
      <span className="sheet-export" ref={ref}>
        <button
          onClick={() => setOpen((o) => !o)}
          disabled={!projectId || busy}
          aria-haspopup="menu"
          aria-expanded={open}
          title={t('sheets.exportHint')}
          data-testid={`export-${table}`}
        >
          {busy ? t('sheets.exporting') : t('sheets.export')} ▾
        </button>
        {open && (
          <span className="sheet-menu" role="menu">
            <button
              role="menuitem"
              onClick={() => void exportAs('xlsx')}
              data-testid={`export-${table}-xlsx`}
            >
              {t('sheets.exportXlsx')}
            </button>
            <button role="menuitem" onClick={() => void exportAs('csv')} data-testid={`export-${table}-csv`}>
              {t('sheets.exportCsv')}
            </button>
          </span>
        )}
      </span>
      {status && (
        <span className={status.error ? 'sheet-status error' : 'sheet-status'} role="status">
          {status.text}
        </span>
      )}
    </span>
  );
}
