/**
 * Server-side folder browser for the browser host (where the page cannot open native dialogs):
 * lists one directory, folders first, optionally only files with given extensions.
 */
import { readdir, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { DirectoryListing } from '../../src-shared/ipc/contract.ts';
import { WaieError } from '../../src-shared/errors.ts';

/** Roots to start from: drive letters that exist on Windows; `/` and the home folder elsewhere. */
export async function listRoots(): Promise<string[]> {
  if (process.platform !== 'win32') return ['/', homedir()];
  const letters = 'CDEFGHIJKLMNOPQRSTUVWXYZ'.split('');
  const found = await Promise.all(letters.map(async (l) => ((await stat(`${l}:\\`).then(() => true, () => false)) ? `${l}:\\` : undefined)));
  return found.filter((x): x is string => Boolean(x));
}

/** Lists `path` (default the home folder). Throws WaieError `BAD_INPUT` when it cannot be read. */
export async function listDirectory(path?: string, extensions?: string[]): Promise<DirectoryListing> {
  const dir = resolve(path || homedir());
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (err) {
    throw new WaieError({ code: 'BAD_INPUT', title: 'The folder cannot be opened', detail: `${dir}: ${(err as NodeJS.ErrnoException).code ?? 'error'}.`, file: dir });
  }
  const exts = extensions?.map((e) => e.toLowerCase().replace(/^\.?/, '.'));
  const out: DirectoryListing['entries'] = [];
  for (const e of entries) {
    const full = join(dir, e.name);
    if (e.isDirectory()) out.push({ name: e.name, path: full, kind: 'directory' });
    else if (e.isFile() && (!exts || exts.some((x) => e.name.toLowerCase().endsWith(x)))) {
      const size = await stat(full).then((s) => s.size, () => undefined);
      out.push({ name: e.name, path: full, kind: 'file', sizeBytes: size });
    }
  }
  out.sort((a, b) => (a.kind === b.kind ? a.name.localeCompare(b.name) : a.kind === 'directory' ? -1 : 1));
  const parent = dirname(dir);
  return { path: dir, parent: parent !== dir ? parent : undefined, entries: out, roots: await listRoots() };
}
