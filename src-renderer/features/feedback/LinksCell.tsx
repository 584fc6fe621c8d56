/**
 * Links of a record to others (its root causes, the adjustments answering it, what a root cause
 * explains …) as small buttons: a click opens the linked record in its own table.
 */
import type { CustomCellRendererProps } from 'ag-grid-react';
import { useTranslation } from 'react-i18next';
import type { AdjustmentStatus } from '../../../src-main/shared/feedback';
import { useStore } from '../../store';
import type { FollowView } from '../../store/follow-up-slice';

export interface LinkItem {
  id: string;
  label: string;
  status?: AdjustmentStatus;
  view: FollowView;
}

export function LinkList({ links }: { links: readonly LinkItem[] }) {
  const { t } = useTranslation();
  const openRecord = useStore((s) => s.openRecord);
  if (links.length === 0) return <span className="muted">—</span>;
  return (
    <span className="link-list">
      {links.map((l) => (
        <button
          key={`${l.view}:${l.id}`}
          className="link-chip"
          onClick={(e) => {
            e.stopPropagation();
            openRecord(l.view, l.id);
          }}
          title={t('followUp.openLink', { name: l.label })}
          data-link={l.id}
        >
          {l.label}
          {l.status && (
            <span className={`adj-status-word adj-${l.status}`}> · {t(`adjStatus.${l.status}`)}</span>
          )}
        </button>
      ))}
    </span>
  );
}

/** For AG Grid: the cell's value is the list of links. */
export function LinksCell(props: CustomCellRendererProps) {
  return <LinkList links={(props.value as LinkItem[] | undefined) ?? []} />;
}
