/** What the host reported about the inputs before a repair: the volumes, the connection test, the plan. */
import { create } from 'zustand';
import type { ConnectionCheck, ImportRepairPlan, RepairPlan, VolumeInfo } from '../../src-shared/ipc/contract.ts';
import { IDLE, type Loadable } from './loadable.ts';

export interface PreflightState {
  drives: Loadable<VolumeInfo[]>;
  /** `storage.test` for the credentials identified by `credentialsKey`. */
  connection: Loadable<ConnectionCheck>;
  /** `repair.plan` for the request identified by its JSON (without secrets). */
  plan: Loadable<RepairPlan>;
  /** `repairImport.plan` for the request identified by its JSON (without secrets). */
  importPlan: Loadable<ImportRepairPlan>;
}

const initial: PreflightState = { drives: IDLE, connection: IDLE, plan: IDLE, importPlan: IDLE };

export const usePreflightStore = create<PreflightState>()(() => ({ ...initial }));

export const preflight = {
  reset(): void {
    usePreflightStore.setState({ ...initial }, true);
  },
};
