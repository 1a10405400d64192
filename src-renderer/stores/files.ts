/**
 * The per-file list of the Repair step. It can hold 100,000 files or more, so rows live in one array that
 * is changed in place and `version` is bumped once per batch of changes: the list component subscribes
 * transiently (zustand `subscribe`), re-renders only itself at most once per animation frame, and renders
 * only the visible rows (virtualized). Nothing else re-renders when a row changes.
 */
import { create } from 'zustand';

/**
 * - `queued`: named by the copy log as needing repair, not seen yet in this run;
 * - `active`: the engine reported it as the file it works on now;
 * - `retrying`: a download for it is being retried;
 * - `handled`: the engine moved on from it (its outcome is known when the run ends);
 * - `done`: the run finished and nothing failed for it (repaired, or verified good);
 * - `failed`: a component of it could not be repaired (with its status code).
 *
 * The contract has no per-file event, so `active`/`handled` come from progress's `currentFile` (a sample of
 * what the engine works on) and `retrying`/`failed` from the engine's log lines; `done`/`failed` are exact
 * once the result arrives.
 */
export type FileStatus = 'queued' | 'active' | 'retrying' | 'handled' | 'done' | 'failed';

export interface FileRow {
  path: string;
  status: FileStatus;
  /** Import/Export status code of a failure. */
  statusCode?: string;
  /** One line from the engine (never a secret: the host redacts). */
  detail?: string;
}

export interface FilesState {
  /** Bumped on every batch of changes. */
  version: number;
  /** Rows in first-seen order; changed in place (read with {@link fileAt}). */
  rows: FileRow[];
  /** Path → index in `rows`. */
  index: Map<string, number>;
  failed: number;
}

const fresh = (): FilesState => ({ version: 0, rows: [], index: new Map(), failed: 0 });

export const useFilesStore = create<FilesState>()(() => fresh());

function upsert(s: FilesState, path: string, patch: Partial<FileRow>): void {
  const i = s.index.get(path);
  if (i === undefined) {
    s.index.set(path, s.rows.length);
    s.rows.push({ path, status: 'queued', ...patch });
    if (patch.status === 'failed') s.failed++;
    return;
  }
  const row = s.rows[i]!;
  if (row.status !== 'failed' && patch.status === 'failed') s.failed++;
  if (row.status === 'failed' && patch.status && patch.status !== 'failed') s.failed--;
  Object.assign(row, patch);
}

function commit(): void {
  useFilesStore.setState((s) => ({ version: s.version + 1, failed: s.failed }));
}

/** The row at `i`, or undefined. */
export function fileAt(i: number): FileRow | undefined {
  return useFilesStore.getState().rows[i];
}

let activePath: string | undefined;

export const files = {
  reset(): void {
    activePath = undefined;
    useFilesStore.setState(fresh(), true);
  },
  /** Adds files the copy log names (status `queued`), keeping rows already there. */
  seed(paths: Iterable<string>): void {
    const s = useFilesStore.getState();
    for (const p of paths) if (!s.index.has(p)) upsert(s, p, { status: 'queued' });
    commit();
  },
  /** The engine works on `path` now; the previous active file becomes `handled`. */
  active(path: string): void {
    if (path === activePath) return;
    const s = useFilesStore.getState();
    if (activePath !== undefined) {
      const i = s.index.get(activePath);
      const row = i === undefined ? undefined : s.rows[i];
      if (row && (row.status === 'active' || row.status === 'retrying')) row.status = 'handled';
    }
    activePath = path;
    const i = s.index.get(path);
    const row = i === undefined ? undefined : s.rows[i];
    if (!row || row.status !== 'failed') upsert(s, path, { status: 'active' });
    commit();
  },
  /** Changes one row (e.g. from a log line). */
  update(path: string, patch: Partial<FileRow>): void {
    upsert(useFilesStore.getState(), path, patch);
    commit();
  },
  /** A finished run: its failures become `failed` with their code, every other file `done`. */
  finish(failures: ReadonlyArray<{ filePath: string; statusCode: string; detail: string }>): void {
    const s = useFilesStore.getState();
    const failed = new Set<string>();
    for (const f of failures) {
      failed.add(f.filePath);
      upsert(s, f.filePath, { status: 'failed', statusCode: f.statusCode, detail: f.detail });
    }
    for (const row of s.rows) {
      if (failed.has(row.path)) continue;
      if (row.status === 'failed') s.failed--;
      row.status = 'done';
      row.statusCode = undefined;
    }
    activePath = undefined;
    commit();
  },
  /** A run that stopped (failed or cancelled): the active file is no longer worked on. */
  stop(): void {
    const s = useFilesStore.getState();
    for (const row of s.rows) if (row.status === 'active' || row.status === 'retrying') row.status = 'handled';
    activePath = undefined;
    commit();
  },
};
