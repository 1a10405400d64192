/** A `waie` command: its parameters, help and runner. */
import type { ParamSpecs } from '../args.ts';

/** Streams and environment the CLI uses (parameters so tests can capture them). */
export interface CliIo {
  out: NodeJS.WritableStream;
  err: NodeJS.WriteStream;
  env: NodeJS.ProcessEnv;
}

export interface CliCommand {
  /** As typed by operators, e.g. `RepairExport` (matched case-insensitively). */
  name: string;
  /** One line for the general help. */
  summary: string;
  /** Usage lines (without "waie "). */
  usage: string;
  params: ParamSpecs;
  /** Extra help text after the parameter list (exit codes, examples). */
  notes?: string;
  /** Runs the command; resolves with the exit code. Throws WaieError for bad input (exit code 2). */
  run(params: Partial<Record<string, string>>, io: CliIo): Promise<number>;
}
