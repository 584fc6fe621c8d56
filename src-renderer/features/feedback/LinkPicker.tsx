/**
 * Choosing the records a record links to (what a root cause explains, what an adjustment
 * answers): a list of checkboxes; each tick saves at once (and is undoable like any edit).
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

export interface PickOption {
  id: string;
  label: string;
}

export function LinkPicker(props: {
  title: string;
  options: readonly PickOption[];
  chosen: readonly string[];
  /** Saves the new list; the ticks show the stored list again once it settles. */
  onChange(ids: string[]): Promise<unknown>;
  disabled?: boolean;
  testId: string;
}) {
  const { t } = useTranslation();
  const [filter, setFilter] = useState('');
  // A tick shows at once; what was stored replaces it when it comes back (or the refusal undoes it).
  const [ticked, setTicked] = useState<readonly string[] | null>(null);
  const current = ticked ?? props.chosen;
  const chosen = new Set(current);
  const shown = props.options.filter(
    (o) => !filter || o.label.toLowerCase().includes(filter.toLowerCase()) || chosen.has(o.id),
  );
  return (
    <fieldset className="link-picker" data-testid={props.testId} disabled={props.disabled}>
      <legend>
        {props.title}
        <span className="muted"> · {t('followUp.chosenCount', { count: chosen.size })}</span>
      </legend>
      {props.options.length > 8 && (
        <input
          type="search"
          className="search"
          value={filter}
          placeholder={t('followUp.search')}
          aria-label={t('followUp.search')}
          onChange={(e) => setFilter(e.target.value)}
        />
      )}
      {props.options.length === 0 ? (
        <p className="muted small">{t('followUp.nothingToPick')}</p>
      ) : (
        <ul>
          {shown.map((o) => (
            <li key={o.id}>
              <label>
                <input
                  type="checkbox"
                  checked={chosen.has(o.id)}
                  onChange={(e) => {
                    const next = e.target.checked ? [...current, o.id] : current.filter((id) => id !== o.id);
                    setTicked(next);
                    void props.onChange(next).finally(() => setTicked(null));
                  }}
                />
                <span>{o.label}</span>
              </label>
            </li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}
