import type { CustomCellRendererProps } from 'ag-grid-react';

/** A progress figure as a small bar with the number beside it (never colour alone). */
export function ProgressBar({ value }: { value: number }) {
  return (
    <span className="progress-cell">
      <span className="progress-track" aria-hidden="true">
        <span
          className={`progress-fill${value >= 100 ? ' done' : ''}`}
          style={{ width: `${Math.min(100, value)}%` }}
        />
      </span>
      <span className="progress-number">{value}%</span>
    </span>
  );
}

export function ProgressCell(props: CustomCellRendererProps) {
  return <ProgressBar value={typeof props.value === 'number' ? Math.round(props.value) : 0} />;
}
