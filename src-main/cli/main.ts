/**
 * The `waie` command line: dispatches to the commands of the registry. Errors are one paragraph with
 * what to do, never a stack trace; secrets are never printed. Exit codes: see run-job.ts.
 */
import { readFile } from 'node:fs/promises';
import { WaieError } from '../../src-shared/errors.ts';
import { parseCommandLine } from './args.ts';
import { findCommand } from './commands/index.ts';
import type { CliIo } from './commands/types.ts';
import { commandHelp, generalHelp } from './help.ts';
import { formatError } from './run-job.ts';

export type { CliIo } from './commands/types.ts';

/** Runs `waie` with `argv` (without node and script). Returns the exit code. */
export async function main(argv: string[], io: CliIo = { out: process.stdout, err: process.stderr, env: process.env }): Promise<number> {
  const name = argv[0] ?? '';
  const lower = name.toLowerCase();
  try {
    if (!name || ['help', '/?', '-?', '--help', '-h'].includes(lower)) {
      const topic = argv[1];
      const text = topic ? commandHelp(topic) : generalHelp();
      if (!text) {
        io.err.write(`error: there is no command "${topic}".\n\n${generalHelp()}`);
        return 2;
      }
      io.out.write(text);
      return 0;
    }
    if (lower === 'version' || lower === '--version') {
      const pkg = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
      io.out.write(`waie ${pkg.version}\n`);
      return 0;
    }
    const command = findCommand(name);
    if (!command) {
      io.err.write(`error: unknown command "${name}".\n\n${generalHelp()}`);
      return 2;
    }
    const rest = argv.slice(1);
    if (rest.includes('/?') || rest.includes('--help')) {
      io.out.write(commandHelp(command.name) ?? '');
      return 0;
    }
    const parsed = parseCommandLine(rest, command.params, command.name);
    if (parsed.positionals.length) {
      throw new WaieError({ code: 'BAD_INPUT', title: `Unexpected "${parsed.positionals[0]}"`, detail: 'Parameters are written /Name:value, e.g. /d:G:\\. Quote values that contain spaces.' });
    }
    return await command.run(parsed.params, io);
  } catch (err) {
    if (err instanceof WaieError) {
      io.err.write(formatError(err.info));
      return 2;
    }
    io.err.write(`error: unexpected failure: ${(err as Error)?.message ?? String(err)}\n`);
    return 3;
  }
}
