import { test } from 'node:test';
import assert from 'node:assert/strict';
import { APP_CSP, isAppUrl, isTrustedSender, secureWebPreferences } from './security.ts';

const index = 'file:///opt/waie/resources/app.asar/dist/renderer/index.html';

test('window webPreferences follow the security checklist', () => {
  const p = secureWebPreferences('/x/preload.cjs');
  assert.equal(p.contextIsolation, true);
  assert.equal(p.sandbox, true);
  assert.equal(p.nodeIntegration, false);
  assert.equal(p.nodeIntegrationInWorker, false);
  assert.equal(p.nodeIntegrationInSubFrames, false);
  assert.equal(p.webSecurity, true);
  assert.equal(p.allowRunningInsecureContent, false);
  assert.equal(p.webviewTag, false);
  assert.equal(p.preload, '/x/preload.cjs');
});

test('CSP allows only the app itself: no inline or remote script, no eval, no framing', () => {
  assert.match(APP_CSP, /default-src 'self'/);
  assert.match(APP_CSP, /script-src 'self'(;|$)/);
  assert.doesNotMatch(APP_CSP, /unsafe-eval|script-src[^;]*unsafe-inline|https?:|\*/);
  assert.match(APP_CSP, /frame-ancestors 'none'/);
  assert.match(APP_CSP, /object-src 'none'/);
});

test('navigation only to the app page; IPC only from its top frame', () => {
  assert.equal(isAppUrl(`${index}?step=plan#x`, index), true);
  for (const bad of ['https://evil.example/', 'file:///etc/passwd', 'javascript:alert(1)', 'data:text/html,hi', 'file://evil-host/opt/waie/resources/app.asar/dist/renderer/index.html', 'not a url']) {
    assert.equal(isAppUrl(bad, index), false, bad);
  }
  assert.equal(isTrustedSender({ url: index, isMainFrame: true }, index), true);
  assert.equal(isTrustedSender({ url: index, isMainFrame: false }, index), false);
  assert.equal(isTrustedSender({ url: 'https://evil.example/', isMainFrame: true }, index), false);
  assert.equal(isTrustedSender(null, index), false);
});
