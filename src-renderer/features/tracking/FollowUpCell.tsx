import type { CustomCellRendererProps } from 'ag-grid-react';
import { useTranslation } from 'react-i18next';
import type { AdjustmentStatus } from '../../../src-main/shared/feedback';

/** What Table 1 adds after the owner's text: the module's open issues, or its adjustments in progress. */
export interface ModuleFollowUp {
  openIssues: string[];
  adjustments: { title: string; status: AdjustmentStatus }[];
}

/**
 * 问题反馈 / 调整建议 of Table 1: the text the owner typed (the part that is edited), followed by
 * what steps 四/五 record for the module — its open issues (count and titles) or its adjustments
 * in progress with their status.
 */
export function FollowUpCell(
  props: CustomCellRendererProps & {
    part: 'issues' | 'adjustments';
    followUp?: (id: string) => ModuleFollowUp | undefined;
  },
) {
  const { t } = useTranslation();
  const data = props.data as { id: string; followUp?: ModuleFollowUp } | undefined;
  const extra = data?.followUp ?? (data ? props.followUp?.(data.id) : undefined);
  const typed = String(props.value ?? '');
  const issues = extra?.openIssues ?? [];
  const adjustments = extra?.adjustments ?? [];
  return (
    <span className="follow-up-cell">
      {typed && <span>{typed}</span>}
      {props.part === 'issues' && issues.length > 0 && (
        <span className="follow-up-extra" data-testid="module-open-issues">
          {t('followUp.moduleOpenIssues', {
            count: issues.length,
            titles: issues.join(t('followUp.sep')),
          })}
        </span>
      )}
      {props.part === 'adjustments' && adjustments.length > 0 && (
        <span className="follow-up-extra" data-testid="module-adjustments">
          {t('followUp.moduleAdjustments', {
            list: adjustments
              .map((a) => t('followUp.withStatus', { title: a.title, status: t(`adjStatus.${a.status}`) }))
              .join(t('followUp.sep')),
          })}
        </span>
      )}
    </span>
  );
}
