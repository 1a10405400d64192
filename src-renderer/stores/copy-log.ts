/** What the copy log and the drive manifest say (copyLog.inspect, manifest.inspect), for their current paths. */
import { create } from 'zustand';
import type { CopyLogSummary, ManifestSummary } from '../../src-shared/ipc/contract.ts';
import { IDLE, type Loadable } from './loadable.ts';

export interface CopyLogState {
  copyLog: Loadable<CopyLogSummary>;
  manifest: Loadable<ManifestSummary>;
}

const initial: CopyLogState = { copyLog: IDLE, manifest: IDLE };

export const useCopyLogStore = create<CopyLogState>()(() => ({ ...initial }));

export const copyLogStore = {
  reset(): void {
    useCopyLogStore.setState({ ...initial }, true);
  },
};

/** The DriveId the inputs point at: the copy log's, else the manifest's. */
export function knownDriveId(s: CopyLogState): string | undefined {
  const fromLog = s.copyLog.status === 'ready' ? s.copyLog.value.driveId : undefined;
  const fromManifest = s.manifest.status === 'ready' ? s.manifest.value.driveId : undefined;
  return fromLog || fromManifest || undefined;
}
