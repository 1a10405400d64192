/**
 * WAImportExport-style arguments: `/name:value` (value may contain `:`, as in `/d:G:\`), names
 * case-insensitive, so an operator's existing `WAImportExport.exe RepairExport …` command works
 * unchanged (seed `003_…`). The tokens are normalised to `--name=value` and parsed by Node's own
 * `util.parseArgs` (strict: an unknown parameter is an error).
 */
import { parseArgs } from 'node:util';
import { WaieError } from '../../src-shared/errors.ts';

/** One parameter of a command. Keys of a {@link ParamSpecs} map are the lower-case names. */
export interface ParamSpec {
  /** Spelling in help and messages when it differs from the key (`CopyLogFile`). */
  name?: string;
  required: boolean;
  /** Placeholder in help, e.g. `<RepairFile>`. */
  value: string;
  help: string;
  /** A flag without value (`/json`). */
  flag?: boolean;
}

export type ParamSpecs = Readonly<Record<string, ParamSpec>>;

/** The parameter as WAImportExport's documentation spells it: `/CopyLogFile`, `/r`. */
export function displayName(specs: ParamSpecs, param: string): string {
  return `/${specs[param]?.name ?? param}`;
}

/** Parsed command line: parameters by lower-case name (flags as `'true'`), and positionals. */
export interface ParsedCommandLine {
  params: Partial<Record<string, string>>;
  positionals: string[];
}

/**
 * Normalises `/Name:value`, `/Name=value`, `/Name` and `--name=value` tokens (the command name itself
 * not included) and parses them against `specs`. Throws WaieError `BAD_INPUT` for an unknown or
 * repeated parameter or a missing value; `command` is used in the message.
 */
export function parseCommandLine(args: readonly string[], specs: ParamSpecs, command: string): ParsedCommandLine {
  const tokens: string[] = [];
  for (const t of args) {
    const m = /^(?:\/|--?)([A-Za-z?][A-Za-z0-9]*)(?:[:=]([\s\S]*))?$/.exec(t);
    if (m && m[1]) tokens.push(m[2] !== undefined ? `--${m[1].toLowerCase()}=${m[2]}` : `--${m[1].toLowerCase()}`);
    else tokens.push(t);
  }
  const options = Object.fromEntries(Object.entries(specs).map(([k, s]) => [k, { type: s.flag ? ('boolean' as const) : ('string' as const) }]));
  try {
    const { values, positionals } = parseArgs({ args: tokens, options, strict: true, allowPositionals: true });
    const params = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, typeof v === 'boolean' ? String(v) : v])) as Record<string, string>;
    return { params, positionals };
  } catch (err) {
    const msg = (err as Error).message;
    const unknown = /Unknown option '--([^']+)'/.exec(msg);
    throw new WaieError({
      code: 'BAD_INPUT',
      title: unknown ? `Unknown parameter /${unknown[1]}` : 'The command line cannot be read',
      detail: unknown ? `"/${unknown[1]}" is not a parameter of ${command}. Run "waie help ${command}" to see the parameters.` : `${msg.replace(/--/g, '/')}. Parameters are written /Name:value, e.g. /d:G:\\.`,
    });
  }
}
