import { useEffect } from 'react';
import { useStore } from './index';
import type { Tracking } from './tracking-slice';

/**
 * Tracking of the open project (metrics, periods, spend, the dashboard), loaded once a tab that
 * shows it is on screen: opening Table 2 does not wait for the dashboard.
 */
export function useTracking(): Tracking | null {
  const tracking = useStore((s) => s.tracking);
  const projectId = useStore((s) => s.plan?.project.id);
  const load = useStore((s) => s.loadTracking);
  useEffect(() => {
    if (projectId && tracking?.projectId !== projectId) void load();
  }, [projectId, tracking?.projectId, load]);
  return tracking?.projectId === projectId ? tracking : null;
}
