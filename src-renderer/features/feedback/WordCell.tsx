import type { CustomCellRendererProps } from 'ag-grid-react';

/**
 * A status or severity as a coloured dot with its word (never colour alone); the colour comes
 * from the class `word-<prefix>-<value>`.
 */
export function WordCell(props: CustomCellRendererProps & { prefix: string }) {
  if (!props.value) return null;
  return (
    <span className={`status-cell word-${props.prefix}-${String(props.value)}`}>
      <span className="status-dot" aria-hidden="true" />
      {props.valueFormatted}
    </span>
  );
}
