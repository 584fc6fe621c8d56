/**
 * The team (执行团队): name, role, group and reporting line of each member. Owners everywhere
 * are picked from this list; a member who still owns tasks or modules cannot be deleted until
 * they are reassigned (the message names them).
 */
import { useMemo, useState } from 'react';
import { AgGridReact } from 'ag-grid-react';
import type { ColDef, GetRowIdParams, ValueSetterParams } from 'ag-grid-community';
import { useTranslation } from 'react-i18next';
import { PERSON_ROLES, type Person, type PersonPatch } from '../../../src-main/shared/domain';
import { isArchived, useReadOnlyColumns } from '../../components/read-only';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { gridLocale, gridTheme } from '../../components/grid-setup';
import { useStore } from '../../store';
import type { Plan } from '../../store/plan-slice';

const getRowId = (p: GetRowIdParams<Person>) => p.data.id;

export function TeamGrid({ plan }: { plan: Plan }) {
  const { t, i18n } = useTranslation();
  const addPerson = useStore((s) => s.addPerson);
  const editPerson = useStore((s) => s.editPerson);
  const deletePerson = useStore((s) => s.deletePerson);
  const [selected, setSelected] = useState<Person | null>(null);
  const [confirm, setConfirm] = useState(false);

  const owned = useMemo(() => {
    const count = new Map<string, number>();
    for (const task of plan.tasks)
      if (task.ownerId) count.set(task.ownerId, (count.get(task.ownerId) ?? 0) + 1);
    return count;
  }, [plan.tasks]);

  const columnDefs = useMemo((): ColDef<Person>[] => {
    const names = new Map(plan.people.map((p) => [p.id, p.name]));
    const editable = (
      field: keyof PersonPatch,
      toStored: (v: unknown) => PersonPatch[keyof PersonPatch],
    ) => ({
      colId: field,
      editable: true,
      valueSetter: (p: ValueSetterParams<Person>) => {
        const value = toStored(p.newValue);
        if (p.data && value !== p.data[field]) void editPerson(p.data.id, { [field]: value });
        return false;
      },
    });
    return [
      {
        ...editable('name', (v) => String(v ?? '').trim()),
        field: 'name',
        headerName: t('fields.person.name'),
        width: 160,
      },
      {
        ...editable('role', (v) => v as Person['role']),
        field: 'role',
        headerName: t('fields.person.role'),
        width: 130,
        cellEditor: 'agSelectCellEditor',
        cellEditorParams: { values: [...PERSON_ROLES] },
        valueFormatter: (p) => t(`fields.role.${String(p.value)}`),
      },
      {
        ...editable('group', (v) => String(v ?? '').trim()),
        field: 'group',
        headerName: t('fields.person.group'),
        width: 130,
      },
      {
        ...editable('reportsToId', (v) => (v ? String(v) : null)),
        field: 'reportsToId',
        headerName: t('fields.person.reportsToId'),
        width: 150,
        cellEditor: 'agSelectCellEditor',
        cellEditorParams: (p: { data?: Person }) => ({
          values: ['', ...plan.people.filter((x) => x.id !== p.data?.id).map((x) => x.id)],
        }),
        valueFormatter: (p) => (p.value ? (names.get(p.value as string) ?? '?') : '—'),
      },
      {
        colId: 'owned',
        headerName: t('goalTeam.ownedTasks'),
        width: 110,
        type: 'rightAligned',
        valueGetter: (p) => (p.data ? (owned.get(p.data.id) ?? 0) : 0),
      },
    ];
  }, [t, plan.people, owned, editPerson]);
  const archived = isArchived(plan);
  const shownColumns = useReadOnlyColumns(columnDefs, archived);

  return (
    <div className="card team-card">
      <div className="toolbar inline">
        <h3>{t('goalTeam.team')}</h3>
        <button
          className="primary"
          disabled={archived}
          onClick={() => void addPerson(t('goalTeam.newMember'))}
          data-testid="add-person"
        >
          + {t('goalTeam.addMember')}
        </button>
        <button disabled={!selected || archived} onClick={() => setConfirm(true)} data-testid="delete-person">
          {t('goalTeam.deleteMember')}
        </button>
      </div>
      {plan.people.length === 0 ? (
        <p className="muted">{t('goalTeam.noTeam')}</p>
      ) : (
        <div className="team-grid" data-testid="team-grid">
          <AgGridReact<Person>
            theme={gridTheme}
            localeText={gridLocale(i18n.language)}
            rowData={plan.people}
            columnDefs={shownColumns}
            getRowId={getRowId}
            domLayout="autoHeight"
            rowSelection={{ mode: 'singleRow', checkboxes: true, enableClickSelection: true }}
            onSelectionChanged={(e) => setSelected(e.api.getSelectedRows()[0] ?? null)}
            stopEditingWhenCellsLoseFocus
          />
        </div>
      )}
      {confirm && selected && (
        <ConfirmDialog
          title={t('goalTeam.deleteMemberTitle')}
          body={t('goalTeam.deleteMemberBody', { name: selected.name })}
          confirmLabel={t('app.delete')}
          onCancel={() => setConfirm(false)}
          onConfirm={() => {
            setConfirm(false);
            void deletePerson(selected.id).then((deleted) => deleted.ok && setSelected(null));
          }}
        />
      )}
    </div>
  );
}
