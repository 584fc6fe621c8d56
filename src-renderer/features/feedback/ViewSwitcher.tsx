/**
 * The switcher between the views of a follow-up tab (issues · feedback · root causes, or
 * adjustments · settings), with a count on the view that has something waiting.
 */
import { useTranslation } from 'react-i18next';
import type { FollowView } from '../../store/follow-up-slice';

export function ViewSwitcher<V extends FollowView>(props: {
  views: readonly V[];
  current: V;
  /** The tab's name, for screen readers. */
  label: string;
  /** The view that shows a count, and the count (none when zero). */
  badge: { view: V; count: number };
  onOpen(view: V): void;
}) {
  const { t } = useTranslation();
  return (
    <span className="segmented" role="tablist" aria-label={props.label}>
      {props.views.map((v) => (
        <button
          key={v}
          role="tab"
          aria-selected={props.current === v}
          className={props.current === v ? 'active' : ''}
          onClick={() => props.onOpen(v)}
          data-testid={`view-${v}`}
        >
          {t(`followUp.views.${v as FollowView}`)}
          {v === props.badge.view && props.badge.count > 0 && (
            <span className="badge">{props.badge.count}</span>
          )}
        </button>
      ))}
    </span>
  );
}
