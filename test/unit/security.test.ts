import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, test } from 'vitest';
import {
  CSP,
  decideNavigation,
  decideNewWindow,
  isTrustedSender,
  secureWebPreferences,
} from '../../src-main/shell/security';

const ENTRY = pathToFileURL('/opt/Campaign Tracker/resources/app.asar/out/renderer/index.html').toString();

/** Splits a CSP into directive name → list of sources. */
function parseCsp(policy: string): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (!name) continue;
    expect(map.has(name), `directive ${name} appears twice`).toBe(false);
    map.set(name.toLowerCase(), sources);
  }
  return map;
}

describe('secureWebPreferences', () => {
  test('isolates and sandboxes the page, with no Node and no webview', () => {
    const prefs = secureWebPreferences('/x/preload/index.js');
    expect(prefs.preload).toBe('/x/preload/index.js');
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.sandbox).toBe(true);
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInWorker).toBe(false);
    expect(prefs.nodeIntegrationInSubFrames).toBe(false);
    expect(prefs.webSecurity).toBe(true);
    expect(prefs.allowRunningInsecureContent).toBe(false);
    expect(prefs.webviewTag).toBe(false);
    // Nothing that loosens the defaults slips in.
    const record = prefs as Record<string, unknown>;
    for (const risky of [
      'enableRemoteModule',
      'experimentalFeatures',
      'enableBlinkFeatures',
      'additionalArguments',
    ]) {
      expect(record[risky], risky).toBeUndefined();
    }
  });
});

describe('decideNavigation', () => {
  test('allows only the app’s own entry file', () => {
    expect(decideNavigation(ENTRY, ENTRY)).toBe('allow');
    expect(decideNavigation(`${ENTRY}#/projects`, ENTRY)).toBe('allow');
    for (const url of [
      pathToFileURL('/opt/Campaign Tracker/resources/app.asar/out/renderer/other.html').toString(),
      pathToFileURL('/opt/Campaign Tracker/resources/app.asar/out/index.html').toString(),
      'file:///etc/passwd',
      'file://evil-host/opt/Campaign%20Tracker/resources/app.asar/out/renderer/index.html',
      'javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'blob:https://example.com/0c0f1f4a',
      'about:blank',
      'chrome://settings',
      'ftp://example.com/',
      'not a url',
      '',
    ]) {
      expect(decideNavigation(url, ENTRY), url).toBe('deny');
    }
  });

  test('hands web links to the system browser', () => {
    for (const url of ['https://example.com', 'https://example.com/a?b=c#d', 'http://example.com/']) {
      expect(decideNavigation(url, ENTRY), url).toBe('open-externally');
    }
  });
});

describe('decideNewWindow', () => {
  test('never allows a new window of ours', () => {
    for (const url of [
      ENTRY,
      'file:///etc/passwd',
      'javascript:alert(1)',
      'data:text/html,x',
      'about:blank',
      'x',
    ]) {
      const decision = decideNewWindow(url);
      expect(decision, url).not.toBe('allow');
      expect(decision, url).toBe('deny');
    }
    expect(decideNewWindow('https://example.com')).toBe('open-externally');
    expect(decideNewWindow('http://example.com')).toBe('open-externally');
  });
});

describe('isTrustedSender', () => {
  test('trusts only a frame showing the entry file', () => {
    expect(isTrustedSender(ENTRY, ENTRY)).toBe(true);
    for (const url of [
      undefined,
      '',
      'https://example.com',
      'file:///etc/passwd',
      'about:blank',
      'data:text/html,x',
    ]) {
      expect(isTrustedSender(url, ENTRY), String(url)).toBe(false);
    }
  });
});

describe('CSP', () => {
  test('only our own files; no inline or eval scripts', () => {
    const csp = parseCsp(CSP);
    expect(csp.get('default-src')).toEqual(["'self'"]);
    const script = csp.get('script-src');
    expect(script).toBeDefined();
    expect(script).toContain("'self'");
    expect(script).not.toContain("'unsafe-inline'");
    expect(script).not.toContain("'unsafe-eval'");
    expect(script?.some((s) => s === '*' || s.endsWith(':') || s.startsWith('http'))).toBe(false);
    expect(csp.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'none'"]);
  });

  test('src-renderer/index.html carries exactly the same policy in its meta tag', () => {
    const file = join(__dirname, '../../src-renderer/index.html');
    expect(existsSync(file), `${file} exists`).toBe(true);
    const html = readFileSync(file, 'utf8');
    const metas = [...html.matchAll(/<meta\b([^>]*)>/gi)].map((m) => attributes(m[1] ?? ''));
    const csp = metas.filter((a) => a.get('http-equiv')?.toLowerCase() === 'content-security-policy');
    expect(csp).toHaveLength(1);
    expect(csp[0]?.get('content')).toBe(CSP);
  });
});

/** Attributes of one HTML tag, names lower-cased, values with the common entities decoded. */
function attributes(source: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const m of source.matchAll(/([^\s=/]+)\s*(?:=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g)) {
    const raw = m[2] ?? m[3] ?? m[4] ?? '';
    const value = raw
      .replaceAll('&quot;', '"')
      .replaceAll('&#39;', "'")
      .replaceAll('&apos;', "'")
      .replaceAll('&lt;', '<')
      .replaceAll('&gt;', '>')
      .replaceAll('&amp;', '&');
    map.set((m[1] ?? '').toLowerCase(), value);
  }
  return map;
}
