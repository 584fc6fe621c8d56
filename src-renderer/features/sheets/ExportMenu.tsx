/**
 * 导出 ▾ with its two formats (.xlsx, .csv), shared by Table 1/Table 2 (SheetButtons) and the logs of
 * steps 四/五 (ExportButton): the main process writes the file with the template's headers in the
 * interface language, and the page hands it to the browser's download.
 */
import { useEffect, useRef, useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { Input } from '../../../src-main/shared/contract';
import { call, errorData } from '../../api/client';
import { describeSheetError, downloadBase64 } from './sheet-files';

export type ExportTable = Input<'sheets.export'>['table'];

/** What an export ended with, worded when shown (so a change of language applies to it too). */
export interface SheetStatus {
  text: (t: TFunction) => string;
  error: boolean;
}

export function ExportMenu({
  projectId,
  table,
  disabled,
  onBusy,
  onStatus,
}: {
  projectId: string | null;
  table: ExportTable;
  /** Another action of the toolbar is under way. */
  disabled: boolean;
  onBusy(exporting: boolean): void;
  onStatus(status: SheetStatus): void;
}) {
  const { t, i18n } = useTranslation();
  const [open, setOpen] = useState(false);
  const [exporting, setExporting] = useState(false);
  const ref = useRef<HTMLSpanElement>(null);

  // The menu closes on a click elsewhere or Escape, as menus do.
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

  async function exportAs(format: 'xlsx' | 'csv') {
    setOpen(false);
    if (!projectId) return;
    setExporting(true);
    onBusy(true);
    try {
      const language = i18n.language.startsWith('zh') ? 'zh-CN' : 'en';
      const file = await call('sheets.export', { projectId, table, format, language });
      downloadBase64(file.fileName, file.mime, file.base64);
      onStatus({ text: (t) => t('sheets.exported', { fileName: file.fileName }), error: false });
    } catch (e) {
      const error = errorData(e);
      onStatus({ text: (t) => describeSheetError(t, error), error: true });
    } finally {
      setExporting(false);
      onBusy(false);
    }
  }

  return (
    <span className="sheet-export" ref={ref}>
      <button
        onClick={() => setOpen((o) => !o)}
        disabled={!projectId || disabled || exporting}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-busy={exporting}
        title={t('sheets.exportHint')}
        data-testid={`export-${table}`}
      >
        {exporting ? t('sheets.exporting') : t('sheets.export')} ▾
      </button>
      {open && (
        <span className="sheet-menu" role="menu">
          <button role="menuitem" onClick={() => void exportAs('xlsx')} data-testid={`export-${table}-xlsx`}>
            {t('sheets.exportXlsx')}
          </button>
          <button role="menuitem" onClick={() => void exportAs('csv')} data-testid={`export-${table}-csv`}>
            {t('sheets.exportCsv')}
          </button>
        </span>
      )}
    </span>
  );
}

/** The line an export (or import) leaves beside the buttons, for a few seconds. */
export function useSheetStatus(): [SheetStatus | null, (status: SheetStatus | null) => void] {
  const [status, setStatus] = useState<SheetStatus | null>(null);
  useEffect(() => {
    if (!status) return;
    const timer = setTimeout(() => setStatus(null), STATUS_MS);
    return () => clearTimeout(timer);
  }, [status]);
  return [status, setStatus];
}

/** How long the "imported / exported" line stays. */
const STATUS_MS = 6000;
