/**
 * Drive discovery and unlock for the wizard's Drive step. Until the platform adapters land this lists
 * nothing and unlocking says it is not available.
 */
import { WaieError } from '../../src-shared/errors.ts';
import type { DriveAdapter } from './api.ts';

export function createDriveAdapter(): DriveAdapter {
  return {
    async list() {
      return [];
    },
    async unlock() {
      throw new WaieError({ code: 'NOT_AVAILABLE', title: 'Unlocking is not available yet', detail: 'Unlock the drive with manage-bde (Windows) or dislocker (Linux), then choose its folder.', statusCode: 'BitLockerFailed' });
    },
  };
}
