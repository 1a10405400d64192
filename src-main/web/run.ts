/** Runs the browser host until Ctrl+C (for `waie ui`). */
import { composeAppServices } from '../services/compose.ts';
import { defaultDataDir } from '../services/api.ts';
import { ensureRendererBuilt } from './renderer-build.ts';
import { startBrowserHost } from './server.ts';

export interface RunBrowserHostOptions {
  port: number;
  rebuild?: boolean;
  dataDir?: string;
  out(line: string): void;
}

/** Starts services and the host, prints the address, waits for SIGINT/SIGTERM; returns exit code 0. */
export async function runBrowserHost(o: RunBrowserHostOptions): Promise<number> {
  const rendererDir = await ensureRendererBuilt(o.out, o.rebuild);
  const services = await composeAppServices({ hostKind: 'browser', dataDir: o.dataDir ?? defaultDataDir() });
  const host = await startBrowserHost({ port: o.port, rendererDir, handlers: services.handlers, subscribe: services.subscribe });
  o.out(`The wizard is at:\n\n  ${host.url}\n\nOpen it in a browser on this machine (or through an SSH tunnel). Press Ctrl+C to stop.`);
  await new Promise<void>((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  o.out('Stopping…');
  await host.close();
  await services.close();
  return 0;
}
