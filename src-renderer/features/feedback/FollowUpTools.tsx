/**
 * The toolbar a record of the issue or feedback log offers: a root cause for it, an adjustment
 * answering it (each opened once made), and the log's export. `cause` and `adjustment` are what
 * the new records carry over from the selected row, or null when no row is selected.
 */
import { useTranslation } from 'react-i18next';
import type { Input } from '../../../src-main/shared/contract';
import { useStore } from '../../store';
import { ExportButton, type LogTable } from './ExportButton';

type CauseLinks = Omit<Input<'causes.create'>['values'], 'title'>;
type AdjustmentSeed = Omit<Input<'adjustments.create'>['values'], 'title'>;

export function FollowUpTools({
  testId,
  table,
  cause,
  adjustment,
}: {
  /** Prefix of the buttons' test ids ("issue" → issue-add-cause, issue-add-adjustment). */
  testId: string;
  table: LogTable;
  cause: CauseLinks | null;
  adjustment: AdjustmentSeed | null;
}) {
  const { t } = useTranslation();
  const createCause = useStore((s) => s.createCause);
  const createAdjustment = useStore((s) => s.createAdjustment);
  const openRecord = useStore((s) => s.openRecord);
  return (
    <>
      <button
        disabled={!cause}
        onClick={() =>
          cause &&
          void createCause({ title: t('followUp.newCause'), ...cause }).then(
            (made) => made.ok && openRecord('causes', made.value.id),
          )
        }
        data-testid={`${testId}-add-cause`}
      >
        {t('followUp.addCauseFor')}
      </button>
      <button
        disabled={!adjustment}
        onClick={() =>
          adjustment &&
          void createAdjustment({ title: t('adjust.newTitle'), ...adjustment }).then(
            (made) => made.ok && openRecord('adjustments', made.value.id),
          )
        }
        data-testid={`${testId}-add-adjustment`}
      >
        {t('followUp.proposeFor')}
      </button>
      <ExportButton table={table} />
    </>
  );
}
