/** The progress line of the Repair step, as one string (shown, and announced to screen readers). */
import type { TFunction } from 'i18next';
import type { RepairProgress } from '../../../src-shared/engine-protocol.ts';
import type { UiLanguage } from '../../i18n/language.ts';
import { formatBytes, formatCount, formatDuration, formatRate } from '../../lib/format.ts';
import { etaMs, type JobStatus } from '../../stores/job.ts';

export interface ProgressLineInput {
  status: JobStatus;
  progress?: RepairProgress;
  paused: boolean;
  downloadRate: number;
  verifyRate: number;
}

export function progressLine(s: ProgressLineInput, t: TFunction, lang: UiLanguage): string {
  const p = s.progress;
  const ended = s.status === 'done' || s.status === 'failed' || s.status === 'cancelled';
  const endLabel = ended ? t(`repair.phase.${s.status}`) : undefined;
  if (!p) return endLabel ?? t('repair.progress.waiting');
  const paused = !ended && (s.paused || p.paused === true);
  const parts: string[] = [endLabel ?? (paused ? t('repair.phase.paused') : t(`repair.phase.${p.phase}`))];
  parts.push(t('repair.progress.downloaded', { done: formatBytes(p.bytesDownloaded, lang), total: formatBytes(p.bytesToDownload, lang) }));
  if (p.bytesToVerify > 0) parts.push(t('repair.progress.verified', { done: formatBytes(p.bytesVerified, lang), total: formatBytes(p.bytesToVerify, lang) }));
  if (!ended && !paused && p.phase !== 'preparing') parts.push(formatRate(s.downloadRate + s.verifyRate, lang));
  const eta = ended || paused ? undefined : etaMs(p, s.downloadRate, s.verifyRate);
  if (eta !== undefined && eta >= 1000) parts.push(t('repair.progress.eta', { time: formatDuration(eta, lang) }));
  parts.push(
    p.componentsFailed > 0
      ? t('repair.progress.componentsFailed', { done: formatCount(p.componentsDone, lang), total: formatCount(p.componentsTotal, lang), failed: formatCount(p.componentsFailed, lang) })
      : t('repair.progress.components', { done: formatCount(p.componentsDone, lang), total: formatCount(p.componentsTotal, lang) }),
  );
  return parts.join(' · ');
}
