import type { CustomCellRendererProps } from 'ag-grid-react';

/** A task status as a coloured dot with its word (never colour alone). */
export function StatusCell(props: CustomCellRendererProps) {
  if (!props.value) return null;
  return (
    <span className={`status-cell status-${String(props.value)}`}>
      <span className="status-dot" aria-hidden="true" />
      {props.valueFormatted}
    </span>
  );
}
