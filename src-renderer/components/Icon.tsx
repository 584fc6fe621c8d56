/** Small line icons drawn as SVG, so they render without an emoji font (and print). */
export const PENCIL = 'M3 13l1-4 7-7 3 3-7 7-4 1zM10 3l3 3';
export const CALENDAR = 'M2.5 4h11v9.5h-11zM2.5 7h11M5.5 2v3M10.5 2v3';
export const TRASH = 'M3 4h10M6 4V2.5h4V4M4.5 4l.7 9.5h5.6l.7-9.5M7 6.5v5M9 6.5v5';

export function Icon({ path }: { path: string }) {
  return (
    <svg
      width="14"
      height="14"
      viewBox="0 0 16 16"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.3"
      aria-hidden="true"
    >
      <path d={path} strokeLinejoin="round" strokeLinecap="round" />
    </svg>
  );
}
