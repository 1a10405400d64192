/**
 * Drive discovery: the volumes attached to this computer, with what an operator needs to pick the export
 * drive: where it is (drive letter or mount point), label, size, file system, the disk's hardware serial
 * number (which the copy log calls DriveId, platform.md §Windows), bus type and BitLocker state.
 */

/**
 * BitLocker state of a volume:
 * - `locked`: BitLocker-encrypted and not unlocked (its files cannot be read);
 * - `unlocked`: BitLocker-encrypted and unlocked (Windows), or opened by `waie Unlock` / dm-crypt (Linux);
 * - `notEncrypted`: BitLocker is not on for it (a plain NTFS, FAT, ext4… volume, or fully decrypted);
 * - `unknown`: it cannot be told, e.g. Windows without administrator rights (`Get-BitLockerVolume` and
 *   `Win32_EncryptableVolume` then return nothing, which must not be read as "not encrypted",
 *   platform.md §Windows) or a Linux volume whose file system type is not known.
 */
export type BitLockerState = 'locked' | 'unlocked' | 'notEncrypted' | 'unknown';

/** One volume (a partition, or a disk holding a file system without a partition table). */
export interface DriveVolume {
  /** The volume's device: Linux `/dev/sdb1`; Windows the volume path `\\?\Volume{GUID}\`. */
  device: string;
  /** Windows drive letter without colon (`E`), when it has one. */
  driveLetter?: string;
  /** Where its files are: Windows `E:\`; Linux the mount point (`/media/usb`), or the directory where `waie Unlock` mounted it. */
  mountPoint?: string;
  /** File system label (`WAIEXPORT`), when it has one (a locked volume shows none). */
  label?: string;
  /** Size in bytes (the partition's size; 0 when unknown). */
  sizeBytes: number;
  /** File system as reported: Windows `NTFS`, `FAT32`, `exFAT` (empty when locked); Linux `ntfs`, `vfat`, `BitLocker`, `ext4`. */
  fileSystem?: string;
  /**
   * The disk's hardware serial number with all white space removed (as the copy log's DriveId is written;
   * compare with {@link matchesDriveId}). Absent when the bus does not report one (many USB bridges, loop
   * devices, virtual disks).
   */
  diskSerial?: string;
  /** The disk holding it: Linux `/dev/sdb`; Windows `Disk 2`. */
  disk?: string;
  /** The disk's model or friendly name, when reported. */
  diskModel?: string;
  /** How the disk is attached: `USB`, `SATA`, `NVMe`, `SAS`, `SCSI`, `ATA`, `iSCSI`… (absent when unknown). */
  busType?: string;
  bitLocker: BitLockerState;
}

/** Lists the volumes of this computer. One interface, one adapter per platform (see index.ts). */
export interface DriveDiscovery {
  /**
   * Every volume, in the order the system lists them. Locked BitLocker volumes are included.
   * @throws WaieError `DRIVES_UNAVAILABLE` when the system tool cannot be run or its output cannot be read;
   *   `NOT_SUPPORTED` on platforms without an adapter (macOS for now).
   */
  listVolumes(): Promise<DriveVolume[]>;
}

/**
 * True when a disk's serial number is the copy log's DriveId: both with every white space character
 * removed, compared case-insensitively, and neither empty. Rule: platform.md §Windows ("the copy log's
 * DriveId is the drive's hardware serial number without spaces").
 */
export function matchesDriveId(serial: string | undefined | null, driveId: string | undefined | null): boolean {
  if (typeof serial !== 'string' || typeof driveId !== 'string') return false;
  const a = serial.replace(/\s+/g, '').toUpperCase();
  const b = driveId.replace(/\s+/g, '').toUpperCase();
  return a !== '' && a === b;
}

/** Removes every white space character from a serial number; undefined for an empty or missing one. */
export function cleanSerial(serial: unknown): string | undefined {
  if (typeof serial !== 'string') return undefined;
  const s = serial.replace(/\s+/g, '');
  return s === '' ? undefined : s;
}
