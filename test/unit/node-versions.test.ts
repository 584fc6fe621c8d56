/**
 * The Node versions the project supports, as README and package.json state them, against what the
 * installed packages declare: every package whose `engines` excludes our lowest supported Node is
 * named in README's "Node versions" table, with the version it asks for.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import semver from 'semver';
import { describe, expect, it } from 'vitest';

const root = join(__dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  engines?: { node?: string };
};
const readme = readFileSync(join(root, 'README.md'), 'utf8');

/** README's "## Node versions" section. */
function section(): string {
  const at = readme.indexOf('## Node versions');
  if (at < 0) return '';
  const next = readme.indexOf('\n## ', at + 1);
  return readme.slice(at, next < 0 ? undefined : next);
}

/** Every package at the top of node_modules (scoped ones too) with the Node range it declares. */
function installedEngines(): { name: string; range: string }[] {
  const dir = join(root, 'node_modules');
  const names = readdirSync(dir).flatMap((n) =>
    n.startsWith('@') ? readdirSync(join(dir, n)).map((m) => `${n}/${m}`) : n.startsWith('.') ? [] : [n],
  );
  return names.flatMap((name) => {
    const file = join(dir, name, 'package.json');
    if (!existsSync(file)) return [];
    const range = (JSON.parse(readFileSync(file, 'utf8')) as { engines?: { node?: string } }).engines?.node;
    return range ? [{ name, range }] : [];
  });
}

describe('Node versions', () => {
  it('package.json states the range, and this Node (the build machines’) is in it', () => {
    const range = pkg.engines?.node;
    expect(range).toBeTruthy();
    expect(semver.validRange(range!)).not.toBeNull();
    expect(semver.satisfies(process.version, range!)).toBe(true);
  });

  it('README no longer promises plain Node 20 and says what needs 22.12', () => {
    expect(readme).not.toMatch(/fresh machine with Node 20 and npm/);
    expect(section()).toMatch(/Node 22\.12\+ for `npm start`/);
    expect(section()).toContain(`"node": "${pkg.engines?.node}"`);
  });

  it('names every installed package that asks for more than our lowest Node, with what it asks', () => {
    const lowest = semver.minVersion(pkg.engines!.node!)!.version;
    const wanting = installedEngines().filter(({ range }) => !semver.satisfies(lowest, range));
    // Electron's tooling is among them on this lock file: the check is not vacuous.
    expect(wanting.map((w) => w.name)).toEqual(expect.arrayContaining(['electron', '@electron/get']));
    const table = section();
    for (const { name, range } of wanting) {
      expect(table, name).toContain(name);
      const min = semver.minVersion(range)!;
      const written = min.patch === 0 && min.minor === 0 ? `≥ ${min.major}` : `≥ ${min.version}`;
      const row = table.split('\n').find((line) => line.includes(name)) ?? '';
      expect(row, `${name} asks for ${range}`).toContain(written);
    }
  });
});
