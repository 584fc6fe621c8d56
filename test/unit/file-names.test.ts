/**
 * A file name from the user or the OS is only a label. Opening a valid project file works
 * whatever it was called (very long, Chinese, '.', '..', with separators), nothing is written
 * outside the app's own folders, and a name shown back is cleaned and bounded.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { createProjectFileService } from '../../src-main/project-file/service';
import { createRouter } from '../../src-main/router';
import { DISPLAY_NAME_MAX, displayFileName, fileNameFromTitle } from '../../src-main/shared/file-names';
import { openApp } from '../helpers/app';
import { exportProject, seedEveryTable } from '../helpers/project-files';
import { tempDir } from '../helpers/tmp';

function workerFile(): string {
  const file = resolve(__dirname, '../../out/main/project-file-worker.js');
  if (!existsSync(file))
    throw new Error('out/main/project-file-worker.js is missing: run `npm run build` first');
  return file;
}

function appWithFiles(exportDir: string) {
  const app = openApp();
  const files = createProjectFileService({
    db: app.db,
    databaseFile: app.file,
    workerFile: workerFile(),
    appVersion: '0.0.0-test',
    host: { chooseExportPath: async (name) => join(exportDir, name), defaultUserName: 'tester' },
  });
  app.router = createRouter(app.db, { version: '0.0.0-test', projectFiles: files });
  return { app, call: (channel: string, payload: unknown) => app.router.invokeAsync(channel, payload) };
}

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

describe('file names are labels', () => {
  test('a valid file opens whatever its name, and nothing is written outside the private folders', async () => {
    const root = tempDir();
    const source = openApp();
    const seeded = seedEveryTable(source);
    const path = join(root, 'plan.ctproj');
    exportProject(source, seeded.projectId, path);
    const base64 = readFileSync(path).toString('base64');

    // Temporary files of this test go to a folder of its own, inside a parent watched for strays.
    const parent = join(root, 'parent');
    const tmp = join(parent, 'tmp');
    mkdirSync(tmp, { recursive: true });
    const { call } = appWithFiles(root);
    const saved = process.env.TMPDIR;
    process.env.TMPDIR = tmp;
    try {
      const names = [
        `${'营销策略执行跟踪'.repeat(11)}推广.ctproj`, // 90 Chinese characters
        `${'a'.repeat(293)}.ctproj`, // 300 ASCII
        `${'b'.repeat(993)}.ctproj`, // 1,000 ASCII, the most the contract allows
        '.',
        '..',
        '../../escape.ctproj',
        'C:\\Users\\x\\..\\plan.ctproj',
      ];
      expect([...names[0]!.replace('.ctproj', '')]).toHaveLength(90);
      expect(names[1]).toHaveLength(300);
      expect(names[2]).toHaveLength(1000);
      for (const fileName of names) {
        const opened = await call('projectFile.open', { fileName, base64 });
        expect(opened, fileName.slice(0, 20)).toMatchObject({
          ok: true,
          value: { mode: 'new', summary: { projectId: seeded.projectId } },
        });
        expect(readdirSync(parent), fileName.slice(0, 20)).toEqual(['tmp']);
        expect(readdirSync(tmp), fileName.slice(0, 20)).toEqual([]);
      }
      expect(readdirSync(root).sort()).toEqual(['parent', 'plan.ctproj']);
    } finally {
      if (saved === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = saved;
    }
  });

  test('a project with a long Chinese name exports under a name the file system takes', async () => {
    const root = tempDir();
    const { app, call } = appWithFiles(root);
    const name = '双十一'.repeat(66) + '大促'; // 200 characters, 600 bytes in UTF-8
    const pid = app.ok('projects.create', { name }).id;
    const exported = await call('projectFile.export', { projectId: pid, exporterName: '李娜' });
    expect(exported.ok).toBe(true);
    const written = readdirSync(root);
    expect(written).toHaveLength(1);
    expect(bytes(written[0]!)).toBeLessThanOrEqual(200);
    expect(written[0]!.startsWith('双十一双十一')).toBe(true);
    expect(written[0]!.endsWith('.ctproj')).toBe(true);
  });

  test('suggested names: separators, dots and invisible characters never make a path', () => {
    expect(fileNameFromTitle('..', 'ctproj')).toBe('project.ctproj');
    expect(fileNameFromTitle('.', 'ctproj')).toBe('project.ctproj');
    expect(fileNameFromTitle('../../etc/passwd', 'ctproj')).toBe('_.._etc_passwd.ctproj');
    expect(fileNameFromTitle('a\u202Egpj.exe', 'ctproj')).toBe('agpj.exe.ctproj');
    expect(fileNameFromTitle('2024夏季新品推广', 'ctproj')).toBe('2024夏季新品推广.ctproj');
    expect(bytes(fileNameFromTitle('营'.repeat(1000), 'ctproj'))).toBeLessThanOrEqual(200);
  });

  test('a name shown back is the last segment, without control or formatting characters, bounded', () => {
    expect(displayFileName('/home/u/下载/计划.ctproj')).toBe('计划.ctproj');
    expect(displayFileName('C:\\Users\\u\\计划.ctproj')).toBe('计划.ctproj');
    expect(displayFileName('.')).toBe('');
    expect(displayFileName('..')).toBe('');
    expect(displayFileName('a\u0000b\u001b[31mc\u202Ed.ctproj')).toBe('ab[31mcd.ctproj');
    expect(displayFileName('x\uD800y.ctproj')).toBe('xy.ctproj');
    expect(displayFileName('  计划\t\n  副本.ctproj ')).toBe('计划 副本.ctproj');
    const chinese = `${'营销策略执行跟踪'.repeat(11)}推广.ctproj`;
    const shown = displayFileName(chinese);
    expect([...shown]).toHaveLength(DISPLAY_NAME_MAX);
    expect(shown.startsWith('营销策略执行跟踪')).toBe(true);
    expect(shown.endsWith('推广.ctproj')).toBe(true);
    expect(shown).toContain('…');
    for (const n of [300, 1000]) {
      const long = displayFileName(`${'a'.repeat(n - 7)}.ctproj`);
      expect(long).toHaveLength(DISPLAY_NAME_MAX);
      expect(long.endsWith('a.ctproj')).toBe(true);
    }
    expect(basename(displayFileName('../../x.ctproj'))).toBe('x.ctproj');
  });
});
