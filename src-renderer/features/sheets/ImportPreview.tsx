/**
 * What importing the chosen file would do, before anything is written: which column feeds which
 * field, the first rows, every problem (row, column, reason in the user's language), the people
 * who would join the team and the year taken for dates written without one. A cell that cannot be
 * read as its column's value is kept as text in 备注: the user imports with it kept, corrects it
 * here (the preview is made again with the correction), or cancels. Rows that would break the
 * plan keep 导入 disabled, and are named.
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../src-main/shared/contract';
import type { AppErrorData } from '../../../src-main/shared/errors';
import { describeSheetError } from './sheet-files';

type Preview = Output<'sheets.preview'>;
type Table = 'tasks' | 'modules';
export type CellEdit = { ref: number; field: string; text: string };
export interface PreviewChoices {
  year?: number;
  edits: CellEdit[];
}

const editKey = (ref: number, field: string) => `${ref}:${field}`;

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
  /** A new preview is being made (after a correction or another year). */
  checking: boolean;
  choices: PreviewChoices;
  onRecheck(choices: PreviewChoices): void;
  onConfirm(): void;
  onCancel(): void;
}) {
  const { t } = useTranslation();
  const { table, preview, error, choices } = props;
  const cancelRef = useRef<HTMLButtonElement>(null);
  useEffect(() => cancelRef.current?.focus(), []);
  // Corrections typed in the problem list, applied together by 重新检查.
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  const [yearDraft, setYearDraft] = useState<string>('');
  const applied = new Map(choices.edits.map((e) => [editKey(e.ref, e.field), e.text]));
  const pendingEdits = Object.entries(drafts).filter(([k, v]) => applied.get(k) !== v);
  const recheck = (year = choices.year) => {
    const edits = new Map(applied);
    for (const [k, v] of Object.entries(drafts)) edits.set(k, v);
    props.onRecheck({
      year,
      edits: [...edits].map(([k, text]) => {
        const at = k.indexOf(':');
        return { ref: Number(k.slice(0, at)), field: k.slice(at + 1), text };
      }),
    });
  };
  const blocking = preview?.blockingCount ?? 0;
  const kept = (preview?.problemCount ?? 0) - blocking;
  const keptCells = new Set(
    (preview?.problems ?? []).filter((p) => p.kept && p.field).map((p) => editKey(p.ref, p.field!)),
  );
  const entity = table === 'tasks' ? 'task' : 'module';
  const fieldLabel = (field: string) => t(`fields.${entity}.${field}`, { defaultValue: field });
  // Tasks always show the code each row will get, whether or not the file has a 任务ID column.
  const mapped = (preview?.columns ?? []).filter(
    (c): c is { header: string; field: string } => c.field !== null && c.field !== 'code',
  );
  const problemCount = preview?.problemCount ?? 0;
  const canImport = !!preview && blocking === 0 && preview.total > 0 && !props.importing && !props.checking;
  const yearValue = Number(yearDraft);
  const yearValid = /^\d{4}$/.test(yearDraft) && yearValue >= 1900 && yearValue <= 2199;
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

            {preview.year && (
              <section className="sheet-year" data-testid="import-year">
                <span>
                  {t('sheets.preview.yearAssumed', { year: preview.year.value })}{' '}
                  <span className="muted">
                    {t(`sheets.preview.yearSource.${preview.year.source}`, { text: preview.year.text })}
                  </span>
                </span>
                <label className="sheet-year-change">
                  {t('sheets.preview.yearChange')}
                  <input
                    type="text"
                    inputMode="numeric"
                    maxLength={4}
                    value={yearDraft}
                    placeholder={String(preview.year.value)}
                    onChange={(e) => setYearDraft(e.target.value.trim())}
                    onKeyDown={(e) => e.key === 'Enter' && yearValid && recheck(yearValue)}
                    aria-invalid={yearDraft !== '' && !yearValid}
                    data-testid="import-year-input"
                  />
                </label>
                <button
                  disabled={!yearValid || yearValue === preview.year.value || props.checking}
                  onClick={() => recheck(yearValue)}
                  data-testid="import-year-apply"
                >
                  {t('sheets.preview.yearApply')}
                </button>
              </section>
            )}

            {problemCount > 0 ? (
              <section
                className={blocking > 0 ? 'problems' : 'problems sheet-kept-list'}
                role={blocking > 0 ? 'alert' : 'status'}
                data-testid="import-problems"
              >
                <strong>
                  {blocking > 0
                    ? t('sheets.preview.blocking', { count: blocking })
                    : t('sheets.preview.keptOnly', { count: kept })}
                </strong>
                {blocking > 0 && kept > 0 && <span> {t('sheets.preview.alsoKept', { count: kept })}</span>}
                <table className="sheet-problems">
                  <thead>
                    <tr>
                      <th>{t('sheets.preview.row')}</th>
                      <th>{t('sheets.preview.column')}</th>
                      <th>{t('sheets.preview.problem')}</th>
                      <th>{t('sheets.preview.handling')}</th>
                      <th>{t('sheets.preview.correct')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {preview.problems.slice(0, PROBLEMS_SHOWN).map((p, i) => {
                      const key = p.field ? editKey(p.ref, p.field) : null;
                      return (
                        <tr key={i} className={p.kept ? 'kept' : 'blocking'} data-testid="import-problem">
                          <td>{t('sheets.preview.rowNumber', { row: p.ref })}</td>
                          <td>{p.column ?? ''}</td>
                          <td>
                            {describeSheetError(t, {
                              code: 'invalid_input',
                              reason: p.reason,
                              params: p.params,
                            })}
                          </td>
                          <td>
                            <span className={p.kept ? 'sheet-tag kept' : 'sheet-tag blocking'}>
                              {p.kept ? `✎ ${t('sheets.preview.kept')}` : `× ${t('sheets.preview.blocks')}`}
                            </span>
                          </td>
                          <td>
                            {key && (
                              <input
                                className="sheet-fix"
                                value={drafts[key] ?? applied.get(key) ?? p.text}
                                aria-label={t('sheets.preview.correctCell', {
                                  row: p.ref,
                                  column: p.column ?? '',
                                })}
                                onChange={(e) => setDrafts((d) => ({ ...d, [key]: e.target.value }))}
                                onKeyDown={(e) => e.key === 'Enter' && recheck()}
                                data-testid="import-fix"
                              />
                            )}
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
                {problemCount > PROBLEMS_SHOWN && (
                  <p>{t('sheets.preview.moreProblems', { count: problemCount - PROBLEMS_SHOWN })}</p>
                )}
                <p className="sheet-fix-actions">
                  <button
                    disabled={pendingEdits.length === 0 || props.checking}
                    onClick={() => recheck()}
                    data-testid="import-recheck"
                  >
                    {props.checking ? t('sheets.preview.checking') : t('sheets.preview.recheck')}
                  </button>
                  <span className="muted">
                    {blocking > 0 ? t('sheets.preview.blockingHint') : t('sheets.preview.keptHint')}
                  </span>
                </p>
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
                          <td
                            key={c.field}
                            className={keptCells.has(editKey(r.ref, c.field)) ? 'sheet-kept-cell' : undefined}
                            title={
                              keptCells.has(editKey(r.ref, c.field))
                                ? t('sheets.preview.keptCell')
                                : undefined
                            }
                          >
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
                : kept > 0 && blocking === 0
                  ? t('sheets.preview.confirmKept', { count: preview.total, kept })
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
