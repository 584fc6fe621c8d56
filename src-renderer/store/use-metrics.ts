import { useEffect } from 'react';
import { useStore } from './index';
import type { MetricsData } from './metrics-slice';

/**
 * The metrics data of the open project (metrics, periods, spend, the dashboard), loaded once a
 * tab that shows it is on screen: opening Table 2 does not wait for the dashboard.
 */
export function useMetrics(): MetricsData | null {
  const metricsData = useStore((s) => s.metricsData);
  const projectId = useStore((s) => s.plan?.project.id);
  const load = useStore((s) => s.loadMetrics);
  useEffect(() => {
    if (projectId && metricsData?.projectId !== projectId) void load();
  }, [projectId, metricsData?.projectId, load]);
  return metricsData?.projectId === projectId ? metricsData : null;
}
