/**
 * The store sits below the screens: the lint rule refuses a store file that imports from
 * features/ or components/ (as plan-slice once took PasteRow from features/tasks/paste), and
 * lets the same file take it from the contract.
 */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });
const lint = async (code: string, filePath: string) =>
  (await eslint.lintText(code, { filePath }))[0]!.messages.filter(
    (m) => m.ruleId === 'no-restricted-imports',
  );

describe('the store imports no screen', () => {
  it('refuses the old import of PasteRow from features/tasks', async () => {
    const found = await lint(
      "import type { PasteRow } from '../features/tasks/paste';\nexport type Rows = PasteRow[];\n",
      'src-renderer/store/plan-slice.ts',
    );
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toContain('The store imports no screen');
  });

  it('refuses components too, and keeps the renderer-wide rules in the store', async () => {
    const found = await lint(
      "import { NoticeBar } from '../components/NoticeBar';\nimport { openDatabase } from '../../src-main/db/open';\nexport const x = [NoticeBar, openDatabase];\n",
      'src-renderer/store/ui-slice.ts',
    );
    expect(found.map((m) => m.message)).toEqual([
      expect.stringContaining('The store imports no screen'),
      expect.stringContaining('only src-main/shared'),
    ]);
  });

  it('allows the contract, and screens may import the store', async () => {
    expect(
      await lint(
        "import type { PasteRow } from '../../src-main/shared/contract';\nexport type Rows = PasteRow[];\n",
        'src-renderer/store/plan-slice.ts',
      ),
    ).toEqual([]);
    expect(
      await lint(
        "import { useStore } from '../../store';\nexport const s = useStore;\n",
        'src-renderer/features/tasks/TaskGrid.tsx',
      ),
    ).toEqual([]);
  });
});
