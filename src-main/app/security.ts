/**
 * Electron's security checklist (docs/tutorial/security.md) as pure, testable rules: the
 * Content-Security-Policy, which URLs the window may show, and which IPC senders are trusted (the window's
 * webPreferences and the wiring of these rules are in wiring.ts). No runtime import of electron here, so
 * tests run under plain Node.
 */

/** The page's Content-Security-Policy (also sent as a response header by the session). */
export const APP_CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; connect-src 'self'; img-src 'self' data:; font-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

/**
 * True when `url` is the app's own page: a `file:` URL of `indexUrl` (same path; query and hash
 * allowed). Everything else (http, other files, javascript:, data:) is refused for navigation.
 */
export function isAppUrl(url: string, indexUrl: string): boolean {
  try {
    const u = new URL(url);
    const app = new URL(indexUrl);
    return u.protocol === 'file:' && app.protocol === 'file:' && u.pathname === app.pathname && u.host === app.host;
  } catch {
    return false;
  }
}

/** The sender of an IPC message as Electron describes it (a WebFrameMain's url and whether it is the top frame). */
export interface SenderFrame {
  url: string;
  /** True for the main frame of the app's window. */
  isMainFrame: boolean;
}

/** True when an IPC message comes from the app's own top frame (checklist item 17: validate every sender). */
export function isTrustedSender(frame: SenderFrame | null | undefined, indexUrl: string): boolean {
  return Boolean(frame && frame.isMainFrame && isAppUrl(frame.url, indexUrl));
}
