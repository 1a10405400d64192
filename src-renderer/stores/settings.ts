/** What the app is (app.info) and the user's settings (settings.get/set). */
import { create } from 'zustand';
import type { AppInfo, Settings } from '../../src-shared/ipc/contract.ts';
import type { ErrorInfo } from '../../src-shared/errors.ts';

export interface SettingsState {
  appInfo?: AppInfo;
  settings: Settings;
  /** Set when app.info could not be read (the wizard then shows why). */
  loadError?: ErrorInfo;
}

const initial: SettingsState = { settings: {} };

export const useSettingsStore = create<SettingsState>()(() => ({ ...initial }));

export const settingsStore = {
  reset(): void {
    useSettingsStore.setState({ ...initial }, true);
  },
};
