/**
 * The preload: exposes `window.api` through contextBridge, one function per channel of the IPC
 * contract plus `onEvent`, whose return value unsubscribes. The raw IPC event never reaches the page.
 * It imports nothing but electron and the contract's channel list (bundled in), so the renderer stays
 * sandboxed.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { CHANNELS, EVENT_CHANNEL } from '../../src-shared/ipc/contract.ts';
import type { EngineEvent } from '../../src-shared/engine-protocol.ts';

const api: Record<string, unknown> = {};
for (const channel of CHANNELS) {
  api[channel] = (params?: unknown) => ipcRenderer.invoke(channel, params);
}
api.onEvent = (listener: (e: EngineEvent) => void): (() => void) => {
  const wrapped = (_event: IpcRendererEvent, e: EngineEvent): void => listener(e);
  ipcRenderer.on(EVENT_CHANNEL, wrapped);
  return () => {
    ipcRenderer.removeListener(EVENT_CHANNEL, wrapped);
  };
};

contextBridge.exposeInMainWorld('api', api);
