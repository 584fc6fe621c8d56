import type { CustomCellRendererProps } from 'ag-grid-react';
import type { Task } from '../../../src-main/shared/domain';
import type { TaskGridContext } from './task-columns';

/** 任务名称 as an outline: indented by WBS depth, a toggle on tasks with sub-tasks, ◆ on milestones. */
export function TaskNameCell(props: CustomCellRendererProps<Task>) {
  const task = props.data;
  if (!task) return null;
  const ctx = props.context as TaskGridContext;
  const depth = ctx.depth.get(task.id) ?? 0;
  const parent = ctx.rolledUp.has(task.id);
  const collapsed = ctx.collapsed.has(task.id);
  return (
    <span className="task-name" style={{ paddingLeft: depth * 16 }}>
      {parent ? (
        <button
          className="tree-toggle"
          aria-expanded={!collapsed}
          aria-label={collapsed ? '+' : '−'}
          onClick={(e) => {
            e.stopPropagation();
            ctx.toggle(task.id);
          }}
        >
          {collapsed ? '▸' : '▾'}
        </button>
      ) : (
        <span className="tree-spacer" />
      )}
      {task.milestone && (
        <span className="milestone-mark" aria-hidden="true">
          ◆
        </span>
      )}
      <span className={parent ? 'task-name-text parent' : 'task-name-text'}>{task.name}</span>
    </span>
  );
}
