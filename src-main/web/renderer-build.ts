/**
 * The built wizard for the browser host: `dist/renderer` in a source checkout, built with Vite on
 * first use when missing (`npm run build:renderer` builds it ahead of time).
 */
import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project's root folder (where package.json is). */
export const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Folder of the built renderer. */
export const RENDERER_DIR = join(PROJECT_ROOT, 'dist', 'renderer');

/** Builds the renderer when `dist/renderer/index.html` is missing (or `force`). `log` tells the user. */
export async function ensureRendererBuilt(log: (line: string) => void, force = false): Promise<string> {
  const index = join(RENDERER_DIR, 'index.html');
  const exists = await access(index).then(() => true, () => false);
  if (exists && !force) return RENDERER_DIR;
  log('Building the wizard (first run only)…');
  const vite = await import('vite');
  await vite.build({ configFile: join(PROJECT_ROOT, 'vite.config.ts'), logLevel: 'warn' });
  return RENDERER_DIR;
}
