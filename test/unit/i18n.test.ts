/**
 * The interface speaks from the locale files only: both locales have the same keys, every key the
 * code asks for exists, and no user-visible text is written into the components.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import i18next from 'i18next';
import { ROOT } from '../helpers/bridge';

function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'locales' ? [] : sources(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

/** One language's files merged, as src-renderer/i18n/resources.ts does in the app. */
function locale(language: string): Record<string, unknown> {
  const dir = join(ROOT, 'src-renderer/i18n/locales', language);
  const merged: Record<string, unknown> = {};
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.json'))) {
    const sections = JSON.parse(readFileSync(join(dir, name), 'utf8')) as Record<string, unknown>;
    for (const section of Object.keys(sections)) {
      if (section in merged) throw new Error(`${language}/${name}: section "${section}" is defined twice`);
    }
    Object.assign(merged, sections);
  }
  return merged;
}

const rendererFiles = sources(join(ROOT, 'src-renderer'));
const zhKeys = new Set(keys(locale('zh-CN')));
const enKeys = new Set(keys(locale('en')));

describe('locale files', () => {
  it('zh-CN and en have exactly the same keys', () => {
    expect([...zhKeys].filter((k) => !enKeys.has(k))).toEqual([]);
    expect([...enKeys].filter((k) => !zhKeys.has(k))).toEqual([]);
  });

  it('every literal key the renderer asks for exists', () => {
    const missing: string[] = [];
    for (const file of rendererFiles) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/\bt\(\s*'([a-zA-Z][\w.]+)'/g)) {
        if (!zhKeys.has(m[1]!)) missing.push(`${relative(ROOT, file)}: ${m[1]}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('no Chinese text is written into renderer code', () => {
    const found = rendererFiles
      .filter((file) =>
        /\p{Script=Han}/u.test(readFileSync(file, 'utf8').replace(/\/\/.*|\/\*[\s\S]*?\*\//g, '')),
      )
      .map((file) => relative(ROOT, file));
    expect(found).toEqual([]);
  });

  it('no English words are written as JSX text', () => {
    const found: string[] = [];
    for (const file of rendererFiles.filter((f) => f.endsWith('.tsx'))) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/(?<!=)>\s*([^<>{}\n|=()&?:]*[A-Za-z]{2,}[^<>{}\n|=()&?:]*)\s*</g)) {
        found.push(`${relative(ROOT, file)}: ${m[1]}`);
      }
    }
    expect(found).toEqual([]);
  });
});

describe('counted words', () => {
  const translator = (language: string) => {
    const instance = i18next.createInstance();
    void instance.init({ lng: language, resources: { [language]: { translation: locale(language) } } });
    return instance.t.bind(instance);
  };

  it('say one conflict and two conflicts in English, 处 for any count in Chinese', () => {
    const en = translator('en');
    expect(en('projectFile.summaryConflicts', { count: 1 })).toBe('1 conflict for you to decide');
    expect(en('projectFile.summaryConflicts', { count: 2 })).toBe('2 conflicts for you to decide');
    expect(en('projectFile.decideFirst', { count: 1 })).toBe('1 conflict still undecided');
    expect(en('projectFile.summaryDecided', { count: 3 })).toBe('3 conflicts settled as you chose');
    const zh = translator('zh-CN');
    expect(zh('projectFile.summaryConflicts', { count: 1 })).toBe('1 处冲突需要你决定');
    expect(zh('projectFile.summaryConflicts', { count: 5 })).toBe('5 处冲突需要你决定');
  });
});
