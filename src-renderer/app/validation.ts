/**
 * What keeps each step from going on: a reason (an i18n key under `blockers.` with values), or null.
 * Pure functions of the stores' states, so the footer, the step list and the tests agree.
 */
import type { AppInfo } from '../../src-shared/ipc/contract.ts';
import type { CopyLogState } from '../stores/copy-log.ts';
import { credentialsKey, sourceDirsOf, type InputsState } from '../stores/inputs.ts';
import type { PreflightState } from '../stores/preflight.ts';
import type { JobStatus } from '../stores/job.ts';
import { stepsFor, type StepId, type Task } from '../stores/wizard.ts';

export interface Blocker {
  /** i18n key in the `ui` namespace. */
  key: string;
  values?: Record<string, string | number>;
}

export interface Snapshot {
  task: Task | null;
  inputs: InputsState;
  copyLog: CopyLogState;
  preflight: PreflightState;
  jobStatus: JobStatus;
  appInfo?: AppInfo;
}

/** Storage account names: 3–24 lower-case letters and digits. */
export const ACCOUNT_NAME = /^[a-z0-9]{3,24}$/;

export function isValidEndpoint(text: string): boolean {
  const t = text.trim();
  if (t === '') return true;
  try {
    const u = new URL(t);
    return (u.protocol === 'https:' || u.protocol === 'http:') && u.hostname !== '';
  } catch {
    return false;
  }
}

const same = (a: string | undefined, b: string | undefined): boolean => (a ?? '').trim().toUpperCase() === (b ?? '').trim().toUpperCase();

/** The DriveIds the copy log and manifest name, for the check shown on the Copy log step. */
export function driveIds(s: Pick<Snapshot, 'copyLog'>): { log?: string; manifest?: string } {
  return {
    log: s.copyLog.copyLog.status === 'ready' ? s.copyLog.copyLog.value.driveId : undefined,
    manifest: s.copyLog.manifest.status === 'ready' ? s.copyLog.manifest.value.driveId : undefined,
  };
}

/** True when the chosen volume's serial differs from the DriveId the logs name (a folder has no serial). */
export function driveSerialMismatch(s: Pick<Snapshot, 'copyLog' | 'inputs'>): boolean {
  const ids = driveIds(s);
  const id = ids.log || ids.manifest;
  return s.inputs.targetSource === 'volume' && !!s.inputs.volumeSerial && !!id && !same(s.inputs.volumeSerial, id);
}

function loadableBlocker(
  l: CopyLogState['copyLog'] | CopyLogState['manifest'],
  key: string,
  reading: string,
  failed: string,
): Blocker | null {
  if (l.status === 'error' && l.key === key) return { key: failed, values: { reason: l.error.title } };
  if (l.status !== 'ready' || l.key !== key) return { key: reading };
  return null;
}

function copyLogBlocker(s: Snapshot): Blocker | null {
  const needLog = s.task !== 'validate';
  const logPath = s.inputs.copyLogFile.trim();
  const manifestPath = s.inputs.manifestFile.trim();
  if (needLog) {
    if (logPath === '') return { key: 'blockers.enterCopyLog' };
    const b = loadableBlocker(s.copyLog.copyLog, logPath, 'blockers.readingCopyLog', 'blockers.copyLogError');
    if (b) return b;
  }
  // An import job has no manifest to check; a review may take one (it must then be readable).
  if (s.task === 'repairImport') return null;
  if (s.task === 'review') return manifestPath === '' ? null : loadableBlocker(s.copyLog.manifest, manifestPath, 'blockers.readingManifest', 'blockers.manifestError');
  if (s.task === 'validate' && manifestPath === '') return { key: 'blockers.enterManifest' };
  if (manifestPath !== '') {
    const b = loadableBlocker(s.copyLog.manifest, manifestPath, 'blockers.readingManifest', 'blockers.manifestError');
    if (b) return b;
  }
  const ids = driveIds(s);
  if (needLog && ids.log && ids.manifest && !same(ids.log, ids.manifest)) return { key: 'blockers.driveIdMismatch', values: { log: ids.log, manifest: ids.manifest } };
  if (driveSerialMismatch(s) && !s.inputs.driveMismatchConfirmed) return { key: 'blockers.confirmDrive' };
  return null;
}

function storageBlocker(s: Snapshot): Blocker | null {
  const i = s.inputs;
  if (!ACCOUNT_NAME.test(i.accountName.trim())) return { key: 'blockers.accountName' };
  if (i.secret.trim() === '') return { key: i.credentialKind === 'key' ? 'blockers.accountKey' : 'blockers.sas' };
  if (!isValidEndpoint(i.blobEndpoint)) return { key: 'blockers.endpoint' };
  const c = s.preflight.connection;
  const key = credentialsKey(i);
  if (c.status === 'loading' && c.key === key) return { key: 'blockers.testing' };
  if (c.status === 'error' && c.key === key) return { key: 'blockers.connectionFailed', values: { reason: c.error.title } };
  if (c.status !== 'ready' || c.key !== key) return { key: 'blockers.testConnection' };
  if (s.task === 'repairImport') {
    // Blobs an import failed to create may well not exist (HTTP 404); only a refusal or no answer stops it.
    if (c.value.problems.some((p) => p.statusCode === 'BlobRequestForbidden')) return { key: 'blockers.accountRefused' };
    if (c.value.readable === 0 && c.value.problems.some((p) => !isMissingBlob(p.detail))) return { key: 'blockers.nothingReadable' };
    return null;
  }
  if (c.value.readable === 0 && c.value.problems.length > 0) return { key: 'blockers.nothingReadable' };
  return null;
}

/** True when a connection-test problem says the blob does not exist (HTTP 404): expected for blobs an import never created. */
export function isMissingBlob(detail: string): boolean {
  return /\(HTTP 404\)/.test(detail);
}

function importPlanBlocker(s: Snapshot): Blocker | null {
  if (s.inputs.repairFile.trim() === '') return { key: 'blockers.repairFile' };
  if (s.inputs.logDir.trim() === '') return { key: 'blockers.logDir' };
  if (s.jobStatus === 'starting') return { key: 'blockers.starting' };
  const p = s.preflight.importPlan;
  if (p.status === 'error') return { key: 'blockers.planFailed', values: { reason: p.error.title } };
  if (p.status !== 'ready') return { key: 'blockers.planning' };
  return null;
}

function planBlocker(s: Snapshot): Blocker | null {
  if (s.task === 'repairImport') return importPlanBlocker(s);
  if (s.inputs.repairFile.trim() === '') return { key: 'blockers.repairFile' };
  if (s.inputs.logDir.trim() === '') return { key: 'blockers.logDir' };
  if (s.jobStatus === 'starting') return { key: 'blockers.starting' };
  const p = s.preflight.plan;
  if (p.status === 'error') return { key: 'blockers.planFailed', values: { reason: p.error.title } };
  if (p.status !== 'ready') return { key: 'blockers.planning' };
  return null;
}

/** Why `step` cannot go on to the next one yet, or null. */
export function blockerFor(step: StepId, s: Snapshot): Blocker | null {
  switch (step) {
    case 'start':
      return s.task ? null : { key: 'blockers.chooseTask' };
    case 'drive': {
      const i = s.inputs;
      if (i.targetSource === 'folder') return i.targetDir.trim() === '' ? { key: 'blockers.enterFolder' } : null;
      if (i.targetSource === 'volume') {
        if (i.targetDir.trim() !== '') return null;
        const d = s.preflight.drives;
        const vol = d.status === 'ready' ? d.value.find((v) => v.id === i.volumeId) : undefined;
        return vol?.bitLocker === 'locked' ? { key: 'blockers.unlockDrive' } : { key: 'blockers.chooseDrive' };
      }
      return { key: 'blockers.chooseDrive' };
    }
    case 'sources':
      return sourceDirsOf(s.inputs).length === 0 ? { key: 'blockers.enterSources' } : null;
    case 'copyLog':
      return copyLogBlocker(s);
    case 'storage':
      return storageBlocker(s);
    case 'plan':
      return planBlocker(s);
    case 'repair':
      switch (s.jobStatus) {
        case 'done':
          return null;
        case 'failed':
          return { key: 'blockers.runFailed' };
        case 'cancelled':
          return { key: 'blockers.runCancelled' };
        case 'idle':
          return { key: 'blockers.notStarted' };
        default:
          return { key: 'blockers.running' };
      }
    case 'report':
    case 'review':
    case 'status':
      return null;
  }
}

/**
 * Whether the step list may jump to `step`: every step before it has no blocker, Repair only once a
 * repair was started, Report only when it finished, and nothing else while a repair runs.
 */
export function canVisit(step: StepId, s: Snapshot): boolean {
  const running = s.jobStatus === 'running' || s.jobStatus === 'starting';
  if (running) return step === 'repair';
  if (step === 'repair') return s.jobStatus !== 'idle';
  if (step === 'report') return s.jobStatus === 'done';
  const steps = stepsFor(s.task);
  const index = steps.indexOf(step);
  if (index < 0) return false;
  return steps.slice(0, index).every((before) => blockerFor(before, s) === null);
}
