/**
 * Electron hardening as a test (issue "Reliability and security", point 6): the rules of security.ts,
 * and the wiring of wiring.ts (what main.ts runs) against fake electron objects: the window's
 * webPreferences, the CSP on every response, every permission refused, navigation / redirects /
 * window.open / webviews refused, and IPC from anything but the app's top frame rejected.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { readFile } from 'node:fs/promises';
import type { BrowserWindow, BrowserWindowConstructorOptions, IpcMainInvokeEvent } from 'electron';
import { APP_CSP, isAppUrl, isTrustedSender } from './security.ts';
import { FORBIDDEN_SENDER, createMainWindow, hardenSession, registerIpcHandlers, type HardenDeps } from './wiring.ts';

const index = 'file:///opt/waie/resources/app.asar/dist/renderer/index.html';

/** Parses a CSP into directive → sources. */
function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...sources]) => [name!, sources]),
  );
}

test('the window: context isolation, sandbox, no Node, no webview, no insecure content, the preload given', () => {
  let seen: BrowserWindowConstructorOptions | undefined;
  class FakeWindow {
    constructor(options: BrowserWindowConstructorOptions) {
      seen = options;
    }
  }
  createMainWindow({ BrowserWindow: FakeWindow as unknown as new (o: BrowserWindowConstructorOptions) => BrowserWindow }, '/x/preload.cjs');
  const p = seen?.webPreferences;
  assert.ok(p, 'webPreferences are set');
  assert.equal(p.contextIsolation, true);
  assert.equal(p.sandbox, true);
  assert.equal(p.nodeIntegration, false);
  assert.equal(p.nodeIntegrationInWorker, false);
  assert.equal(p.nodeIntegrationInSubFrames, false);
  assert.equal(p.webSecurity, true);
  assert.equal(p.allowRunningInsecureContent, false);
  assert.equal(p.experimentalFeatures, false);
  assert.equal(p.webviewTag, false);
  assert.equal(p.navigateOnDragDrop, false);
  assert.equal(p.disableBlinkFeatures, 'Auxclick');
  assert.equal(p.enableBlinkFeatures, undefined);
  assert.equal(p.preload, '/x/preload.cjs');
  assert.equal(seen?.show, false, 'shown only when ready');
});

test('CSP allows only the app itself: no inline or remote script, no eval, no framing, no plugins; the page carries the same', async () => {
  const d = directives(APP_CSP);
  assert.deepEqual(d.get('default-src'), ["'self'"]);
  assert.deepEqual(d.get('script-src'), ["'self'"]);
  assert.deepEqual(d.get('object-src'), ["'none'"]);
  assert.deepEqual(d.get('base-uri'), ["'none'"]);
  assert.deepEqual(d.get('frame-ancestors'), ["'none'"]);
  assert.deepEqual(d.get('form-action'), ["'none'"]);
  for (const [name, sources] of d) {
    for (const s of sources) assert.doesNotMatch(s, /unsafe-eval|^\*|^https?:|^wss?:|^blob:/, `${name} ${s}`);
    if (sources.includes('data:')) assert.ok(['img-src', 'font-src'].includes(name), `data: only for images and fonts, not ${name}`);
  }
  const html = await readFile(new URL('../../src-renderer/index.html', import.meta.url), 'utf8');
  const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
  assert.ok(meta, 'the renderer page has a CSP meta tag');
  const m = directives(meta);
  for (const [name, sources] of m) assert.deepEqual(sources, d.get(name), `the page's ${name} equals the header's`);
});

test('navigation only to the app page; IPC only from its top frame (the rules)', () => {
  assert.equal(isAppUrl(`${index}?step=plan#x`, index), true);
  for (const bad of ['https://evil.example/', 'file:///etc/passwd', 'javascript:alert(1)', 'data:text/html,hi', 'file://evil-host/opt/waie/resources/app.asar/dist/renderer/index.html', 'not a url']) {
    assert.equal(isAppUrl(bad, index), false, bad);
  }
  assert.equal(isTrustedSender({ url: index, isMainFrame: true }, index), true);
  assert.equal(isTrustedSender({ url: index, isMainFrame: false }, index), false);
  assert.equal(isTrustedSender({ url: 'https://evil.example/', isMainFrame: true }, index), false);
  assert.equal(isTrustedSender(null, index), false);
});

/** Fake session and app for {@link hardenSession}. */
function fakeElectron() {
  const app = new EventEmitter();
  let permission: ((wc: unknown, permission: string, callback: (granted: boolean) => void, details: unknown) => void) | undefined;
  let check: ((...a: unknown[]) => boolean) | undefined;
  let headers: ((details: { responseHeaders?: Record<string, string[]> }, callback: (r: { responseHeaders?: Record<string, string[]> }) => void) => void) | undefined;
  const session = {
    setPermissionRequestHandler: (h: typeof permission) => (permission = h),
    setPermissionCheckHandler: (h: typeof check) => (check = h),
    webRequest: { onHeadersReceived: (h: typeof headers) => (headers = h) },
  };
  hardenSession({ app, session } as unknown as HardenDeps, index);
  /** A web contents created after hardening, with the handlers the wiring put on it. */
  const contents = (): EventEmitter & { openHandler?: (d: { url: string }) => { action: string } } => {
    const c = Object.assign(new EventEmitter(), { openHandler: undefined as undefined | ((d: { url: string }) => { action: string }) });
    (c as unknown as { setWindowOpenHandler: (h: (d: { url: string }) => { action: string }) => void }).setWindowOpenHandler = (h) => (c.openHandler = h);
    app.emit('web-contents-created', {}, c);
    return c;
  };
  return { permission: () => permission, check: () => check, headers: () => headers, contents };
}

/** Emits `name` on `c` with an event object; returns true when a listener prevented it. */
function prevented(c: EventEmitter, name: string, url: string): boolean {
  let p = false;
  const event = { url, preventDefault: () => (p = true) };
  if (name === 'will-frame-navigate') c.emit(name, event);
  else c.emit(name, event, url);
  return p;
}

test('session: every permission refused, the CSP header on every response', () => {
  const f = fakeElectron();
  for (const perm of ['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read', 'fullscreen']) {
    let granted: boolean | undefined;
    f.permission()?.({}, perm, (g) => (granted = g), {});
    assert.equal(granted, false, perm);
  }
  assert.equal(f.check()?.({}, 'media', index, {}), false);
  let out: Record<string, string[]> | undefined;
  f.headers()?.({ responseHeaders: { 'Content-Type': ['text/html'] } }, (r) => (out = r.responseHeaders));
  assert.deepEqual(out?.['Content-Security-Policy'], [APP_CSP]);
  assert.deepEqual(out?.['Content-Type'], ['text/html']);
});

test('every web contents: navigation, frame navigation and redirects leave the app page never; window.open and webviews refused', () => {
  const c = fakeElectron().contents();
  for (const ev of ['will-navigate', 'will-frame-navigate', 'will-redirect']) {
    for (const bad of ['https://evil.example/', 'file:///etc/passwd', 'javascript:alert(1)', 'data:text/html,<script>x</script>', 'file://evil-host/opt/waie/resources/app.asar/dist/renderer/index.html']) {
      assert.equal(prevented(c, ev, bad), true, `${ev} to ${bad} is refused`);
    }
    assert.equal(prevented(c, ev, `${index}#/plan`), false, `${ev} within the app page is allowed`);
  }
  assert.deepEqual(c.openHandler?.({ url: 'https://evil.example/' }), { action: 'deny' });
  assert.deepEqual(c.openHandler?.({ url: index }), { action: 'deny' }, 'not even the app page opens a second window');
  let webview = false;
  c.emit('will-attach-webview', { preventDefault: () => (webview = true) }, {}, {});
  assert.equal(webview, true, 'a <webview> is refused');
});

test('IPC from a subframe, another page or a vanished frame is rejected and never reaches a handler', async () => {
  const handlers = new Map<string, (e: IpcMainInvokeEvent, p: unknown) => Promise<unknown>>();
  const calls: Array<[string, unknown]> = [];
  registerIpcHandlers({ handle: (ch: string, fn: (e: IpcMainInvokeEvent, p: unknown) => Promise<unknown>) => handlers.set(ch, fn) } as never, ['app.info', 'repair.start'], index, async (channel, params) => {
    calls.push([channel, params]);
    return { ok: true, value: 'handled' };
  });
  assert.deepEqual([...handlers.keys()], ['app.info', 'repair.start']);
  const mainFrame = { url: index };
  const event = (senderFrame: { url: string } | null, top = mainFrame): IpcMainInvokeEvent => ({ senderFrame, sender: { mainFrame: top } }) as unknown as IpcMainInvokeEvent;
  const start = handlers.get('repair.start')!;
  assert.deepEqual(await start(event({ url: index }), { x: 1 }), FORBIDDEN_SENDER, 'a subframe showing the app page');
  assert.deepEqual(await start(event(null), { x: 2 }), FORBIDDEN_SENDER, 'a frame that is gone');
  const evil = { url: 'https://evil.example/' };
  assert.deepEqual(await start(event(evil, evil), { x: 3 }), FORBIDDEN_SENDER, 'the top frame navigated elsewhere');
  const other = { url: 'file:///tmp/other.html' };
  assert.deepEqual(await start(event(other, other), { x: 4 }), FORBIDDEN_SENDER, 'another local page');
  assert.deepEqual(calls, [], 'no handler ran');
  assert.deepEqual(await start(event(mainFrame), { x: 5 }), { ok: true, value: 'handled' });
  assert.deepEqual(calls, [['repair.start', { x: 5 }]]);
});
