/**
 * A file name handed over by the user or the OS is only a label: the app never writes under it
 * (private copies get names of our own), and when it shows one back it shows a cleaned, bounded
 * version — the last path segment, no control or bidirectional-formatting characters, no
 * ill-formed UTF-16, at most DISPLAY_NAME_MAX characters (the middle elided, the extension kept).
 */

export const DISPLAY_NAME_MAX = 60;

// Control (Cc) and format (Cf: right-to-left overrides, zero-width joiners …) characters, and
// lone surrogates (the `u` flag makes the range match only unpaired halves).
const INVISIBLE = /[\p{Cc}\p{Cf}\uD800-\uDFFF]/gu;

/** The name to show for a file the user picked, dropped or opened; '' when nothing is left. */
export function displayFileName(raw: string): string {
  const last = raw.split(/[\\/]/).pop() ?? '';
  const cleaned = last.replace(INVISIBLE, '').replace(/\s+/g, ' ').trim();
  if (cleaned === '' || /^\.+$/.test(cleaned)) return '';
  const chars = [...cleaned];
  if (chars.length <= DISPLAY_NAME_MAX) return cleaned;
  const dot = cleaned.lastIndexOf('.');
  const ext = dot > 0 && cleaned.length - dot <= 10 ? cleaned.slice(dot) : '';
  const keep = DISPLAY_NAME_MAX - 1 - [...ext].length;
  const head = Math.ceil(keep * 0.7);
  const stem = [...cleaned.slice(0, cleaned.length - ext.length)];
  return `${stem.slice(0, head).join('')}…${stem.slice(stem.length - (keep - head)).join('')}${ext}`;
}

/**
 * A file name made from a title (a project's name) for a save dialog's suggestion: characters no
 * file system takes replaced, bounded well under the 255 bytes most file systems allow, never
 * '.', '..' or empty.
 */
export function fileNameFromTitle(title: string, extension: string, fallback = 'project'): string {
  let stem = title
    .replace(INVISIBLE, '')
    .replace(/[\\/:*?"<>|]/g, '_')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\.+/, '');
  const bytes = (s: string) => new TextEncoder().encode(s).length;
  const budget = 200 - bytes(extension) - 1;
  while (bytes(stem) > budget) stem = [...stem].slice(0, -1).join('');
  return `${stem.trim() || fallback}.${extension}`;
}
