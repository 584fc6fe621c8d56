/**
 * What importing the chosen file would do, before anything is written: which column feeds which
 * field, the first rows, every problem (row, column, reason in the user's language) and the people
 * who would join the team. 导入 stays disabled while there is any problem.
 */
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../src-main/shared/contract';
import type { AppErrorData } from '../../../src-main/shared/errors';
import { describeSheetError } from './sheet-files';

type Preview = Output<'sheets.preview'>;
type Table = 'tasks' | 'modules';

const ROWS_SHOWN = 20;
const PROBLEMS_SHOWN = 100;
const PROJECT_FIELD_LABEL: Record<string, string> = {
  goal: 'fields.project.goal',
  owner: 'fields.project.ownerId',
  period: 'fields.project.period',
};

export function ImportPreview(props: {
  table: Table;
  fileName: string;
  preview: Preview | null;
  error: AppErrorData | null;
  importing: boolean;
  onConfirm(): void;
  onCancel(): void;
}) {
  const { t } = useTranslation();
  const { table, preview, error } = props;
  const cancelRef = useRef<HTMLButtonElement>(null);
  useEffect(() => cancelRef.current?.focus(), []);
  const entity = table === 'tasks' ? 'task' : 'module';
  const fieldLabel = (field: string) => t(`fields.${entity}.${field}`, { defaultValue: field });
  // Tasks always show the code each row will get, whether or not the file has a 任务ID column.
  const mapped = (preview?.columns ?? []).filter(
    (c): c is { header: string; field: string } => c.field !== null && c.field !== 'code',
  );
  const problemCount = preview?.problemCount ?? 0;
  const canImport = !!preview && problemCount === 0 && preview.total > 0 && !props.importing;
  const updates = preview?.rows.filter((r) => r.action === 'update').length ?? 0;

  return (
    <div
      className="dialog-backdrop"
      onKeyDown={(e) => e.key === 'Escape' && !props.importing && props.onCancel()}
    >
      <div
        className="dialog sheet-preview"
        role="dialog"
        aria-modal="true"
        aria-labelledby="sheet-preview-title"
        data-testid="import-preview"
      >
        <h2 id="sheet-preview-title">{t('sheets.preview.title', { table: t(`sheets.table.${table}`) })}</h2>
        <p className="sheet-preview-meta muted">
          <span>{t('sheets.preview.file', { fileName: props.fileName })}</span>
          {preview?.sheetName && <span>{t('sheets.preview.sheet', { name: preview.sheetName })}</span>}
          {preview && <span>{t('sheets.preview.rows', { count: preview.total })}</span>}
        </p>

        {error && (
          <div className="problems" role="alert" data-testid="import-error">
            <strong>{t('sheets.preview.failed')}</strong>
            <p>{describeSheetError(t, error)}</p>
          </div>
        )}

        {preview && (
          <div className="sheet-preview-body">
            <section>
              <h3>{t('sheets.preview.columns')}</h3>
              <ul className="sheet-mapping" data-testid="import-mapping">
                {preview.columns.map((c, i) => (
                  <li key={i} className={c.field ? '' : 'unused'}>
                    <span className="sheet-header">{c.header}</span>
                    {c.field && fieldLabel(c.field) === c.header ? (
                      <span className="sheet-same">✓</span>
                    ) : (
                      <>
                        <span className="sheet-arrow">→</span>
                        <span>{c.field ? fieldLabel(c.field) : t('sheets.preview.unused')}</span>
                      </>
                    )}
                  </li>
                ))}
              </ul>
            </section>

            {problemCount > 0 ? (
              <section className="problems" role="alert" data-testid="import-problems">
                <strong>{t('sheets.preview.problems', { count: problemCount })}</strong>
                <table className="sheet-problems">
                  <thead>
                    <tr>
                      <th>{t('sheets.preview.row')}</th>
                      <th>{t('sheets.preview.column')}</th>
                      <th>{t('sheets.preview.problem')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {preview.problems.slice(0, PROBLEMS_SHOWN).map((p, i) => (
                      <tr key={i}>
                        <td>{t('sheets.preview.rowNumber', { row: p.ref })}</td>
                        <td>{p.column ?? ''}</td>
                        <td>
                          {describeSheetError(t, {
                            code: 'invalid_input',
                            reason: p.reason,
                            params: p.params,
                          })}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
                {problemCount > PROBLEMS_SHOWN && (
                  <p>{t('sheets.preview.moreProblems', { count: problemCount - PROBLEMS_SHOWN })}</p>
                )}
              </section>
            ) : (
              <p className="sheet-ok" data-testid="import-ok">
                ✓ {t('sheets.preview.noProblems')} ·{' '}
                {table === 'tasks'
                  ? t('sheets.preview.willCreateTasks', { count: preview.total })
                  : t('sheets.preview.willCreateModules', { count: preview.total - updates })}
                {updates > 0 && ` · ${t('sheets.preview.willUpdateModules', { count: updates })}`}
              </p>
            )}

            {preview.newPeople.length > 0 && (
              <section>
                <h3>{t('sheets.preview.newPeople')}</h3>
                <p className="sheet-people" data-testid="import-new-people">
                  {preview.newPeople.map((name) => (
                    <span key={name} className="sheet-chip">
                      {name}
                    </span>
                  ))}
                </p>
              </section>
            )}

            {preview.projectFields.length > 0 && (
              <section>
                <h3>{t('sheets.preview.projectFields')}</h3>
                <dl className="sheet-project-fields">
                  {preview.projectFields.map((f) => (
                    <div key={f.field}>
                      <dt>{t(PROJECT_FIELD_LABEL[f.field] ?? f.field)}</dt>
                      <dd>{f.value}</dd>
                    </div>
                  ))}
                </dl>
              </section>
            )}

            <section>
              <h3>{t('sheets.preview.firstRows', { count: Math.min(ROWS_SHOWN, preview.rows.length) })}</h3>
              <div className="sheet-rows">
                <table data-testid="import-rows">
                  <thead>
                    <tr>
                      <th>{t('sheets.preview.row')}</th>
                      {table === 'tasks' && <th>{fieldLabel('code')}</th>}
                      {mapped.map((c) => (
                        <th key={c.field}>{fieldLabel(c.field)}</th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {preview.rows.slice(0, ROWS_SHOWN).map((r) => (
                      <tr key={r.ref}>
                        <td className="muted">{r.ref}</td>
                        {table === 'tasks' && (
                          <td className="sheet-code">
                            <CellText text={r.cells.code ?? ''} code={r.code} />
                          </td>
                        )}
                        {mapped.map((c) => (
                          <td key={c.field}>
                            <CellText
                              text={r.cells[c.field] ?? ''}
                              action={c.field === 'name' ? r.action : undefined}
                            />
                          </td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </section>
          </div>
        )}

        <div className="dialog-actions">
          <button
            ref={cancelRef}
            onClick={props.onCancel}
            disabled={props.importing}
            data-testid="import-cancel"
          >
            {preview ? t('sheets.preview.cancel') : t('sheets.preview.close')}
          </button>
          {preview && (
            <button
              className="primary"
              disabled={!canImport}
              aria-busy={props.importing}
              onClick={props.onConfirm}
              data-testid="import-confirm"
            >
              {props.importing
                ? t('sheets.importing')
                : t('sheets.preview.confirm', { count: preview.total })}
            </button>
          )}
        </div>
      </div>
    </div>
  );
}

/** A cell of the preview: the file's text, with the code a task will get when it differs. */
function CellText(props: { text: string; code?: string; action?: 'create' | 'update' }) {
  const { t } = useTranslation();
  const text = props.text.trim();
  const renumbered = props.code !== undefined && props.code !== text.toUpperCase();
  return (
    <>
      {props.text}
      {renumbered &&
        (text ? (
          <span className="sheet-new-code">{t('sheets.preview.newCode', { code: props.code })}</span>
        ) : (
          props.code
        ))}
      {props.action === 'update' && <span className="sheet-chip">{t('sheets.preview.actionUpdate')}</span>}
    </>
  );
}
