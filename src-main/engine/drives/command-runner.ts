/**
 * The command runner: the one way drive discovery and BitLocker adapters start system tools (PowerShell,
 * manage-bde, lsblk, blkid, cryptsetup, dislocker, ntfs-3g). It is a parameter of every adapter (design
 * card: "disk and network adapters are parameters"), so tests inject recorded outputs.
 *
 * Secrets: a runner never logs, prints or keeps its arguments or its input; adapters pass a BitLocker key
 * on standard input (or, where a tool allows nothing else, see bitlocker/linux.ts) and never put a command
 * line into an error message.
 */
import { spawn } from 'node:child_process';

/** Options of one command. */
export interface CommandOptions {
  /** Written to the command's standard input, which is then closed. Standard input is empty otherwise. */
  input?: string;
  /** Variables added to (or overriding) the current environment, e.g. `{ LC_ALL: 'C' }`. */
  env?: Readonly<Record<string, string>>;
  /**
   * Keep standard input open after writing `input`, until the command exits (util-linux `script` waits
   * about 2 s after the end of its input before it exits; dislocker under `script` needs nothing more).
   */
  keepInputOpen?: boolean;
  /** Kill the command after this many ms (default 120 000); it then resolves with code {@link COMMAND_TIMED_OUT}. */
  timeoutMs?: number;
}

/**
 * Outcome of one command. `code` is the exit code; {@link COMMAND_NOT_FOUND} (127) when the program could
 * not be started (not installed, not on PATH), {@link COMMAND_TIMED_OUT} (124) after a timeout, 128 + the
 * signal number when a signal ended it. `stdout`/`stderr` are decoded as UTF-8.
 */
export interface CommandResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `cmd` with `args` (no shell), resolving with its {@link CommandResult}. Never rejects. */
export type CommandRunner = (cmd: string, args: readonly string[], options?: CommandOptions) => Promise<CommandResult>;

/** Exit code for a program that could not be started (the shell's convention). */
export const COMMAND_NOT_FOUND = 127;
/** Exit code for a program killed after its timeout (coreutils `timeout`'s convention). */
export const COMMAND_TIMED_OUT = 124;

const SIGNALS: Readonly<Record<string, number>> = { SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGKILL: 9, SIGSEGV: 11, SIGPIPE: 13, SIGTERM: 15 };

/**
 * The real runner: `child_process.spawn` without a shell, hidden window on Windows, standard input from
 * `options.input`. Output is collected in memory (these tools print little). Never logs anything.
 */
export const runCommand: CommandRunner = (cmd, args, options = {}) =>
  new Promise((resolve) => {
    let stdout = '';
    let stderr = '';
    let settled = false;
    const done = (r: CommandResult): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(r);
    };
    let child;
    try {
      child = spawn(cmd, [...args], {
        shell: false,
        windowsHide: true,
        stdio: ['pipe', 'pipe', 'pipe'],
        env: options.env ? { ...process.env, ...options.env } : process.env,
      });
    } catch (err) {
      resolve({ code: COMMAND_NOT_FOUND, stdout: '', stderr: `${cmd} could not be started: ${(err as NodeJS.ErrnoException).code ?? 'error'}` });
      return;
    }
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      done({ code: COMMAND_TIMED_OUT, stdout, stderr: stderr + `\n${cmd} did not finish within ${options.timeoutMs ?? 120_000} ms and was stopped.` });
    }, options.timeoutMs ?? 120_000);
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', (err: NodeJS.ErrnoException) => {
      // Only the program name: the arguments may carry a key (dislocker's -p).
      done({ code: COMMAND_NOT_FOUND, stdout, stderr: `${cmd} could not be started: ${err.code ?? 'error'}` });
    });
    child.on('close', (code, signal) => done({ code: code ?? 128 + (signal ? (SIGNALS[signal] ?? 0) : 0), stdout, stderr }));
    child.stdin.on('error', () => undefined); // a program that exits without reading its input
    if (options.keepInputOpen) {
      child.stdin.write(options.input ?? '');
      child.on('exit', () => child.stdin.end());
    } else child.stdin.end(options.input ?? '');
  });
