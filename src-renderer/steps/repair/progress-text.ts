/** The progress line of the Repair step, as one string (shown, and announced to screen readers). */
import type { TFunction } from 'i18next';
import type { EngineJobKind, RepairProgress } from '../../../src-shared/engine-protocol.ts';
import type { UiLanguage } from '../../i18n/language.ts';
import { formatBytes, formatCount, formatDuration, formatRate } from '../../lib/format.ts';
import { etaMs, isImportJob, type JobStatus } from '../../stores/job.ts';

/** What the progress line is made of (the job store's fields). */
export interface ProgressLineInput {
  status: JobStatus;
  /** The job's kind: a RepairImport shows bytes uploaded and its upload rate. */
  kind?: EngineJobKind;
  progress?: RepairProgress;
  paused: boolean;
  downloadRate: number;
  verifyRate: number;
  uploadRate?: number;
}

/**
 * The line: phase (or outcome), bytes downloaded and checked (RepairExport) or uploaded (RepairImport)
 * of the total known so far, the rate, the time left, and parts done/failed.
 */
export function progressLine(s: ProgressLineInput, t: TFunction, lang: UiLanguage): string {
  const p = s.progress;
  const ended = s.status === 'done' || s.status === 'failed' || s.status === 'cancelled';
  const endLabel = ended ? t(`repair.phase.${s.status}`) : undefined;
  if (!p) return endLabel ?? t('repair.progress.waiting');
  const upload = isImportJob(s.kind, p);
  const paused = !ended && (s.paused || p.paused === true);
  const phase = upload && p.phase === 'repairing' ? t('repair.phase.uploading') : t(`repair.phase.${p.phase}`);
  const parts: string[] = [endLabel ?? (paused ? t('repair.phase.paused') : phase)];
  if (upload) {
    parts.push(t('repair.progress.uploaded', { done: formatBytes(p.bytesUploaded, lang), total: formatBytes(p.bytesToUpload, lang) }));
  } else {
    parts.push(t('repair.progress.downloaded', { done: formatBytes(p.bytesDownloaded, lang), total: formatBytes(p.bytesToDownload, lang) }));
    if (p.bytesToVerify > 0) parts.push(t('repair.progress.verified', { done: formatBytes(p.bytesVerified, lang), total: formatBytes(p.bytesToVerify, lang) }));
  }
  const rate = upload ? (s.uploadRate ?? 0) : s.downloadRate + s.verifyRate;
  if (!ended && !paused && p.phase !== 'preparing') parts.push(formatRate(rate, lang));
  const eta = ended || paused ? undefined : etaMs(p, s.downloadRate, s.verifyRate, upload, s.uploadRate ?? 0);
  if (eta !== undefined && eta >= 1000) parts.push(t('repair.progress.eta', { time: formatDuration(eta, lang) }));
  parts.push(
    p.componentsFailed > 0
      ? t('repair.progress.componentsFailed', { done: formatCount(p.componentsDone, lang), total: formatCount(p.componentsTotal, lang), failed: formatCount(p.componentsFailed, lang) })
      : t('repair.progress.components', { done: formatCount(p.componentsDone, lang), total: formatCount(p.componentsTotal, lang) }),
  );
  return parts.join(' · ');
}
