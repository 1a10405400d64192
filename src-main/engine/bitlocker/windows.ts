/**
 * BitLocker on Windows (platform.md §Windows):
 *
 * 1. Administrator rights are checked first (.NET `WindowsPrincipal.IsInRole(Administrator)` through
 *    PowerShell, `net session`'s exit code as the fallback): without them nothing else is tried.
 * 2. The volume's state through CIM `Win32_EncryptableVolume` (namespace
 *    root/CIMV2/Security/MicrosoftVolumeEncryption): GetLockStatus (0 unlocked, 1 locked),
 *    GetConversionStatus (0 fully decrypted), GetKeyProtectors(3) (numerical passwords).
 * 3. `manage-bde -unlock X: -RecoveryPassword <key>`, judged by its exit code and the `0x8031…` code in its
 *    output — never by its words, which are localized. The key is on manage-bde's command line: only
 *    administrators can read an elevated process's command line; it is never logged or echoed.
 * 4. Where manage-bde is missing, or fails without a code, `UnlockWithNumericalPassword` through
 *    PowerShell with the key on standard input (`powershell -NoProfile -NonInteractive -Command -`).
 *
 * Codes (return values of UnlockWithNumericalPassword and manage-bde's `code 0x…`): 0 ok (also when already
 * unlocked), 0x80310027 wrong key, 0x80310035 bad format, 0x80310033 no numerical-password protector,
 * 0x80310008 BitLocker not on, 0x80070005 access denied.
 */
import { WaieError } from '../../../src-shared/errors.ts';
import { redact } from '../../../src-shared/redact.ts';
import { COMMAND_NOT_FOUND, runCommand, type CommandResult, type CommandRunner } from '../drives/command-runner.ts';
import { parsePowerShellJson, powerShellErrorLine, runPowerShell } from '../drives/powershell.ts';
import { BITLOCKER_NAMESPACE } from '../drives/windows.ts';
import { bitLockerError, classifyWindowsCode, hexCode, keyForms, requireRecoveryKey, WHERE_KEYS_ARE } from './errors.ts';
import type { BitLockerUnlocker, LockRequest, UnlockedVolume, UnlockRequest } from './types.ts';

/** Options of {@link createWindowsUnlocker}. */
export interface WindowsUnlockerOptions {
  /** Default: real processes. */
  run?: CommandRunner;
}

/** The manage-bde executable (in System32 on every edition that has BitLocker). */
export const MANAGE_BDE = 'manage-bde';

/** The volume's state as the status script prints it. */
export interface WindowsVolumeStatus {
  /** A volume with this letter exists. */
  volume: boolean;
  /** Win32_EncryptableVolume has it. */
  encryptable: boolean;
  /** GetLockStatus: 0 unlocked, 1 locked. */
  lock: number | null;
  /** GetConversionStatus: 0 fully decrypted … */
  conversion: number | null;
  /** Number of numerical-password protectors (GetKeyProtectors(3)). */
  protectors: number | null;
  /** Get-Volume's FileSystem (empty while locked). */
  fileSystem: string | null;
}

/**
 * A drive letter from `G`, `G:`, `g:\` or `G:/` as an upper-case letter.
 * @throws WaieError `BAD_INPUT` for anything else.
 */
export function parseDriveLetter(input: string | undefined): string {
  const m = /^\s*([A-Za-z])(?::[\\/]?)?\s*$/.exec(input ?? '');
  if (!m) {
    throw new WaieError({ code: 'BAD_INPUT', title: 'Invalid drive letter', detail: `"${input ?? ''}" is not a drive letter. Give the letter of the BitLocker drive, e.g. /driveLetter:G (Explorer or "waie Drives" shows it).` });
  }
  return m[1]!.toUpperCase();
}

/** Script: prints `True` or `False` for "this process runs with administrator rights". */
export const ADMIN_CHECK_SCRIPT =
  '[Console]::Out.Write(([Security.Principal.WindowsPrincipal][Security.Principal.WindowsIdentity]::GetCurrent()).IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator));';

/** Script: the {@link WindowsVolumeStatus} of drive `letter`, as JSON. */
export function statusScript(letter: string): string {
  return `
$ErrorActionPreference = 'Stop';
$out = [ordered]@{ volume = $false; encryptable = $false; lock = $null; conversion = $null; protectors = $null; fileSystem = $null };
$vol = Get-Volume -DriveLetter '${letter}' -ErrorAction SilentlyContinue;
if ($vol) { $out.volume = $true; $out.fileSystem = [string]$vol.FileSystem };
$e = Get-CimInstance -Namespace '${BITLOCKER_NAMESPACE}' -ClassName 'Win32_EncryptableVolume' -Filter "DriveLetter = '${letter}:'";
if ($e) {
  $out.encryptable = $true;
  $out.lock = [int](Invoke-CimMethod -InputObject $e -MethodName 'GetLockStatus').LockStatus;
  $out.conversion = [int](Invoke-CimMethod -InputObject $e -MethodName 'GetConversionStatus').ConversionStatus;
  $kp = Invoke-CimMethod -InputObject $e -MethodName 'GetKeyProtectors' -Arguments @{ KeyProtectorType = [uint32]3 };
  $out.protectors = @($kp.VolumeKeyProtectorID | Where-Object { $_ }).Count;
};
ConvertTo-Json -InputObject ([pscustomobject]$out) -Compress;
`;
}

/**
 * Script: `UnlockWithNumericalPassword` for drive `letter` with `key` (normalised: digits and dashes only,
 * so it cannot break out of the string). Prints `RESULT=<uint32>` or `NOVOLUME`. Goes on stdin only.
 */
export function cimUnlockScript(letter: string, key: string): string {
  if (!/^\d{6}(-\d{6}){7}$/.test(key) || !/^[A-Z]$/.test(letter)) throw new Error('cimUnlockScript needs a normalised key and letter');
  return `
$ErrorActionPreference = 'Stop';
$e = Get-CimInstance -Namespace '${BITLOCKER_NAMESPACE}' -ClassName 'Win32_EncryptableVolume' -Filter "DriveLetter = '${letter}:'";
if (-not $e) { [Console]::Out.Write('NOVOLUME'); exit 0 };
$r = Invoke-CimMethod -InputObject $e -MethodName 'UnlockWithNumericalPassword' -Arguments @{ NumericalPassword = '${key}' };
[Console]::Out.Write('RESULT=' + [uint32]$r.ReturnValue);
`;
}

/** Script: `Lock` (without forcing a dismount) for drive `letter`. Prints `RESULT=<uint32>` or `NOVOLUME`. */
export function cimLockScript(letter: string): string {
  return `
$ErrorActionPreference = 'Stop';
$e = Get-CimInstance -Namespace '${BITLOCKER_NAMESPACE}' -ClassName 'Win32_EncryptableVolume' -Filter "DriveLetter = '${letter}:'";
if (-not $e) { [Console]::Out.Write('NOVOLUME'); exit 0 };
$r = Invoke-CimMethod -InputObject $e -MethodName 'Lock' -Arguments @{ ForceDismount = $false };
[Console]::Out.Write('RESULT=' + [uint32]$r.ReturnValue);
`;
}

/** The `0x…` code in manage-bde's output (`(code 0x80310027)`, any language), upper-cased, or undefined. */
export function manageBdeCode(result: CommandResult): string | undefined {
  const m = /\b0x([0-9a-fA-F]{8})\b/.exec(`${result.stdout}\n${result.stderr}`);
  return m ? `0x${m[1]!.toUpperCase()}` : undefined;
}

function needsAdmin(): WaieError {
  return bitLockerError({
    code: 'NEEDS_ADMIN',
    title: 'Unlocking a BitLocker drive needs administrator rights',
    explanation: 'Windows lets only administrators unlock BitLocker drives with a recovery key, and this program is not running as administrator. Nothing was tried.',
    nextStep: 'Open a terminal with "Run as administrator" (right-click Windows Terminal or PowerShell) and run the same command there.',
  });
}

/** The error for Windows code `hex` while unlocking drive `letter`. */
export function windowsUnlockError(hex: string, letter: string, key: string, via: string): WaieError {
  const where = `${letter}:`;
  const secrets = keyForms(key);
  switch (classifyWindowsCode(hex)) {
    case 'keyInvalid':
      return bitLockerError({ code: 'BITLOCKER_KEY_INVALID', statusCode: 'BitLockerKeyInvalid', title: `The recovery key does not unlock ${where}`, explanation: `BitLocker refused the key (${via}, code ${hex}): it is a well-formed recovery key, but not one of this drive.`, nextStep: WHERE_KEYS_ARE }, secrets);
    case 'keyFormat':
      return bitLockerError({ code: 'BITLOCKER_KEY_INVALID', statusCode: 'BitLockerKeyInvalid', title: `BitLocker did not accept the recovery key's format for ${where}`, explanation: `BitLocker reported a badly formed recovery password (${via}, code ${hex}).`, nextStep: `Type the 48 digits again, in 8 groups of 6. ${WHERE_KEYS_ARE}` }, secrets);
    case 'protectorNotFound':
      return bitLockerError({ code: 'BITLOCKER_PROTECTOR_NOT_FOUND', statusCode: 'BitLockerProtectorNotFound', title: `${where} has no recovery password`, explanation: `The drive is BitLocker-encrypted but has no 48-digit recovery password protector (${via}, code ${hex}), so a recovery key cannot unlock it.`, nextStep: 'Unlock it the way it was protected (password, smart card, startup key), or ask whoever prepared the drive.' }, secrets);
    case 'notActivated':
      return bitLockerError({ code: 'BITLOCKER_NOT_ACTIVATED', statusCode: 'BitLockerNotActivated', title: `${where} is not BitLocker-encrypted`, explanation: `BitLocker is not turned on for this drive (${via}, code ${hex}); there is nothing to unlock.`, nextStep: 'Run the command without /bk, or check the drive letter ("waie Drives" lists the drives).' }, secrets);
    case 'accessDenied':
      return needsAdmin();
    case 'unlockFailed':
      return bitLockerError({ code: 'BITLOCKER_UNLOCK_FAILED', statusCode: 'BitLockerUnlockVolumeFailed', title: `BitLocker could not unlock ${where}`, explanation: `BitLocker refused to unlock the drive with code ${hex} (${via}); the key was not reported as wrong.`, nextStep: `Look the code up ("certutil -error ${hex}" prints its meaning), run "manage-bde -status ${where}", or try the drive on another Windows computer.` }, secrets);
    default:
      return bitLockerError({ code: 'BITLOCKER_FAILED', statusCode: 'BitLockerFailed', title: `Unlocking ${where} failed`, explanation: `The unlock failed with code ${hex} (${via}).`, nextStep: `"certutil -error ${hex}" prints the code's meaning; "manage-bde -status ${where}" shows the drive's state.` }, secrets);
  }
}

async function isAdmin(run: CommandRunner): Promise<boolean | undefined> {
  const ps = await runPowerShell(run, ADMIN_CHECK_SCRIPT, 60_000);
  const answer = ps.stdout.trim();
  if (ps.code === 0 && /^true$/i.test(answer)) return true;
  if (ps.code === 0 && /^false$/i.test(answer)) return false;
  const net = await run('net', ['session'], { timeoutMs: 30_000 });
  if (net.code === COMMAND_NOT_FOUND) return undefined;
  return net.code === 0;
}

async function volumeStatus(run: CommandRunner, letter: string): Promise<WindowsVolumeStatus | undefined> {
  const r = await runPowerShell(run, statusScript(letter), 60_000);
  if (r.code !== 0) return undefined;
  const s = parsePowerShellJson(r.stdout) as Partial<WindowsVolumeStatus> | undefined;
  if (!s || typeof s !== 'object' || typeof s.volume !== 'boolean') return undefined;
  return { volume: s.volume, encryptable: s.encryptable === true, lock: s.lock ?? null, conversion: s.conversion ?? null, protectors: s.protectors ?? null, fileSystem: s.fileSystem ?? null };
}

function resultCode(stdout: string): number | 'novolume' | undefined {
  if (/NOVOLUME/.test(stdout)) return 'novolume';
  const m = /RESULT=(\d+)/.exec(stdout);
  return m ? Number(m[1]) : undefined;
}

function driveNotFound(letter: string): WaieError {
  return bitLockerError({ code: 'DRIVE_NOT_FOUND', statusCode: 'DiskNotFound', title: `There is no drive ${letter}:`, explanation: `No volume on this computer has the letter ${letter}:.`, nextStep: 'Connect the drive and check its letter in Explorer or with "waie Drives"; a locked BitLocker drive still has a letter.' });
}

/** Creates the Windows adapter. */
export function createWindowsUnlocker(options: WindowsUnlockerOptions = {}): BitLockerUnlocker {
  const run = options.run ?? runCommand;

  async function lockLetter(letter: string): Promise<void> {
    const r = await runPowerShell(run, cimLockScript(letter), 60_000);
    const code = r.code === 0 ? resultCode(r.stdout) : undefined;
    if (code === 0) return;
    if (code === 'novolume') throw driveNotFound(letter);
    const hex = typeof code === 'number' ? hexCode(code) : undefined;
    if (hex && classifyWindowsCode(hex) === 'accessDenied') throw needsAdmin();
    throw bitLockerError({
      code: 'LOCK_FAILED',
      statusCode: 'BitLockerFailed',
      title: `${letter}: could not be locked`,
      explanation: hex ? `BitLocker refused to lock the drive (code ${hex}); usually a program still has a file on it open.` : `PowerShell could not lock the drive: ${powerShellErrorLine(r.stderr)}`,
      nextStep: `Close every program and window using ${letter}: and try again, or run "manage-bde -lock ${letter}: -ForceDismount" as administrator.`,
    });
  }

  return {
    platform: 'win32',

    async unlock(request: UnlockRequest): Promise<UnlockedVolume> {
      const key = requireRecoveryKey(request.key);
      const secrets = keyForms(request.key);
      if (request.device) {
        throw new WaieError({ code: 'BAD_INPUT', title: '/device is for Linux', detail: 'On Windows, name the BitLocker drive by its letter: /driveLetter:G.' });
      }
      const letter = parseDriveLetter(request.driveLetter);
      if ((await isAdmin(run)) === false) throw needsAdmin();

      const status = await volumeStatus(run, letter);
      const done = (alreadyUnlocked: boolean, fileSystem: string | null | undefined): UnlockedVolume => {
        let locked = alreadyUnlocked;
        return {
          root: `${letter}:\\`,
          device: letter,
          alreadyUnlocked,
          readOnly: false,
          ...(fileSystem ? { fileSystem } : {}),
          lockCommand: `waie Lock /driveLetter:${letter}`,
          async lock() {
            if (locked) return;
            await lockLetter(letter);
            locked = true;
          },
        };
      };
      if (status) {
        if (!status.volume) throw driveNotFound(letter);
        if (!status.encryptable || status.conversion === 0) throw windowsUnlockError('0x80310008', letter, key, 'Win32_EncryptableVolume');
        if (status.lock === 0) return done(true, status.fileSystem);
        if (status.protectors === 0) throw windowsUnlockError('0x80310033', letter, key, 'GetKeyProtectors');
      }

      // manage-bde first; judged by exit code and the 0x… code only.
      const bde = await run(MANAGE_BDE, ['-unlock', `${letter}:`, '-RecoveryPassword', key], { timeoutMs: 120_000 });
      if (bde.code !== 0) {
        const code = bde.code === COMMAND_NOT_FOUND ? undefined : manageBdeCode(bde);
        if (code) throw windowsUnlockError(code, letter, key, 'manage-bde');
        // Missing, or failed without a code: the CIM method, key on PowerShell's stdin.
        const cim = await runPowerShell(run, cimUnlockScript(letter, key), 120_000);
        const rv = cim.code === 0 ? resultCode(cim.stdout) : undefined;
        if (rv === 'novolume') throw windowsUnlockError('0x80310008', letter, key, 'Win32_EncryptableVolume');
        if (typeof rv === 'number' && rv !== 0) throw windowsUnlockError(hexCode(rv), letter, key, 'UnlockWithNumericalPassword');
        if (rv !== 0) {
          const why = redact(powerShellErrorLine(cim.stderr), secrets);
          if (/access.*denied|0x80070005|80041003/i.test(cim.stderr)) throw needsAdmin();
          throw bitLockerError(
            {
              code: 'BITLOCKER_FAILED',
              statusCode: 'BitLockerFailed',
              title: `Unlocking ${letter}: failed`,
              explanation: `manage-bde ${bde.code === COMMAND_NOT_FOUND ? 'is not available' : `failed without an error code (exit code ${bde.code})`}, and the CIM method UnlockWithNumericalPassword did not answer: ${why}`,
              nextStep: `Run "manage-bde -status ${letter}:" as administrator to see the drive's state, or unlock it from Explorer with the recovery key.`,
            },
            secrets,
          );
        }
      }
      const after = await volumeStatus(run, letter);
      if (after && after.lock === 1) {
        throw bitLockerError({ code: 'BITLOCKER_UNLOCK_FAILED', statusCode: 'BitLockerUnlockVolumeFailed', title: `${letter}: is still locked`, explanation: 'The unlock reported success, but Windows still reports the drive as locked.', nextStep: `Run "manage-bde -status ${letter}:" to see its state, or unlock it from Explorer.` }, secrets);
      }
      return done(false, after?.fileSystem ?? status?.fileSystem);
    },

    async lock(request: LockRequest): Promise<void> {
      if (request.mountPoint && !request.driveLetter) {
        throw new WaieError({ code: 'BAD_INPUT', title: '/mount is for Linux', detail: 'On Windows, name the drive by its letter: waie Lock /driveLetter:G.' });
      }
      const letter = parseDriveLetter(request.driveLetter);
      if ((await isAdmin(run)) === false) throw needsAdmin();
      await lockLetter(letter);
    },
  };
}
