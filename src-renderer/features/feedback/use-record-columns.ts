/**
 * The set-up every grid of records shares (issues, feedback, root causes, adjustments): the
 * column builders of record-columns.ts wired to the store — an edit saved at once, a refused
 * value marked red and named in the banner with the record's label, the cell's reason as tooltip.
 *
 *   const ISSUES: RecordSpec<Issue> = { entity: 'issue', edit: …, label: (row) => row.title };
 *   const c = useRecordColumns(ISSUES);
 *   const columns = useMemo(() => [c.text('title', 200, true), …], [c]);
 *
 * The spec is a constant of the module (its edit reads the store when called), so the builders
 * change only with the language.
 */
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../i18n/describe-error';
import { useStore } from '../../store';
import { recordCellKey, recordColumns, type RecordColumnDeps } from './record-columns';

export interface RecordSpec<R extends { id: string }> {
  entity: RecordColumnDeps<R>['entity'];
  /** Saves a cell's change (the row as it was, the fields changed). */
  edit(row: R, patch: Record<string, unknown>): void;
  /** How the banner names the record whose cell was refused. */
  label(row: R): string;
}

export function useRecordColumns<R extends { id: string }>(spec: RecordSpec<R>) {
  const { t, i18n } = useTranslation();
  const describeCellError = useCallback(
    (id: string, field: string) => {
      const e = useStore.getState().followErrors[recordCellKey(id, field)];
      return e ? describeError(t, e) : undefined;
    },
    [t],
  );
  return useMemo(
    () =>
      recordColumns<R>({
        t,
        language: i18n.language,
        entity: spec.entity,
        edit: spec.edit,
        reject: (row, field, reason) =>
          useStore
            .getState()
            .rejectFollowCell(spec.entity, row.id, field, { code: 'invalid_input', reason }, spec.label(row)),
        describeCellError,
      }),
    [t, i18n.language, spec, describeCellError],
  );
}
