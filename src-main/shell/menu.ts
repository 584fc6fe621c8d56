/**
 * The application menu as plain data (main.ts hands it to Menu.buildFromTemplate). Its words
 * come from the small table below: the renderer's i18n does not run in the main process, and the
 * menu follows the system language as the page does (Chinese for any zh-* locale).
 *
 * No undo/redo roles: the app keeps its own undo history (Ctrl+Z is handled by the page), and a
 * role would undo the text field's edit instead of the app's. Cut, copy, paste and select-all
 * are roles because on macOS the clipboard shortcuts of text fields only work through the menu.
 */
import type { MenuAction } from '../shared/shell-events';

const LABELS = {
  zh: {
    file: '文件',
    openFile: '打开项目文件…',
    exportFile: '导出项目文件…',
    backups: '备份与恢复…',
    print: '打印预览…',
    quit: '退出',
    edit: '编辑',
    cut: '剪切',
    copy: '复制',
    paste: '粘贴',
    selectAll: '全选',
    view: '视图',
    reload: '重新加载',
    toggleDevTools: '开发者工具',
    resetZoom: '实际大小',
    zoomIn: '放大',
    zoomOut: '缩小',
    togglefullscreen: '全屏',
    window: '窗口',
    minimize: '最小化',
    close: '关闭',
    projectFileType: 'Campaign Tracker 项目',
  },
  en: {
    file: 'File',
    openFile: 'Open Project File…',
    exportFile: 'Export Project File…',
    backups: 'Backups and Restore…',
    print: 'Print Preview…',
    quit: 'Quit',
    edit: 'Edit',
    cut: 'Cut',
    copy: 'Copy',
    paste: 'Paste',
    selectAll: 'Select All',
    view: 'View',
    reload: 'Reload',
    toggleDevTools: 'Developer Tools',
    resetZoom: 'Actual Size',
    zoomIn: 'Zoom In',
    zoomOut: 'Zoom Out',
    togglefullscreen: 'Full Screen',
    window: 'Window',
    minimize: 'Minimize',
    close: 'Close',
    projectFileType: 'Campaign Tracker project',
  },
} as const;

export type ShellLabels = (typeof LABELS)[keyof typeof LABELS];

/** The shell's words for a locale as Electron reports it (app.getLocale(): 'zh-CN', 'en-US' …). */
export function shellLabels(locale: string): ShellLabels {
  return locale.toLowerCase().startsWith('zh') ? LABELS.zh : LABELS.en;
}

/** The roles used below (a subset of Electron's, so the template is assignable to its type). */
type MenuRole =
  | 'appMenu'
  | 'quit'
  | 'cut'
  | 'copy'
  | 'paste'
  | 'selectAll'
  | 'reload'
  | 'toggleDevTools'
  | 'resetZoom'
  | 'zoomIn'
  | 'zoomOut'
  | 'togglefullscreen'
  | 'minimize'
  | 'close';

export interface MenuItemTemplate {
  label?: string;
  role?: MenuRole;
  type?: 'separator';
  accelerator?: string;
  click?: () => void;
  submenu?: MenuItemTemplate[];
}

export interface MenuOptions {
  locale: string;
  platform: NodeJS.Platform;
  /** Development builds get reload and the developer tools. */
  isPackaged: boolean;
  /** A command the page carries out (it knows the open project and shows the dialogs). */
  onAction(action: MenuAction): void;
}

export function applicationMenuTemplate(options: MenuOptions): MenuItemTemplate[] {
  const l = shellLabels(options.locale);
  const mac = options.platform === 'darwin';
  const action = (label: string, menuAction: MenuAction, accelerator?: string): MenuItemTemplate => ({
    label,
    ...(accelerator ? { accelerator } : {}),
    click: () => options.onAction(menuAction),
  });
  const role = (r: Exclude<MenuRole, 'appMenu'>): MenuItemTemplate => ({ label: l[r], role: r });
  const separator: MenuItemTemplate = { type: 'separator' };

  const file: MenuItemTemplate = {
    label: l.file,
    submenu: [
      action(l.openFile, 'open-file', 'CmdOrCtrl+O'),
      action(l.exportFile, 'export-file', 'CmdOrCtrl+Shift+E'),
      action(l.backups, 'backups'),
      action(l.print, 'print', 'CmdOrCtrl+P'),
      // On macOS Quit is in the app menu, where the system puts it.
      ...(mac ? [] : [separator, role('quit')]),
    ],
  };
  const edit: MenuItemTemplate = {
    label: l.edit,
    submenu: [role('cut'), role('copy'), role('paste'), separator, role('selectAll')],
  };
  const view: MenuItemTemplate = {
    label: l.view,
    submenu: [
      ...(options.isPackaged ? [] : [role('reload'), role('toggleDevTools'), separator]),
      role('resetZoom'),
      role('zoomIn'),
      role('zoomOut'),
      separator,
      role('togglefullscreen'),
    ],
  };
  const window: MenuItemTemplate = { label: l.window, submenu: [role('minimize'), role('close')] };
  return [...(mac ? [{ role: 'appMenu' as const }] : []), file, edit, view, window];
}
