/**
 * The composition root of the app's services, shared by the Electron main process and the browser
 * host: one engine host, the settings store, the sample jobs, and the API handlers over them.
 */
import { join } from 'node:path';
import type { ApiHandlers } from '../../src-shared/ipc/contract.ts';
import type { EngineEvent } from '../../src-shared/engine-protocol.ts';
import { EngineHost, type EngineHostOptions } from '../host/engine-host.ts';
import { createApiHandlers, packageVersion, type ApiDeps } from './api.ts';
import { isElevated } from './elevation.ts';
import { SampleJobs } from './sample.ts';
import { SettingsStore } from './settings.ts';
import { createDriveAdapter } from './drives.ts';

export interface AppServices {
  handlers: ApiHandlers;
  engine: EngineHost;
  subscribe(listener: (e: EngineEvent) => void): () => void;
  /** Cancels a running job and stops the sample's Azurite. */
  close(): Promise<void>;
}

export interface ComposeOptions extends Partial<Pick<ApiDeps, 'dialogs' | 'openPath' | 'secrets' | 'drives'>> {
  hostKind: ApiDeps['hostKind'];
  /** Folder for settings and sample jobs. */
  dataDir: string;
  engine?: EngineHostOptions;
}

export async function composeAppServices(o: ComposeOptions): Promise<AppServices> {
  const engine = new EngineHost(o.engine);
  const samples = new SampleJobs(join(o.dataDir, 'samples'));
  const handlers = createApiHandlers({
    hostKind: o.hostKind,
    version: await packageVersion(),
    engine,
    settings: new SettingsStore(join(o.dataDir, 'settings.json')),
    samples,
    elevated: isElevated,
    drives: o.drives ?? createDriveAdapter(),
    dialogs: o.dialogs,
    openPath: o.openPath,
    secrets: o.secrets,
  });
  return {
    handlers,
    engine,
    subscribe: (fn) => engine.subscribe(fn),
    async close() {
      engine.cancel(2000);
      await samples.close();
    },
  };
}
