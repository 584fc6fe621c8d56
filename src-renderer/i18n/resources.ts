/**
 * Interface texts, one JSON file per area and language (locales/<language>/<area>.json), so a
 * feature owns its file. Each file holds top-level sections (e.g. "tasks", "sheets"); they are
 * merged into one resource per language.
 */
const files = import.meta.glob<{ default: Record<string, unknown> }>('./locales/*/*.json', { eager: true });

export function resourcesFor(language: string): Record<string, unknown> {
  const merged: Record<string, unknown> = {};
  for (const [path, module] of Object.entries(files)) {
    if (path.startsWith(`./locales/${language}/`)) Object.assign(merged, module.default);
  }
  return merged;
}
