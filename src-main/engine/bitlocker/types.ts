/**
 * Unlocking BitLocker volumes with a recovery password: one interface ({@link BitLockerUnlocker}), one
 * adapter per platform (windows.ts: manage-bde, then CIM; linux.ts: dislocker + ntfs-3g, cryptsetup to
 * check keys; macOS: not supported yet). Adapters take the command runner as a parameter.
 *
 * Failures are WaieError with the seed's drive status codes (`statusCode`): `BitLockerKeyInvalid`,
 * `BitLockerProtectorNotFound`, `BitLockerNotActivated`, `BitLockerVolumeNotFound`,
 * `BitLockerUnlockVolumeFailed`, `BitLockerFailed`, plus `VolumeNotNtfs` (Linux: unlocked, but no NTFS
 * inside), `DiskNotFound` (no such drive or device) and `DiskOperationFailed` (the NTFS mount failed).
 * The key never reaches an error, a log or a file (see errors.ts).
 */

/** What to unlock and how. */
export interface UnlockRequest {
  /** The 48-digit recovery password, in any form `checkRecoveryKey` accepts. Held in memory only. */
  key: string;
  /** Windows: the drive letter (`G`, `G:` or `G:\`). */
  driveLetter?: string;
  /** Linux: the BitLocker block device (`/dev/sdb1`) or an image file of one. */
  device?: string;
  /**
   * Linux: the directory to mount the volume's files on (created when missing; must be empty). Default:
   * `/mnt/waie-<device name>`.
   */
  mountPoint?: string;
  /** Mount read-only (Linux: dislocker `-r`, ntfs-3g `-o ro`). Default false: a repair writes. */
  readOnly?: boolean;
  /**
   * Lock again (unmount, clean up) when this process exits, also on SIGTERM/SIGHUP. Default false.
   * `RepairExport /bk` sets it on Linux; `waie Unlock` leaves the volume open for the operator.
   */
  lockOnExit?: boolean;
}

/** An unlocked volume. */
export interface UnlockedVolume {
  /** Where its files are: Windows `G:\`; Linux the ntfs-3g mount point. */
  root: string;
  /** Windows: the drive letter (`G`). Linux: the real path of the device or image. */
  device: string;
  /** True when it was unlocked already (by an earlier `waie Unlock`, manage-bde, Explorer): {@link lock} then does nothing. */
  alreadyUnlocked: boolean;
  readOnly: boolean;
  /** File system inside, when known (`NTFS`). */
  fileSystem?: string;
  /** The command that locks it again, for the operator (`waie Lock /mount:/mnt/waie-sdb1`). */
  lockCommand: string;
  /**
   * Locks it again (Linux: unmounts the files, waits for ntfs-3g to flush and exit, unmounts dislocker,
   * removes the work directory and a mount point waie created; Windows: locks the drive). Does nothing when
   * {@link alreadyUnlocked}. Idempotent.
   * @throws WaieError `VOLUME_BUSY` when files on it are still open.
   */
  lock(): Promise<void>;
}

/** What to lock: a Windows drive letter, or the Linux mount point `waie Unlock` printed. */
export interface LockRequest {
  driveLetter?: string;
  mountPoint?: string;
}

/** The BitLocker adapter of one platform. */
export interface BitLockerUnlocker {
  /** The platform this adapter is for. */
  readonly platform: NodeJS.Platform;
  /**
   * Unlocks a volume and makes its files reachable (Linux: mounted read-write unless `readOnly`).
   * Checks, in order and before anything is changed: the key's format (`RECOVERY_KEY_FORMAT`,
   * statusCode `BitLockerKeyInvalid`), rights (`NEEDS_ADMIN` / `NEEDS_ROOT`), tools (`TOOLS_MISSING`), the
   * target (`DRIVE_NOT_FOUND`, statusCode `DiskNotFound`).
   * @throws WaieError as listed in this module's note; never with the key in it.
   */
  unlock(request: UnlockRequest): Promise<UnlockedVolume>;
  /**
   * Linux only: checks a key without unlocking or mounting anything (cryptsetup `--test-passphrase`):
   * `valid`, `invalid`, or `unknown` (cryptsetup cannot tell, e.g. a partly encrypted volume).
   * @throws WaieError `RECOVERY_KEY_FORMAT`, `NEEDS_ROOT`, `TOOLS_MISSING`.
   */
  checkKey?(request: { key: string; device?: string }): Promise<'valid' | 'invalid' | 'unknown'>;
  /**
   * Locks a volume unlocked earlier, possibly by another process (`waie Unlock`).
   * @throws WaieError `NOT_UNLOCKED` when nothing waie unlocked is there, `VOLUME_BUSY`, `LOCK_FAILED`.
   */
  lock(request: LockRequest): Promise<void>;
}
