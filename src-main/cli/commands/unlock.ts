/**
 * `waie Unlock`: unlocks a BitLocker drive with its 48-digit recovery key and says where its files are.
 * Windows: `waie Unlock /bk:<key> /driveLetter:<X>` (WAImportExport's syntax). Linux:
 * `waie Unlock /bk:<key> /device:<block device or image file> [/mount:<dir>]` (dislocker + ntfs-3g,
 * read-write). The volume stays unlocked after the command; `waie Lock` locks it again.
 *
 * Exit codes: 0 unlocked (or already unlocked); 1 could not unlock (wrong key, no recovery password,
 * not BitLocker, not NTFS inside, tools missing, no administrator/root rights); 2 bad input (a malformed
 * key, missing or unknown parameters). The key is never printed.
 */
import { WaieError } from '../../../src-shared/errors.ts';
import { createBitLockerUnlocker, type BitLockerUnlocker } from '../../engine/bitlocker/index.ts';
import type { ParamSpecs } from '../args.ts';
import { formatError } from '../run-job.ts';
import type { CliCommand, CliIo } from './types.ts';

/** Error codes that mean the command line itself was wrong (exit code 2). */
const INPUT_CODES = new Set(['BAD_INPUT', 'RECOVERY_KEY_FORMAT']);

/** Exit code of an unlock or lock failure: 2 for bad input, 1 otherwise. */
export function exitCodeForBitLockerError(err: WaieError): number {
  return INPUT_CODES.has(err.info.code) ? 2 : 1;
}

/** The environment variable that can hold the key instead of /bk (keeps it out of shell history and `ps`). */
export const BITLOCKER_KEY_ENV = 'WAIE_BITLOCKER_KEY';

/** Parameters of `waie Unlock` (keys are the lower-case names; see args.ts). */
export const UNLOCK_PARAMS = {
  bk: { required: true, value: '<BitLockerKey>', help: `The drive's 48-digit BitLocker recovery key: 8 groups of 6 digits, with dashes or spaces between them (Azure portal: your job → Encryption). To keep it off the command line, set ${BITLOCKER_KEY_ENV} instead.` },
  driveletter: { name: 'driveLetter', required: false, value: '<X>', help: 'Windows: the letter of the BitLocker drive, e.g. G. Needs a terminal started with "Run as administrator".' },
  device: { required: false, value: '<device>', help: 'Linux: the BitLocker partition (e.g. /dev/sdb1; "waie Drives" lists them) or an image file of it. Needs root and the Debian packages dislocker, cryptsetup-bin and ntfs-3g.' },
  mount: { required: false, value: '<dir>', help: 'Linux: an empty directory to mount the unlocked files on (created when missing). Default /mnt/waie-<device name>.' },
  readonly: { name: 'readOnly', required: false, flag: true, value: '', help: 'Linux: mount read-only (to look, not to repair).' },
} as const satisfies ParamSpecs;

/** Dependencies of the command (parameters so tests can inject an adapter). */
export interface UnlockCommandDeps {
  unlocker?: () => BitLockerUnlocker;
}

/** Builds `waie Unlock` with its dependencies. */
export function createUnlockCommand(deps: UnlockCommandDeps = {}): CliCommand {
  return {
    name: 'Unlock',
    summary: 'Unlock a BitLocker-encrypted export drive with its 48-digit recovery key and show where its files are. Windows: by drive letter. Linux: by device, mounted read-write with dislocker and ntfs-3g. It stays unlocked until "waie Lock".',
    usage: `Unlock /bk:<BitLockerKey> /driveLetter:<X>                       (Windows)
       Unlock /bk:<BitLockerKey> /device:<device> [/mount:<dir>]         (Linux)`,
    params: UNLOCK_PARAMS,
    notes: `Exit codes: 0 unlocked (or already unlocked); 1 could not unlock (the error says why: wrong key,
no recovery password on the drive, not BitLocker, tools missing, not administrator/root); 2 bad input.

Examples:
  waie Unlock /bk:238810-662376-448998-450120-652806-203390-606320-483076 /driveLetter:G
  sudo waie Unlock /bk:238810-662376-448998-450120-652806-203390-606320-483076 /device:/dev/sdb1 /mount:/mnt/export
The key is never printed or logged.`,
    async run(params, io: CliIo): Promise<number> {
      const key = params.bk ?? io.env[BITLOCKER_KEY_ENV];
      if (!key) {
        throw new WaieError({ code: 'BAD_INPUT', title: 'Missing /bk', detail: `Give the drive's 48-digit recovery key with /bk:<key>, or set ${BITLOCKER_KEY_ENV}. Run "waie help Unlock" for every parameter.` });
      }
      if (!params.driveletter && !params.device) {
        throw new WaieError({ code: 'BAD_INPUT', title: 'Missing /driveLetter or /device', detail: 'Name the BitLocker drive: on Windows by its letter (/driveLetter:G), on Linux by its device or image file (/device:/dev/sdb1).' });
      }
      const unlocker = (deps.unlocker ?? (() => createBitLockerUnlocker()))();
      try {
        const v = await unlocker.unlock({
          key,
          ...(params.driveletter ? { driveLetter: params.driveletter } : {}),
          ...(params.device ? { device: params.device } : {}),
          ...(params.mount ? { mountPoint: params.mount } : {}),
          readOnly: params.readonly === 'true',
          lockOnExit: false,
        });
        const what = params.driveletter ? `${v.device}:` : (params.device ?? v.device);
        io.out.write(
          `${v.alreadyUnlocked ? `${what} was already unlocked.` : `Unlocked ${what}.`}\n` +
            `The files are in ${v.root}${v.readOnly ? ' (read-only)' : ''}.\n` +
            `To lock it again: ${v.lockCommand}\n`,
        );
        return 0;
      } catch (err) {
        if (!(err instanceof WaieError)) throw err;
        io.err.write(formatError(err.info));
        return exitCodeForBitLockerError(err);
      }
    },
  };
}

/** `waie Unlock` with the real adapter of this platform. */
export const unlockCommand: CliCommand = createUnlockCommand();
