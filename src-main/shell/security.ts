/**
 * The Electron window's security settings as plain data and pure functions, so tests can assert
 * them without Electron (which cannot run on the build machines). main.ts applies them.
 */

/**
 * Content Security Policy of the renderer: only our own files. Inline styles are allowed because
 * AG Grid's Theming API injects <style> elements; without them the grid loses its layout.
 */
export const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/** webPreferences of the one window: isolated, sandboxed, no Node in the page. */
export function secureWebPreferences(preloadPath: string) {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
  } as const;
}

export type NavigationDecision = 'allow' | 'open-externally' | 'deny';

/**
 * The window only ever shows our renderer. Any other navigation is stopped; a web link the user
 * clicked is handed to the system browser instead.
 */
export function decideNavigation(targetUrl: string, appEntryUrl: string): NavigationDecision {
  let target: URL;
  try {
    target = new URL(targetUrl);
  } catch {
    return 'deny';
  }
  const entry = new URL(appEntryUrl);
  if (
    target.protocol === entry.protocol &&
    target.host === entry.host &&
    target.pathname === entry.pathname
  ) {
    return 'allow';
  }
  if (target.protocol === 'https:' || target.protocol === 'http:') return 'open-externally';
  return 'deny';
}

/** window.open and target=_blank never create a window of ours. */
export function decideNewWindow(targetUrl: string): Exclude<NavigationDecision, 'allow'> {
  try {
    const { protocol } = new URL(targetUrl);
    return protocol === 'https:' || protocol === 'http:' ? 'open-externally' : 'deny';
  } catch {
    return 'deny';
  }
}

/** IPC is answered only for the top frame of our own window showing our own page. */
export function isTrustedSender(frameUrl: string | undefined, appEntryUrl: string): boolean {
  return frameUrl !== undefined && decideNavigation(frameUrl, appEntryUrl) === 'allow';
}
