/**
 * The renderer's only door to the outside: `getApi()` is the Electron preload's `window.api` when it
 * exists, else the browser-host client (fetch + EventSource) with the token from the page's URL.
 */
import type { WindowApi } from '../../src-shared/ipc/contract.ts';
import { createWebApi } from './web-client.ts';

export type { WindowApi } from '../../src-shared/ipc/contract.ts';
export { createWebApi } from './web-client.ts';

declare global {
  interface Window {
    /** Set by the Electron preload (contextBridge). */
    api?: WindowApi;
  }
}

const TOKEN_KEY = 'waie.token';

/**
 * Reads the browser host's token from `?token=…`, removes it from the address bar (history.replaceState)
 * and keeps it in sessionStorage for this tab only, so a reload still works. Returns '' when there is none.
 */
export function takeTokenFromLocation(win: Window = window): string {
  const url = new URL(win.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    url.searchParams.delete('token');
    win.history.replaceState(win.history.state, '', url.pathname + url.search + url.hash);
    try {
      win.sessionStorage.setItem(TOKEN_KEY, fromUrl);
    } catch {
      // storage may be disabled; the token then lasts until the page is reloaded
    }
    return fromUrl;
  }
  try {
    return win.sessionStorage.getItem(TOKEN_KEY) ?? '';
  } catch {
    return '';
  }
}

let cached: WindowApi | undefined;

/** The API of this window: the preload's, else a browser-host client (created once). */
export function getApi(): WindowApi {
  if (window.api) return window.api;
  cached ??= createWebApi({ token: takeTokenFromLocation() });
  return cached;
}

/** Forgets the cached browser-host client (tests). */
export function resetApiCache(): void {
  cached = undefined;
}
