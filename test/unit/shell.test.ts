/**
 * The shell's rules without Electron: which launch argument is a project file, the save path's
 * extension, events held until the page has loaded, the application menu, and the packaging's
 * file association.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { describe, expect, test, vi } from 'vitest';
import { PROJECT_FILE_EXTENSION } from '../../src-main/project-file/format';
import { AppError } from '../../src-main/shared/errors';
import type { FilePreview } from '../../src-main/shared/project-file-contract';
import type { ShellEvent } from '../../src-main/shared/shell-events';
import type { AppEvent } from '../../src-main/shared/events';
import { applicationMenuTemplate, shellLabels, type MenuItemTemplate } from '../../src-main/shell/menu';
import {
  createShellOutbox,
  hasProjectFileExtension,
  openProjectFile,
  projectFileFromArgv,
  withProjectFileExtension,
} from '../../src-main/shell/open-file';
import { tempDir } from '../helpers/tmp';

const ROOT = resolve(__dirname, '../..');

/** A folder holding plan.ctproj, PLAN2.CTPROJ, notes.txt and a folder named folder.ctproj. */
function filesOnDisk() {
  const dir = tempDir();
  writeFileSync(join(dir, 'plan.ctproj'), 'x');
  writeFileSync(join(dir, 'PLAN2.CTPROJ'), 'x');
  writeFileSync(join(dir, 'notes.txt'), 'x');
  mkdirSync(join(dir, 'folder.ctproj'));
  return dir;
}

describe('projectFileFromArgv', () => {
  test('packaged Windows: [exe, file] from the file association', () => {
    const exists = new Set(['C:\\Users\\王芳\\Documents\\夏季推广.ctproj']);
    const options = { workingDirectory: 'C:\\Windows\\System32', platform: 'win32' as const };
    const isRegularFile = (p: string) => exists.has(p);
    expect(
      projectFileFromArgv(
        [
          'C:\\Program Files\\Campaign Tracker\\Campaign Tracker.exe',
          'C:\\Users\\王芳\\Documents\\夏季推广.ctproj',
        ],
        { ...options, isRegularFile },
      ),
    ).toBe('C:\\Users\\王芳\\Documents\\夏季推广.ctproj');
    // A second instance: Chromium's switches come first; a relative name is relative to its folder.
    expect(
      projectFileFromArgv(
        [
          'C:\\Program Files\\Campaign Tracker\\Campaign Tracker.exe',
          '--allow-file-access-from-files',
          '--original-process-start-time=13370000000000000',
          '夏季推广.CTPROJ',
        ],
        { workingDirectory: 'C:\\Users\\王芳\\Documents', platform: 'win32', isRegularFile: () => true },
      ),
    ).toBe('C:\\Users\\王芳\\Documents\\夏季推广.CTPROJ');
    // Started from the Start menu: no file.
    expect(
      projectFileFromArgv(['C:\\Program Files\\Campaign Tracker\\Campaign Tracker.exe'], {
        ...options,
        isRegularFile: () => true,
      }),
    ).toBeNull();
  });

  test('Linux and development, against real files', () => {
    const dir = filesOnDisk();
    const at = { workingDirectory: dir, platform: 'linux' as const };
    const appImage = '/tmp/.mount_CampaiXyZ/campaign-tracker';
    expect(projectFileFromArgv([appImage, '--no-sandbox', join(dir, 'plan.ctproj')], at)).toBe(
      join(dir, 'plan.ctproj'),
    );
    // `electron .` in development: the app's folder follows the executable.
    expect(projectFileFromArgv(['/repo/node_modules/electron/dist/electron', '.', 'plan.ctproj'], at)).toBe(
      join(dir, 'plan.ctproj'),
    );
    expect(projectFileFromArgv([appImage, './sub/../PLAN2.CTPROJ'], at)).toBe(join(dir, 'PLAN2.CTPROJ'));
    // The first project file wins; what is not one is passed over.
    expect(
      projectFileFromArgv([appImage, 'notes.txt', 'missing.ctproj', 'folder.ctproj', 'plan.ctproj'], at),
    ).toBe(join(dir, 'plan.ctproj'));
  });

  test('only an existing regular file named *.ctproj, never a switch or the executable', () => {
    const dir = filesOnDisk();
    const at = { workingDirectory: dir, platform: 'linux' as const };
    const exe = '/opt/Campaign Tracker/campaign-tracker';
    for (const argv of [
      [],
      [join(dir, 'plan.ctproj')], // argv[0] is the executable, whatever its name
      [exe],
      [exe, '.'],
      [exe, 'notes.txt'],
      [exe, 'missing.ctproj'],
      [exe, 'folder.ctproj'],
      [exe, '.ctproj'],
      [exe, 'plan.ctproj.txt'],
      [exe, '--open=plan.ctproj'],
      [exe, '-plan.ctproj'],
      [exe, '--no-sandbox', '--allow-file-access-from-files'],
    ]) {
      expect(projectFileFromArgv(argv, at), JSON.stringify(argv)).toBeNull();
    }
    expect(projectFileFromArgv([exe, 42, null, { path: 'plan.ctproj' }, 'plan.ctproj'], at)).toBe(
      join(dir, 'plan.ctproj'),
    );
  });
});

describe('the .ctproj extension', () => {
  test('recognised in any case; added to a save path that lacks it', () => {
    expect(PROJECT_FILE_EXTENSION).toBe('ctproj');
    for (const name of ['a.ctproj', 'A.CTPROJ', '/x/计划.CtProj', 'C:\\x\\y.ctproj']) {
      expect(hasProjectFileExtension(name), name).toBe(true);
      expect(withProjectFileExtension(name)).toBe(name);
    }
    for (const name of ['.ctproj', 'a.ctproj.bak', 'actproj', 'a.ctp', '']) {
      expect(hasProjectFileExtension(name), name).toBe(false);
    }
    expect(withProjectFileExtension('/home/wf/给王芳')).toBe('/home/wf/给王芳.ctproj');
    expect(withProjectFileExtension('C:\\Users\\wf\\plan.txt')).toBe('C:\\Users\\wf\\plan.txt.ctproj');
  });
});

describe('openProjectFile', () => {
  const preview = (token: string) => ({ token }) as FilePreview;

  test('a read file gives its token; a refusal its reason; anything else is internal and logged', async () => {
    const stage = vi.fn((path: string) => Promise.resolve(preview(`token-for-${path}`)));
    expect(await openProjectFile('/a/plan.ctproj', stage)).toEqual({
      type: 'file-opened',
      token: 'token-for-/a/plan.ctproj',
    });

    const refused = { code: 'file_refused', reason: 'too_new', params: { found: 9, supported: 6 } } as const;
    const logError = vi.fn();
    expect(
      await openProjectFile('/a/b.ctproj', () => Promise.reject(new AppError(refused)), logError),
    ).toEqual({ type: 'file-error', error: refused });
    expect(logError).not.toHaveBeenCalled();
    const bug = new Error('worker exploded');
    expect(await openProjectFile('/a/b.ctproj', () => Promise.reject(bug), logError)).toEqual({
      type: 'file-error',
      error: { code: 'internal' },
    });
    expect(logError).toHaveBeenCalledExactlyOnceWith(bug);
  });

  test('a file of another type is refused by its name and never read', async () => {
    const stage = vi.fn(() => Promise.resolve(preview('t')));
    expect(await openProjectFile('/Users/wf/Desktop/表1.xlsx', stage)).toEqual({
      type: 'file-error',
      error: { code: 'file_refused', reason: 'wrong_extension', params: { name: '表1.xlsx' } },
    });
    expect(stage).not.toHaveBeenCalled();
  });
});

describe('createShellOutbox', () => {
  test('holds events until the page has loaded, then sends them in order; later ones at once', () => {
    const sent: AppEvent[] = [];
    const outbox = createShellOutbox((event) => sent.push(event));
    const a: ShellEvent = { type: 'file-opened', token: 'a' };
    const b: ShellEvent = { type: 'menu', action: 'open-file' };
    const c: ShellEvent = { type: 'menu', action: 'backups' };
    outbox.post(a);
    outbox.post(b);
    expect(sent).toEqual([]);
    expect(outbox.waiting).toEqual([a, b]);
    outbox.pageLoaded();
    expect(sent).toEqual([a, b]);
    expect(outbox.waiting).toEqual([]);
    outbox.post(c);
    expect(sent).toEqual([a, b, c]);
    // Loaded again (a reload): nothing is sent twice.
    outbox.pageLoaded();
    expect(sent).toEqual([a, b, c]);
  });
});

function flatten(items: MenuItemTemplate[]): MenuItemTemplate[] {
  return items.flatMap((item) => [item, ...flatten(item.submenu ?? [])]);
}

describe('applicationMenuTemplate', () => {
  const build = (locale: string, platform: NodeJS.Platform, isPackaged = true) => {
    const actions: string[] = [];
    const template = applicationMenuTemplate({
      locale,
      platform,
      isPackaged,
      onAction: (a) => actions.push(a),
    });
    return { template, items: flatten(template), actions };
  };

  test('Chinese for any zh locale, English otherwise', () => {
    for (const locale of ['zh-CN', 'zh-TW', 'zh', 'ZH-cn']) {
      expect(
        build(locale, 'win32').template.map((i) => i.label),
        locale,
      ).toEqual(['文件', '编辑', '视图', '窗口']);
    }
    for (const locale of ['en-US', 'de', '', 'ja']) {
      expect(
        build(locale, 'win32').template.map((i) => i.label),
        locale,
      ).toEqual(['File', 'Edit', 'View', 'Window']);
    }
    expect(shellLabels('zh-CN').projectFileType).toBe('Campaign Tracker 项目');
    expect(shellLabels('en-GB').projectFileType).toBe('Campaign Tracker project');
  });

  test('File: open, export, backups and print preview send their command to the page; quit by role', () => {
    const { template, actions } = build('zh-CN', 'linux');
    const file = template[0]?.submenu ?? [];
    expect(file.map((i) => [i.label, i.accelerator, i.role, i.type])).toEqual([
      ['打开项目文件…', 'CmdOrCtrl+O', undefined, undefined],
      ['导出项目文件…', 'CmdOrCtrl+Shift+E', undefined, undefined],
      ['备份与恢复…', undefined, undefined, undefined],
      ['打印预览…', 'CmdOrCtrl+P', undefined, undefined],
      [undefined, undefined, undefined, 'separator'],
      ['退出', undefined, 'quit', undefined],
    ]);
    for (const item of file) item.click?.();
    expect(actions).toEqual(['open-file', 'export-file', 'backups', 'print']);
  });

  test('no undo or redo role anywhere; clipboard roles in Edit; developer tools only unpackaged', () => {
    for (const platform of ['darwin', 'win32', 'linux'] as const) {
      for (const isPackaged of [true, false]) {
        const { template, items } = build('en-US', platform, isPackaged);
        const roles = items.map((i) => i.role);
        expect(roles).not.toContain('undo');
        expect(roles).not.toContain('redo');
        const edit = template.find((i) => i.label === 'Edit');
        expect(edit?.submenu?.map((i) => i.role)).toEqual(['cut', 'copy', 'paste', undefined, 'selectAll']);
        expect(roles.includes('toggleDevTools'), `${platform} packaged=${isPackaged}`).toBe(!isPackaged);
        expect(roles.includes('reload'), `${platform} packaged=${isPackaged}`).toBe(!isPackaged);
        // Every item with a role but the app menu is labelled in the menu's language.
        for (const item of items.filter((i) => i.role && i.role !== 'appMenu')) {
          expect(item.label, item.role).toBeTruthy();
        }
      }
    }
  });

  test('macOS: the app menu first (it holds Quit); elsewhere none, Quit in File', () => {
    const mac = build('zh-CN', 'darwin').template;
    expect(mac[0]).toEqual({ role: 'appMenu' });
    expect(mac.slice(1).map((i) => i.label)).toEqual(['文件', '编辑', '视图', '窗口']);
    expect(flatten(mac).filter((i) => i.role === 'quit')).toEqual([]);
    const windows = build('zh-CN', 'win32').template;
    expect(windows.map((i) => i.role)).not.toContain('appMenu');
    expect(flatten(windows).filter((i) => i.role === 'quit')).toHaveLength(1);
    expect(windows.at(-1)?.submenu?.map((i) => i.role)).toEqual(['minimize', 'close']);
  });
});

describe('electron-builder.yml', () => {
  test('associates the project file extension with the app', () => {
    // The YAML parser electron-builder reads its configuration with (a dependency of its own).
    const fromBuilder = createRequire(createRequire(join(ROOT, 'package.json')).resolve('app-builder-lib'));
    const yaml = fromBuilder('js-yaml') as { load(text: string): unknown };
    const config = yaml.load(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')) as {
      fileAssociations?: Record<string, unknown>[];
    };
    expect(config.fileAssociations).toEqual([
      {
        ext: PROJECT_FILE_EXTENSION,
        name: 'Campaign Tracker 项目',
        description: expect.any(String),
        role: 'Editor',
        mimeType: 'application/x-campaign-tracker-project',
      },
    ]);
  });
});
