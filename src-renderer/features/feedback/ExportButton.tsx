/**
 * 导出 of a log of steps 四/五 (issues, feedback, root causes, adjustments) as .xlsx or .csv with
 * the template's headers in the interface language; the main process writes the file.
 */
import { useTranslation } from 'react-i18next';
import { useStore } from '../../store';
import { ExportMenu, useSheetStatus } from '../sheets/ExportMenu';
import '../sheets/sheets.css';

export type LogTable = 'issues' | 'feedback' | 'causes' | 'adjustments';

export function ExportButton({ table }: { table: LogTable }) {
  const { t } = useTranslation();
  const projectId = useStore((s) => s.plan?.project.id ?? null);
  const [status, setStatus] = useSheetStatus();
  return (
    <span className="sheet-buttons">
      <ExportMenu
        projectId={projectId}
        table={table}
        disabled={false}
        onBusy={() => {}}
        onStatus={setStatus}
      />
      {status && (
        <span className={status.error ? 'sheet-status error' : 'sheet-status'} role="status">
          {status.text(t)}
        </span>
      )}
    </span>
  );
}
