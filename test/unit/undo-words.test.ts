/**
 * Every undoable action has words in the undo/redo tooltip, in zh-CN and en (issue 14, item 10):
 * iterated over every undoable channel and the merge, none shows its raw name.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import i18next, { type TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { CHANNELS } from '../../src-main/shared/channels';
import { UNDOABLE_ACTIONS, UNDOABLE_CHANNELS } from '../../src-main/routes';
import { undoLabel } from '../../src-renderer/components/undo-label';
import { ROOT } from '../helpers/bridge';

function resourcesFor(language: string): Record<string, unknown> {
  const dir = join(ROOT, 'src-renderer/i18n/locales', language);
  const merged: Record<string, unknown> = {};
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.json')))
    Object.assign(merged, JSON.parse(readFileSync(join(dir, name), 'utf8')) as Record<string, unknown>);
  return merged;
}

const ts: Record<string, TFunction> = {};
beforeAll(async () => {
  const i18n = i18next.createInstance();
  await i18n.init({
    resources: {
      'zh-CN': { translation: resourcesFor('zh-CN') },
      en: { translation: resourcesFor('en') },
    },
    lng: 'zh-CN',
    fallbackLng: false,
    interpolation: { escapeValue: false },
  });
  ts['zh-CN'] = i18n.getFixedT('zh-CN');
  ts.en = i18n.getFixedT('en');
});

describe('undo/redo tooltips', () => {
  it('cover every undoable channel the router has', () => {
    expect(UNDOABLE_CHANNELS.every((c) => (CHANNELS as readonly string[]).includes(c))).toBe(true);
    expect(UNDOABLE_ACTIONS).toContain('projectFile.merge');
  });

  for (const language of ['zh-CN', 'en']) {
    it(`word every undoable action in ${language}, never its raw name`, () => {
      const t = ts[language]!;
      const other = t('history.action.other');
      for (const action of UNDOABLE_ACTIONS) {
        const what = undoLabel(t, action);
        expect(what, action).not.toBe(other); // its own words, not the fallback
        for (const tip of [t('history.undoWhat', { what }), t('history.redoWhat', { what })]) {
          expect(tip, action).not.toContain(action);
          expect(tip, action).not.toMatch(/\b[a-z]+[A-Z]?[a-z]*\.[a-z]+/); // no "periods.open"
        }
      }
      // A name this version does not know still reads as words.
      expect(undoLabel(t, 'reports.notAnAction')).toBe(other);
    });
  }
});
