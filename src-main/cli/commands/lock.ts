/**
 * `waie Lock`: locks a BitLocker drive again after `waie Unlock`. Windows: `/driveLetter:<X>` (CIM
 * `Win32_EncryptableVolume.Lock`). Linux: `/mount:<dir>` as `waie Unlock` printed it (unmounts the files,
 * waits for ntfs-3g to write everything, unmounts dislocker, removes its work directory).
 * Exit codes: 0 locked; 1 could not lock (in use, nothing unlocked there); 2 bad input.
 */
import { WaieError } from '../../../src-shared/errors.ts';
import { createBitLockerUnlocker, type BitLockerUnlocker } from '../../engine/bitlocker/index.ts';
import type { ParamSpecs } from '../args.ts';
import { formatError } from '../run-job.ts';
import type { CliCommand, CliIo } from './types.ts';
import { exitCodeForBitLockerError } from './unlock.ts';

/** Parameters of `waie Lock`. */
export const LOCK_PARAMS = {
  driveletter: { name: 'driveLetter', required: false, value: '<X>', help: 'Windows: the letter of the drive to lock, e.g. G.' },
  mount: { required: false, value: '<dir>', help: 'Linux: the directory "waie Unlock" mounted the drive on.' },
} as const satisfies ParamSpecs;

/** Builds `waie Lock` with its dependencies (an injected adapter in tests). */
export function createLockCommand(deps: { unlocker?: () => BitLockerUnlocker } = {}): CliCommand {
  return {
    name: 'Lock',
    summary: 'Lock a drive unlocked with "waie Unlock" again, after every file on it has been written. Windows: by drive letter. Linux: by the directory it is mounted on.',
    usage: `Lock /driveLetter:<X>                                             (Windows)
       Lock /mount:<dir>                                                 (Linux)`,
    params: LOCK_PARAMS,
    notes: 'Exit codes: 0 locked; 1 could not lock (files still open, nothing unlocked there); 2 bad input.',
    async run(params, io: CliIo): Promise<number> {
      if (!params.driveletter && !params.mount) {
        throw new WaieError({ code: 'BAD_INPUT', title: 'Missing /driveLetter or /mount', detail: 'Name the drive to lock: on Windows by its letter (/driveLetter:G), on Linux by the directory "waie Unlock" mounted it on (/mount:/mnt/waie-sdb1).' });
      }
      const unlocker = (deps.unlocker ?? (() => createBitLockerUnlocker()))();
      try {
        await unlocker.lock({ ...(params.driveletter ? { driveLetter: params.driveletter } : {}), ...(params.mount ? { mountPoint: params.mount } : {}) });
        io.out.write(`Locked ${params.driveletter ? `${params.driveletter.replace(/[:\\/]+$/, '').toUpperCase()}:` : params.mount}. The drive can be removed.\n`);
        return 0;
      } catch (err) {
        if (!(err instanceof WaieError)) throw err;
        io.err.write(formatError(err.info));
        return exitCodeForBitLockerError(err);
      }
    },
  };
}

/** `waie Lock` with the real adapter of this platform. */
export const lockCommand: CliCommand = createLockCommand();
