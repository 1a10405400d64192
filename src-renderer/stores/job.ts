/**
 * The repair job as the engine reports it. Fed from outside React: the API's event subscription calls
 * {@link handleEngineEvent}, which `setState`s this store (and the per-file list). Components select the
 * coarse fields (status, paused); the progress bar, the chart and the current file subscribe transiently
 * to `progress`/`history` and write to the DOM themselves, so 10 progress events a second re-render
 * nothing.
 */
import { create } from 'zustand';
import type { EngineEvent, RepairProgress, RepairResult } from '../../src-shared/engine-protocol.ts';
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
}

export interface LogLine {
  level: 'info' | 'warn' | 'error';
  message: string;
}

export interface JobState {
  status: JobStatus;
  paused: boolean;
  progress?: RepairProgress;
  /** Smoothed rates, bytes per second. */
  downloadRate: number;
  verifyRate: number;
  /** The last {@link HISTORY_POINTS} rate samples; a new object on every sample. */
  history: RateHistory;
  result?: RepairResult;
  error?: ErrorInfo;
  /** The last {@link LOG_LINES} warnings and errors. */
  log: LogLine[];
}

export const HISTORY_POINTS = 600;
export const LOG_LINES = 200;

const emptyHistory = (): RateHistory => ({ t: [], download: [], verify: [] });

const initial = (): JobState => ({ status: 'idle', paused: false, downloadRate: 0, verifyRate: 0, history: emptyHistory(), log: [] });

export const useJobStore = create<JobState>()(() => initial());

/** Smoothing time constant of the rates, ms. */
const SMOOTHING_MS = 3000;

function nextRates(prev: RepairProgress | undefined, p: RepairProgress, s: JobState): Pick<JobState, 'downloadRate' | 'verifyRate' | 'history'> {
  if (prev && p.elapsedMs === prev.elapsedMs) return { downloadRate: s.downloadRate, verifyRate: s.verifyRate, history: s.history };
  // The first sample, or a new run (its clock starts again): start over.
  if (!prev || p.elapsedMs < prev.elapsedMs) return { downloadRate: 0, verifyRate: 0, history: emptyHistory() };
  const dt = p.elapsedMs - prev.elapsedMs;
  const alpha = 1 - Math.exp(-dt / SMOOTHING_MS);
  const down = (Math.max(0, p.bytesDownloaded - prev.bytesDownloaded) * 1000) / dt;
  const ver = (Math.max(0, p.bytesVerified - prev.bytesVerified) * 1000) / dt;
  const downloadRate = p.paused ? 0 : s.downloadRate + alpha * (down - s.downloadRate);
  const verifyRate = p.paused ? 0 : s.verifyRate + alpha * (ver - s.verifyRate);
  const cut = s.history.t.length >= HISTORY_POINTS ? 1 : 0;
  return {
    downloadRate,
    verifyRate,
    history: {
      t: [...s.history.t.slice(cut), p.elapsedMs / 1000],
      download: [...s.history.download.slice(cut), downloadRate],
      verify: [...s.history.verify.slice(cut), verifyRate],
    },
  };
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
      useJobStore.setState({ status: 'done', result: e.result, paused: false, error: undefined });
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
      useJobStore.setState({ status: 'running', paused: state.paused });
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
  /** A repair is being started: forget the previous run. */
  starting(): void {
    useJobStore.setState({ ...initial(), status: 'starting' }, true);
  },
  /** repair.start was refused. */
  startFailed(error: ErrorInfo): void {
    useJobStore.setState({ status: 'idle', error });
  },
};

/** Overall fraction 0…1 of the run (downloads and verification together), or undefined while unknown. */
export function overallFraction(p: RepairProgress | undefined): number | undefined {
  if (!p) return undefined;
  const total = p.bytesToDownload + p.bytesToVerify;
  if (total <= 0) return p.componentsTotal > 0 ? Math.min(1, p.componentsDone / p.componentsTotal) : undefined;
  return Math.min(1, (p.bytesDownloaded + p.bytesVerified) / total);
}

/** Estimated ms left at the current rates, or undefined. */
export function etaMs(p: RepairProgress | undefined, downloadRate: number, verifyRate: number): number | undefined {
  if (!p || p.paused || p.phase === 'preparing') return undefined;
  const rate = downloadRate + verifyRate;
  const left = Math.max(0, p.bytesToDownload - p.bytesDownloaded) + Math.max(0, p.bytesToVerify - p.bytesVerified);
  if (rate <= 1 || left <= 0) return undefined;
  return (left / rate) * 1000;
}
