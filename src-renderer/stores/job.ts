/**
 * The repair job as the engine reports it. Fed from outside React: the API's event subscription calls
 * {@link handleEngineEvent}, which `setState`s this store (and the per-file list). Components select the
 * coarse fields (status, paused); the progress bar, the chart and the current file subscribe transiently
 * to `progress`/`history` and write to the DOM themselves, so 10 progress events a second re-render
 * nothing.
 */
import { create } from 'zustand';
import type { EngineEvent, EngineJobKind, RepairProgress, RepairResult } from '../../src-shared/engine-protocol.ts';
import type { JobState as HostJobState } from '../../src-shared/ipc/contract.ts';
import type { ErrorInfo } from '../../src-shared/errors.ts';
import { files } from './files.ts';
import { parseLogLine } from './log-lines.ts';

export type JobStatus = 'idle' | 'starting' | 'running' | 'done' | 'failed' | 'cancelled';

/** Rate samples for the throughput chart (seconds since start; bytes per second). */
export interface RateHistory {
  t: number[];
  download: number[];
  verify: number[];
  /** RepairImport: upload rate. */
  upload: number[];
}

export interface LogLine {
  level: 'info' | 'warn' | 'error';
  message: string;
}

export interface JobState {
  status: JobStatus;
  /**
   * Which engine job this is: `RepairExport` downloads (and verifies), `RepairImport` uploads. Set when
   * the wizard starts it, from the host's state, from a result (an import result has a path map), or
   * from progress that has bytes to upload; undefined until known.
   */
  kind?: EngineJobKind;
  paused: boolean;
  progress?: RepairProgress;
  /** Smoothed rates, bytes per second. */
  downloadRate: number;
  verifyRate: number;
  /** RepairImport: smoothed upload rate, bytes per second. */
  uploadRate: number;
  /** The last {@link HISTORY_POINTS} rate samples; a new object on every sample. */
  history: RateHistory;
  result?: RepairResult;
  error?: ErrorInfo;
  /** The last {@link LOG_LINES} warnings and errors. */
  log: LogLine[];
}

export const HISTORY_POINTS = 600;
export const LOG_LINES = 200;

const emptyHistory = (): RateHistory => ({ t: [], download: [], verify: [], upload: [] });

const initial = (): JobState => ({ status: 'idle', paused: false, downloadRate: 0, verifyRate: 0, uploadRate: 0, history: emptyHistory(), log: [] });

export const useJobStore = create<JobState>()(() => initial());

/** Smoothing time constant of the rates, ms. */
const SMOOTHING_MS = 3000;

function nextRates(prev: RepairProgress | undefined, p: RepairProgress, s: JobState): Pick<JobState, 'downloadRate' | 'verifyRate' | 'uploadRate' | 'history'> {
  if (prev && p.elapsedMs === prev.elapsedMs) return { downloadRate: s.downloadRate, verifyRate: s.verifyRate, uploadRate: s.uploadRate, history: s.history };
  // The first sample, or a new run (its clock starts again): start over.
  if (!prev || p.elapsedMs < prev.elapsedMs) return { downloadRate: 0, verifyRate: 0, uploadRate: 0, history: emptyHistory() };
  const dt = p.elapsedMs - prev.elapsedMs;
  const alpha = 1 - Math.exp(-dt / SMOOTHING_MS);
  const rate = (now: number, before: number): number => (Math.max(0, now - before) * 1000) / dt;
  const smooth = (current: number, sample: number): number => (p.paused ? 0 : current + alpha * (sample - current));
  const downloadRate = smooth(s.downloadRate, rate(p.bytesDownloaded, prev.bytesDownloaded));
  const verifyRate = smooth(s.verifyRate, rate(p.bytesVerified, prev.bytesVerified));
  const uploadRate = smooth(s.uploadRate, rate(p.bytesUploaded ?? 0, prev.bytesUploaded ?? 0));
  const cut = s.history.t.length >= HISTORY_POINTS ? 1 : 0;
  return {
    downloadRate,
    verifyRate,
    uploadRate,
    history: {
      t: [...s.history.t.slice(cut), p.elapsedMs / 1000],
      download: [...s.history.download.slice(cut), downloadRate],
      verify: [...s.history.verify.slice(cut), verifyRate],
      upload: [...s.history.upload.slice(cut), uploadRate],
    },
  };
}

/** The job kind a result belongs to: an import result carries its path map or upload counter. */
export function kindOfResult(r: RepairResult): EngineJobKind {
  return r.pathMap !== undefined || r.bytesUploaded !== undefined ? 'RepairImport' : 'RepairExport';
}

/** True when the job is a RepairImport: by its kind, else by progress that has bytes to upload. */
export function isImportJob(kind: EngineJobKind | undefined, p: RepairProgress | undefined): boolean {
  return kind === 'RepairImport' || (kind === undefined && (p?.bytesToUpload ?? 0) > 0);
}

/** Applies one engine event (from `api.onEvent`). */
export function handleEngineEvent(e: EngineEvent): void {
  switch (e.type) {
    case 'progress': {
      const s = useJobStore.getState();
      const rates = nextRates(s.progress, e.progress, s);
      useJobStore.setState({
        status: 'running',
        progress: e.progress,
        paused: e.progress.paused ?? s.paused,
        ...rates,
        ...(s.kind === undefined && (e.progress.bytesToUpload ?? 0) > 0 ? { kind: 'RepairImport' as const } : {}),
        ...(s.status !== 'running' && s.status !== 'starting' ? { result: undefined, error: undefined } : {}),
      });
      if (e.progress.currentFile) files.active(e.progress.currentFile);
      return;
    }
    case 'paused':
      useJobStore.setState({ paused: e.paused });
      return;
    case 'log': {
      const log = useJobStore.getState().log;
      useJobStore.setState({ log: [...log.slice(log.length >= LOG_LINES ? 1 : 0), { level: e.level, message: e.message }] });
      const update = parseLogLine(e.level, e.message);
      if (update) files.update(update.path, update.patch);
      return;
    }
    case 'done':
      files.finish(e.result.failures);
      useJobStore.setState({ status: 'done', result: e.result, paused: false, error: undefined, kind: kindOfResult(e.result) });
      return;
    case 'failed':
      files.stop();
      useJobStore.setState({ status: 'failed', error: e.error, paused: false });
      return;
    case 'cancelled':
      files.stop();
      useJobStore.setState({ status: 'cancelled', paused: false });
      return;
  }
}

/** Applies the host's current state (`repair.state`, asked by a window that (re)loads). */
export function applyHostState(state: HostJobState): void {
  switch (state.status) {
    case 'idle':
      // Nothing runs on the host. A repair this window just started may not be registered yet: keep ours.
      return;
    case 'running':
      useJobStore.setState({ status: 'running', paused: state.paused, ...(state.job === 'RepairImport' || state.job === 'RepairExport' ? { kind: state.job } : {}) });
      if (state.progress) handleEngineEvent({ type: 'progress', progress: { ...state.progress, paused: state.paused } });
      return;
    case 'done':
      handleEngineEvent({ type: 'done', result: state.result });
      return;
    case 'failed':
      handleEngineEvent({ type: 'failed', error: state.error });
      return;
    case 'cancelled':
      handleEngineEvent({ type: 'cancelled' });
      return;
  }
}

export const job = {
  reset(): void {
    useJobStore.setState(initial(), true);
  },
  /** A repair of `kind` is being started: forget the previous run. */
  starting(kind: EngineJobKind = 'RepairExport'): void {
    useJobStore.setState({ ...initial(), status: 'starting', kind }, true);
  },
  /** repair.start was refused. */
  startFailed(error: ErrorInfo): void {
    useJobStore.setState({ status: 'idle', error });
  },
};

/**
 * Overall fraction 0…1 of the run, or undefined while unknown: downloads and verification together
 * (RepairExport), uploads (RepairImport, when `isImport`); by components when no byte total is known.
 */
export function overallFraction(p: RepairProgress | undefined, isImport = false): number | undefined {
  if (!p) return undefined;
  const total = isImport ? p.bytesToUpload : p.bytesToDownload + p.bytesToVerify;
  const done = isImport ? p.bytesUploaded : p.bytesDownloaded + p.bytesVerified;
  if (total <= 0) return p.componentsTotal > 0 ? Math.min(1, p.componentsDone / p.componentsTotal) : undefined;
  return Math.min(1, done / total);
}

/**
 * Estimated ms left at the current rates, or undefined: `rate` is the download + verify rate of an
 * export, the upload rate of an import (`isImport`).
 */
export function etaMs(p: RepairProgress | undefined, downloadRate: number, verifyRate: number, isImport = false, uploadRate = 0): number | undefined {
  if (!p || p.paused || p.phase === 'preparing') return undefined;
  const rate = isImport ? uploadRate : downloadRate + verifyRate;
  const left = isImport ? Math.max(0, p.bytesToUpload - p.bytesUploaded) : Math.max(0, p.bytesToDownload - p.bytesDownloaded) + Math.max(0, p.bytesToVerify - p.bytesVerified);
  if (rate <= 1 || left <= 0) return undefined;
  return (left / rate) * 1000;
}
