/**
 * BitLocker unlock behind one interface ({@link BitLockerUnlocker}), one adapter per platform, the command
 * runner injected: Windows (manage-bde, then CIM), Linux (dislocker + ntfs-3g, cryptsetup), macOS and
 * others: "not supported yet". Used by `waie Unlock`, `waie Lock`, `RepairExport /bk` and (later) the
 * wizard's Drive step.
 */
import { WaieError } from '../../../src-shared/errors.ts';
import type { CommandRunner } from '../drives/command-runner.ts';
import { requireRecoveryKey } from './errors.ts';
import { createLinuxUnlocker, type LinuxUnlockerOptions } from './linux.ts';
import type { BitLockerUnlocker } from './types.ts';
import { createWindowsUnlocker } from './windows.ts';

export type { BitLockerUnlocker, LockRequest, UnlockedVolume, UnlockRequest } from './types.ts';
export { requireRecoveryKey } from './errors.ts';

/** Options of {@link createBitLockerUnlocker}. */
export interface BitLockerOptions {
  /** Default `process.platform`. */
  platform?: NodeJS.Platform;
  /** Default: real processes. */
  run?: CommandRunner;
  /** Linux only: tool lookup, root check, session root, key transport (see linux.ts). */
  linux?: Omit<LinuxUnlockerOptions, 'run'>;
}

/** The error every operation gives on a platform without an adapter (macOS for now). */
export function notSupported(platform: NodeJS.Platform): WaieError {
  const name = platform === 'darwin' ? 'macOS' : platform;
  return new WaieError({
    code: 'NOT_SUPPORTED',
    title: `Unlocking BitLocker drives on ${name} is not supported yet`,
    detail: `waie unlocks BitLocker drives on Windows and Linux. On ${name}, unlock the drive on a Windows or Linux computer, or copy its files from there; then run waie RepairExport without /bk on the unlocked files.`,
    statusCode: 'BitLockerFailed',
  });
}

/** The adapter for `platform` (default this one). */
export function createBitLockerUnlocker(options: BitLockerOptions = {}): BitLockerUnlocker {
  const platform = options.platform ?? process.platform;
  if (platform === 'win32') return createWindowsUnlocker({ ...(options.run ? { run: options.run } : {}) });
  if (platform === 'linux') return createLinuxUnlocker({ ...options.linux, ...(options.run ? { run: options.run } : {}) });
  return {
    platform,
    async unlock(request) {
      requireRecoveryKey(request.key); // a malformed key is still named as such
      throw notSupported(platform);
    },
    async lock() {
      throw notSupported(platform);
    },
  };
}
