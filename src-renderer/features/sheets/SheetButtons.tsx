/**
 * Toolbar buttons of Table 1 / Table 2: 导入… (choose a .xlsx/.csv file, see what it would do,
 * confirm) and 导出 (.xlsx or .csv, with the template's headers in the interface language). The
 * work happens in the main process; this only moves the file and shows what came back.
 */
import { useRef, useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../src-main/shared/contract';
import type { AppErrorData } from '../../../src-main/shared/errors';
import { call, errorData } from '../../api/client';
import { useStore } from '../../store';
import { ExportMenu, useSheetStatus } from './ExportMenu';
import { ImportPreview, type PreviewChoices } from './ImportPreview';
import { fileToBase64, MAX_FILE_BYTES } from './sheet-files';
import './sheets.css';

type Table = 'tasks' | 'modules';
type Busy = 'reading' | 'checking' | 'importing' | 'exporting' | null;

interface Pending {
  projectId: string;
  fileName: string;
  base64: string | null;
  preview: Output<'sheets.preview'> | null;
  error: AppErrorData | null;
  /** The year and the corrections chosen in the preview, sent again with the import. */
  choices: PreviewChoices;
}

const NO_CHOICES: PreviewChoices = { edits: [] };
const asInput = (c: PreviewChoices) => ({
  ...(c.year !== undefined ? { year: c.year } : {}),
  ...(c.edits.length > 0 ? { edits: c.edits } : {}),
});

export function SheetButtons({ table }: { table: Table }) {
  const { t } = useTranslation();
  const projectId = useStore((s) => s.plan?.project.id ?? null);
  const [busy, setBusy] = useState<Busy>(null);
  const [pending, setPending] = useState<Pending | null>(null);
  const [status, setStatus] = useSheetStatus();
  const inputRef = useRef<HTMLInputElement>(null);

  // A preview belongs to the project it was made for.
  const shown = pending && pending.projectId === projectId ? pending : null;

  async function onFileChosen(file: File | undefined) {
    if (inputRef.current) inputRef.current.value = ''; // choosing the same file again fires again
    if (!file || !projectId) return;
    const base = { projectId, fileName: file.name, base64: null, preview: null, choices: NO_CHOICES };
    if (file.size > MAX_FILE_BYTES) {
      setPending({
        ...base,
        error: { code: 'invalid_input', reason: 'file_too_large', params: { limit: 20 } },
      });
      return;
    }
    setBusy('reading');
    try {
      const base64 = await fileToBase64(file);
      const preview = await call('sheets.preview', { projectId, table, fileName: file.name, base64 });
      setPending({ ...base, base64, preview, error: null });
    } catch (e) {
      setPending({ ...base, error: errorData(e) });
    } finally {
      setBusy(null);
    }
  }

  /** The preview made again with the year and corrections chosen in it. */
  async function recheck(choices: PreviewChoices) {
    if (!shown?.base64) return;
    setBusy('checking');
    try {
      const preview = await call('sheets.preview', {
        projectId: shown.projectId,
        table,
        fileName: shown.fileName,
        base64: shown.base64,
        ...asInput(choices),
      });
      setPending({ ...shown, preview, choices, error: null });
    } catch (e) {
      setPending({ ...shown, error: errorData(e) });
    } finally {
      setBusy(null);
    }
  }

  async function confirmImport() {
    if (!shown?.base64 || !shown.preview) return;
    setBusy('importing');
    try {
      const done = await call('sheets.import', {
        projectId: shown.projectId,
        table,
        fileName: shown.fileName,
        base64: shown.base64,
        ...asInput(shown.choices),
        // The preview listed the cells that are kept as text; importing is agreeing to keep them.
        keepText: true,
      });
      setPending(null);
      const words = (t: TFunction) =>
        [
          t('sheets.imported', { count: done.created + done.updated }),
          ...(done.updated > 0
            ? [t('sheets.importedDetail', { created: done.created, updated: done.updated })]
            : []),
          ...(done.newPeople.length > 0
            ? [t('sheets.joined', { names: done.newPeople.join(t('sheets.listSeparator')) })]
            : []),
        ].join(' · ');
      setStatus({ text: words, error: false });
      const store = useStore.getState();
      await Promise.all([store.loadPlan(shown.projectId), store.loadProjects()]);
      // The undo button now offers to undo the import.
      await store.refreshHistory();
    } catch (e) {
      // Refused after all (the plan changed since the preview): show why in the same panel,
      // with the problems as they are now when it is the file's rows that were refused.
      const error = errorData(e);
      const again =
        error.reason === 'import_rejected'
          ? await call('sheets.preview', {
              projectId: shown.projectId,
              table,
              fileName: shown.fileName,
              base64: shown.base64,
              ...asInput(shown.choices),
            }).catch(() => null)
          : null;
      setPending(again ? { ...shown, preview: again, error: null } : { ...shown, error, preview: null });
    } finally {
      setBusy(null);
    }
  }

  return (
    <span className="sheet-buttons">
      <button
        onClick={() => inputRef.current?.click()}
        disabled={!projectId || busy !== null}
        aria-busy={busy === 'reading'}
        title={t('sheets.importHint')}
        data-testid={`import-${table}`}
      >
        {busy === 'reading' ? t('sheets.reading') : t('sheets.import')}
      </button>
      <ExportMenu
        projectId={projectId}
        table={table}
        disabled={busy !== null && busy !== 'exporting'}
        onBusy={(exporting) => setBusy(exporting ? 'exporting' : null)}
        onStatus={setStatus}
      />
      <input
        ref={inputRef}
        type="file"
        accept=".xlsx,.csv"
        hidden
        onChange={(e) => void onFileChosen(e.target.files?.[0])}
        data-testid={`import-file-${table}`}
      />
      {status && (
        <span className={status.error ? 'sheet-status error' : 'sheet-status'} role="status">
          {status.text(t)}
        </span>
      )}
      {shown && (
        <ImportPreview
          table={table}
          fileName={shown.fileName}
          preview={shown.preview}
          error={shown.error}
          importing={busy === 'importing'}
          checking={busy === 'checking'}
          choices={shown.choices}
          onRecheck={(choices) => void recheck(choices)}
          onConfirm={() => void confirmImport()}
          onCancel={() => setPending(null)}
        />
      )}
    </span>
  );
}
