/**
 * Drive discovery on Windows through PowerShell and CIM (language-independent: values, not texts):
 * `Get-Volume` (letter, label, file system, size), `Get-Partition -Volume` → `Get-Disk` (SerialNumber,
 * BusType, FriendlyName; platform.md §Windows: the copy log's DriveId is this serial without spaces), and
 * `Win32_EncryptableVolume` (namespace root/CIMV2/Security/MicrosoftVolumeEncryption: GetLockStatus,
 * GetConversionStatus) for the BitLocker state.
 *
 * `Win32_EncryptableVolume` needs administrator rights; without them the query fails (and
 * `Get-BitLockerVolume` returns nothing), so every volume's state is `unknown`, never `notEncrypted`. An
 * empty answer counts as no answer too: elevated, Windows lists at least its system volume there.
 *
 * Not the `systeminformation` npm package: it runs the same PowerShell/CIM queries itself, cannot take an
 * injected runner (so it cannot be tested with recorded outputs) and does not join disks to volumes and
 * BitLocker states.
 */
import { WaieError } from '../../../src-shared/errors.ts';
import { COMMAND_NOT_FOUND, type CommandRunner } from './command-runner.ts';
import { parsePowerShellJson, powerShellErrorLine, runPowerShell } from './powershell.ts';
import { cleanSerial, type BitLockerState, type DriveVolume } from './types.ts';

/** CIM namespace of Win32_EncryptableVolume. */
export const BITLOCKER_NAMESPACE = 'root/CIMV2/Security/MicrosoftVolumeEncryption';

/** The discovery script: one JSON object `{ bitLockerQueried, volumes: [...] }` (see {@link WindowsVolumeRecord}). */
export const WINDOWS_DISCOVERY_SCRIPT = `
$ErrorActionPreference = 'Stop';
$bl = @{}; $blOk = $false;
try {
  foreach ($e in @(Get-CimInstance -Namespace '${BITLOCKER_NAMESPACE}' -ClassName 'Win32_EncryptableVolume')) {
    $ls = $null; $cs = $null;
    try { $ls = (Invoke-CimMethod -InputObject $e -MethodName 'GetLockStatus').LockStatus } catch { };
    try { $cs = (Invoke-CimMethod -InputObject $e -MethodName 'GetConversionStatus').ConversionStatus } catch { };
    $bl[[string]$e.DeviceID] = @{ lock = $ls; conversion = $cs; protection = $e.ProtectionStatus };
  };
  $blOk = $bl.Count -gt 0;
} catch { };
$vols = @(foreach ($v in @(Get-Volume)) {
  $p = $null; $d = $null;
  try { $p = @(Get-Partition -Volume $v -ErrorAction Stop)[0]; if ($p) { $d = Get-Disk -Number $p.DiskNumber -ErrorAction Stop } } catch { };
  $b = $bl[[string]$v.Path];
  [pscustomobject]@{
    path = [string]$v.Path;
    driveLetter = [string]$v.DriveLetter;
    label = [string]$v.FileSystemLabel;
    fileSystem = [string]$v.FileSystem;
    size = [int64]$v.Size;
    partitionSize = $(if ($p) { [int64]$p.Size } else { $null });
    diskNumber = $(if ($p) { [int]$p.DiskNumber } else { $null });
    serial = $(if ($d) { [string]$d.SerialNumber } else { $null });
    busType = $(if ($d) { [string]$d.BusType } else { $null });
    model = $(if ($d) { [string]$d.FriendlyName } else { $null });
    lockStatus = $(if ($b) { $b.lock } else { $null });
    conversionStatus = $(if ($b) { $b.conversion } else { $null });
    protectionStatus = $(if ($b) { $b.protection } else { $null })
  }
});
ConvertTo-Json -InputObject ([pscustomobject]@{ bitLockerQueried = $blOk; volumes = $vols }) -Depth 4 -Compress;
`;

/** One volume as the discovery script prints it. Numbers may arrive as numbers or strings. */
export interface WindowsVolumeRecord {
  path?: string;
  driveLetter?: string | null;
  label?: string | null;
  fileSystem?: string | null;
  size?: number | string | null;
  partitionSize?: number | string | null;
  diskNumber?: number | null;
  serial?: string | null;
  /** MSFT_Disk.BusType: a number (7) or its name (`USB`). */
  busType?: string | number | null;
  model?: string | null;
  /** Win32_EncryptableVolume.GetLockStatus: 0 unlocked, 1 locked. */
  lockStatus?: number | null;
  /** GetConversionStatus: 0 FullyDecrypted, 1 FullyEncrypted, 2–5 in progress or paused. */
  conversionStatus?: number | null;
  protectionStatus?: number | null;
}

/** MSFT_Disk.BusType values (Microsoft's MSFT_Disk class documentation). */
const BUS_TYPES: Readonly<Record<number, string>> = {
  1: 'SCSI',
  2: 'ATAPI',
  3: 'ATA',
  4: 'IEEE 1394',
  5: 'SSA',
  6: 'Fibre Channel',
  7: 'USB',
  8: 'RAID',
  9: 'iSCSI',
  10: 'SAS',
  11: 'SATA',
  12: 'SD',
  13: 'MMC',
  14: 'Virtual',
  15: 'File Backed Virtual',
  16: 'Storage Spaces',
  17: 'NVMe',
};

/** A bus type number or name as a name (`7` → `USB`); undefined for unknown (0) or empty. */
export function windowsBusName(v: unknown): string | undefined {
  if (v === null || v === undefined) return undefined;
  const s = String(v).trim();
  if (s === '' || s === '0' || /^unknown$/i.test(s)) return undefined;
  if (/^\d+$/.test(s)) return BUS_TYPES[Number(s)] ?? `Bus ${s}`;
  return s === 'Nvme' ? 'NVMe' : s;
}

function num(v: unknown): number | undefined {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  return Number.isFinite(n) ? n : undefined;
}

/** The BitLocker state of one record (see the module note on `unknown`). */
export function windowsBitLockerState(r: WindowsVolumeRecord, bitLockerQueried: boolean): BitLockerState {
  if (!bitLockerQueried) return 'unknown';
  const lock = num(r.lockStatus);
  const conversion = num(r.conversionStatus);
  if (lock === undefined && conversion === undefined && r.protectionStatus == null) return 'notEncrypted'; // not an encryptable volume
  if (lock === 1) return 'locked';
  if (conversion === 0) return 'notEncrypted';
  if (lock === 0) return 'unlocked';
  return 'unknown';
}

/**
 * Turns the discovery script's output into volumes (a single volume may arrive as an object instead of an
 * array). A letterless volume has no mount point; a locked volume's size is its partition's.
 * @throws WaieError `DRIVES_UNAVAILABLE` when the output is not the script's JSON.
 */
export function parseWindowsVolumes(stdout: string): DriveVolume[] {
  const doc = parsePowerShellJson(stdout) as { bitLockerQueried?: boolean; volumes?: WindowsVolumeRecord[] | WindowsVolumeRecord } | undefined;
  if (!doc || typeof doc !== 'object' || !('volumes' in doc)) {
    throw new WaieError({ code: 'DRIVES_UNAVAILABLE', title: 'The list of drives cannot be read', detail: 'PowerShell did not print the expected list of volumes. Run "Get-Volume" in PowerShell to see whether it works on this computer.' });
  }
  const records = Array.isArray(doc.volumes) ? doc.volumes : doc.volumes ? [doc.volumes] : [];
  const queried = doc.bitLockerQueried === true;
  return records.map((r) => {
    const letter = typeof r.driveLetter === 'string' ? r.driveLetter.replace(/[^A-Za-z]/g, '').toUpperCase().slice(0, 1) : '';
    const size = num(r.size) || num(r.partitionSize) || 0;
    const v: DriveVolume = { device: r.path ?? '', sizeBytes: size, bitLocker: windowsBitLockerState(r, queried) };
    if (letter) {
      v.driveLetter = letter;
      v.mountPoint = `${letter}:\\`;
    }
    if (r.label) v.label = r.label;
    if (r.fileSystem && !/^unknown$/i.test(r.fileSystem)) v.fileSystem = r.fileSystem;
    const serial = cleanSerial(r.serial);
    if (serial) v.diskSerial = serial;
    if (typeof r.diskNumber === 'number') v.disk = `Disk ${r.diskNumber}`;
    if (r.model) v.diskModel = r.model.trim();
    const bus = windowsBusName(r.busType);
    if (bus) v.busType = bus;
    return v;
  });
}

/**
 * Lists the volumes through `run` (one PowerShell process).
 * @throws WaieError `DRIVES_UNAVAILABLE` when PowerShell is missing, fails or prints something else.
 */
export async function listWindowsVolumes(run: CommandRunner): Promise<DriveVolume[]> {
  const r = await runPowerShell(run, WINDOWS_DISCOVERY_SCRIPT, 60_000);
  if (r.code === COMMAND_NOT_FOUND) {
    throw new WaieError({ code: 'DRIVES_UNAVAILABLE', title: 'PowerShell cannot be started', detail: 'Listing drives needs Windows PowerShell (powershell.exe), part of every Windows 10 and 11.' });
  }
  if (r.code !== 0) {
    throw new WaieError({ code: 'DRIVES_UNAVAILABLE', title: 'The list of drives cannot be read', detail: `PowerShell failed (exit code ${r.code}): ${powerShellErrorLine(r.stderr)}` });
  }
  return parseWindowsVolumes(r.stdout);
}
