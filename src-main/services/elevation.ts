/**
 * Whether the app runs with administrator rights (Windows: BitLocker unlock and raw drive access need
 * them; platform.md). Windows: `net session` succeeds only when elevated. Elsewhere: root or not.
 */
import { execFile } from 'node:child_process';

/** True/false when known, null when it cannot be told. */
export function isElevated(): Promise<boolean | null> {
  if (process.platform !== 'win32') return Promise.resolve(typeof process.getuid === 'function' ? process.getuid() === 0 : null);
  return new Promise((resolve) => {
    execFile('net', ['session'], { windowsHide: true, timeout: 10_000 }, (err) => resolve(!err));
  });
}
