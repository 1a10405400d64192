/** The window's API for components (from {@link getApi} in main.tsx, or a fake IPC bridge in tests). */
import { createContext, useContext } from 'react';
import type { WindowApi } from '../../src-shared/ipc/contract.ts';

export const ApiContext = createContext<WindowApi | null>(null);

export function useApi(): WindowApi {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi outside <App>');
  return api;
}
