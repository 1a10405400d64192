/**
 * The Electron main process's security wiring (Electron's security checklist, docs/tutorial/security.md),
 * apart from main.ts so that tests can run it against fake `electron` objects: the window's options
 * (context isolation, sandbox, no Node integration, no webview, no auxclick), the session (every
 * permission refused, the CSP sent as a header), every web contents (navigation and redirects only to the
 * app page, `window.open` refused, webviews refused), and IPC (every message's sender checked).
 *
 * Only types are imported from electron; main.ts passes the real objects. The window is created with a
 * literal `webPreferences` object inside `new BrowserWindow({…})` so that static checkers
 * (Electronegativity, run by `src-main/reliability/electronegativity.test.ts`) see what is set.
 */
import type { App, BrowserWindow as ElectronBrowserWindow, BrowserWindowConstructorOptions, IpcMain, IpcMainInvokeEvent, Session, WebContents } from 'electron';
import { APP_CSP, isAppUrl, isTrustedSender } from './security.ts';

/** The window's fixed options besides webPreferences. */
export const WINDOW_LOOK = { width: 1280, height: 800, minWidth: 960, minHeight: 640, show: false, title: 'waie — Azure Import/Export drive repair' } as const;

/**
 * Creates the app's only window (not yet loaded). `BrowserWindow` is electron's class (a fake in tests).
 * webPreferences: see the module comment; `preload` is the sandboxed preload bundle.
 */
export function createMainWindow(deps: { BrowserWindow: new (options: BrowserWindowConstructorOptions) => ElectronBrowserWindow }, preloadPath: string): ElectronBrowserWindow {
  const { BrowserWindow } = deps;
  return new BrowserWindow({
    ...WINDOW_LOOK,
    webPreferences: {
      // Reviewed (Electronegativity asks for a manual review of any preload): preload.ts exposes one
      // ipcRenderer.invoke per channel of the IPC contract and onEvent, nothing else; no Node API, and the
      // raw IPC event never reaches the page.
      preload: preloadPath, // eng-disable PRELOAD_JS_CHECK
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      disableBlinkFeatures: 'Auxclick',
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
    },
  });
}

/** What {@link hardenSession} uses of electron's `app` and `session.defaultSession`. */
export interface HardenDeps {
  app: Pick<App, 'on'>;
  session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'webRequest'>;
}

/**
 * Refuses every permission request and check, adds the CSP header to every response, and guards every
 * web contents created from now on: `will-navigate`, `will-frame-navigate` and `will-redirect` to anything
 * but the app page ({@link isAppUrl} of `indexUrl`) are prevented; `window.open` and links with a target are
 * denied; `<webview>` attachment is prevented.
 */
export function hardenSession(deps: HardenDeps, indexUrl: string): void {
  const { session } = deps;
  session.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [APP_CSP] } });
  });
  deps.app.on('web-contents-created', (_event, contents) => guardContents(contents, indexUrl));
}

/** The guards of one web contents (see {@link hardenSession}). */
export function guardContents(contents: Pick<WebContents, 'on' | 'setWindowOpenHandler'>, indexUrl: string): void {
  const refuse = (event: { preventDefault(): void }, url: string): void => {
    if (!isAppUrl(url, indexUrl)) event.preventDefault();
  };
  contents.on('will-navigate', (event, url) => refuse(event, url));
  contents.on('will-frame-navigate', (event) => refuse(event, event.url));
  contents.on('will-redirect', (event, url) => refuse(event, url));
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** The answer to an IPC message from anything but the app window's top frame. */
export const FORBIDDEN_SENDER = { ok: false, error: { code: 'FORBIDDEN_SENDER', title: 'Refused', detail: 'This message did not come from the app window.' } } as const;

/**
 * Registers one `ipcMain.handle` per channel. A message is passed to `handler` only when it comes from the
 * main frame of the app page ({@link isTrustedSender}); anything else (a subframe, another page, a
 * destroyed frame) gets {@link FORBIDDEN_SENDER} and the handler is not called.
 */
export function registerIpcHandlers(ipcMain: Pick<IpcMain, 'handle'>, channels: readonly string[], indexUrl: string, handler: (channel: string, params: unknown) => Promise<unknown>): void {
  for (const channel of channels) {
    ipcMain.handle(channel, async (event: IpcMainInvokeEvent, params: unknown) => {
      const frame = event.senderFrame;
      if (!isTrustedSender(frame ? { url: frame.url, isMainFrame: frame === event.sender.mainFrame } : null, indexUrl)) return FORBIDDEN_SENDER;
      return handler(channel, params);
    });
  }
}
