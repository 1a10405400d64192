/**
 * Running Windows PowerShell scripts through the injected {@link CommandRunner}: always as
 * `powershell -NoProfile -NonInteractive -Command -` with the script on standard input (platform.md
 * §Windows: a key passed this way is not on a command line other processes can read). `-Command -` runs
 * its input line by line, so scripts are collapsed to one line here: every statement of a script given to
 * {@link runPowerShell} must end with `;` or a closing brace.
 */
import type { CommandResult, CommandRunner } from './command-runner.ts';

/** The PowerShell executable and its arguments (Windows PowerShell 5.1, present on every Windows 10/11). */
export const POWERSHELL = 'powershell';
/** Its arguments: no profile, no prompts, the script read from standard input. */
export const POWERSHELL_ARGS: readonly string[] = ['-NoProfile', '-NonInteractive', '-Command', '-'];

/** Collapses a script written over several lines to one line (see the module note). */
export function oneLine(script: string): string {
  return script
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .join(' ');
}

/**
 * Runs `script` (collapsed with {@link oneLine}, UTF-8 output forced) and resolves with the result.
 * `script` may hold a secret: it travels on standard input only and is never logged.
 */
export function runPowerShell(run: CommandRunner, script: string, timeoutMs = 120_000): Promise<CommandResult> {
  const input = `[Console]::OutputEncoding = [System.Text.Encoding]::UTF8; $ProgressPreference = 'SilentlyContinue'; ${oneLine(script)}\r\n`;
  return run(POWERSHELL, POWERSHELL_ARGS, { input, timeoutMs });
}

/** The JSON object or array PowerShell printed (the first `{` or `[` to the end), or undefined. */
export function parsePowerShellJson(stdout: string): unknown {
  const s = stdout.replace(/^\uFEFF/, '');
  const start = s.search(/[{[]/);
  if (start < 0) return undefined;
  try {
    return JSON.parse(s.slice(start).trim());
  } catch {
    return undefined;
  }
}

/** Strips CLIXML wrappers and blank lines from PowerShell's stderr; the first meaningful line, for messages. */
export function powerShellErrorLine(stderr: string): string {
  const clixml = [...stderr.matchAll(/<S S="Error">([^<]*)<\/S>/g)].map((m) => m[1]!.replace(/_x000D__x000A_/g, ' ').trim()).filter(Boolean);
  const lines = clixml.length ? clixml : stderr.split(/\r?\n/).map((l) => l.trim()).filter((l) => l && l !== '#< CLIXML');
  return lines[0] ?? 'no message';
}
