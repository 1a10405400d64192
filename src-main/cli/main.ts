/**
 * The `waie` command line. Exit codes: 0 every component repaired and verified; 1 some components
 * not repaired; 2 bad input (nothing written); 3 the run stopped (resumable); 130 cancelled.
 * Errors are one paragraph with what to do, never a stack trace; secrets are never printed.
 */
import { readFile } from 'node:fs/promises';
import type { RepairExportRequest } from '../../src-shared/engine-protocol.ts';
import { WaieError, type ErrorInfo } from '../../src-shared/errors.ts';
import { describeStatusCode } from '../../src-shared/status/index.ts';
import { EngineHost } from '../host/engine-host.ts';
import { displayName, parseCommandLine, REPAIR_EXPORT_PARAMS } from './args.ts';
import { GENERAL_HELP, commandHelp } from './help.ts';
import { createProgressView } from './progress-view.ts';

/** Streams the CLI writes to (parameters for tests). */
export interface CliIo {
  out: NodeJS.WritableStream;
  err: NodeJS.WriteStream;
  env: NodeJS.ProcessEnv;
}

function formatError(e: ErrorInfo): string {
  let s = `error: ${e.title.replace(/\.$/, '')}.\n${e.detail}\n`;
  if (e.file && e.line !== undefined) s += `Where: ${e.file}, line ${e.line}${e.column !== undefined ? `, column ${e.column}` : ''}.\n`;
  if (e.statusCode) {
    const d = describeStatusCode(e.statusCode, 'en');
    s += `Status code: ${e.statusCode}${d.known ? ` — ${d.explanation} ${d.nextStep}` : ''}\n`;
  }
  return s;
}

/** Builds the RepairExport request from parsed parameters. Throws WaieError `BAD_INPUT`. */
export function repairExportRequest(params: Partial<Record<string, string>>, env: NodeJS.ProcessEnv): RepairExportRequest {
  const missing = Object.entries(REPAIR_EXPORT_PARAMS)
    .filter(([k, p]) => p.required && !params[k])
    .map(([k]) => displayName(k));
  // The command line wins over the environment; /csas on the command line wins over a key in the environment.
  const accountKey = params.csas ? undefined : (params.sk ?? env.WAIE_STORAGE_ACCOUNT_KEY);
  const containerSas = accountKey ? undefined : (params.csas ?? env.WAIE_CONTAINER_SAS);
  if (!accountKey && !containerSas) missing.push('/sk or /csas');
  if (missing.length) {
    throw new WaieError({ code: 'BAD_INPUT', title: `Missing ${missing.join(', ')}`, detail: `RepairExport needs /r, /d, /sn, /CopyLogFile and one of /sk or /csas. Run "waie help RepairExport" for what each one is.` });
  }
  if (params.sk && params.csas) throw new WaieError({ code: 'BAD_INPUT', title: 'Give /sk or /csas, not both', detail: 'Use the account key (/sk) or a container SAS (/csas).' });
  if (params.bk) {
    throw new WaieError({ code: 'BAD_INPUT', title: '/bk is not available yet', detail: 'This version cannot unlock BitLocker drives itself. Unlock the drive first (Windows: manage-bde -unlock G: -RecoveryPassword <key>; Linux: dislocker), then run the command again without /bk.', statusCode: 'BitLockerFailed' });
  }
  const concurrency = params.concurrency ? Number(params.concurrency) : undefined;
  if (concurrency !== undefined && (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64)) {
    throw new WaieError({ code: 'BAD_INPUT', title: 'Invalid /concurrency', detail: 'Give a whole number from 1 to 64.' });
  }
  return {
    repairFile: params.r!,
    targetDir: params.d!,
    copyLogFile: params.copylogfile!,
    manifestFile: params.manifestfile,
    logDir: params.logdir ?? process.cwd(),
    concurrency,
    credentials: { accountName: params.sn!, accountKey, containerSas, blobEndpoint: params.blobendpoint },
  };
}

async function runRepairExportCommand(params: Partial<Record<string, string>>, io: CliIo): Promise<number> {
  const request = repairExportRequest(params, io.env);
  const host = new EngineHost();
  const view = createProgressView(io.err);
  const unsubscribe = host.subscribe((e) => {
    if (e.type === 'progress') view.update(e.progress);
  });
  const onSigint = (): void => {
    io.err.write('\nCancelling… (the repair file keeps what is done; run the same command to resume)\n');
    host.cancel();
  };
  process.on('SIGINT', onSigint);
  try {
    const end = await host.runRepairExport(request);
    view.stop();
    if (end.type === 'done') {
      io.out.write(await readFile(end.result.summaryFile, 'utf8'));
      return end.result.exitCode;
    }
    if (end.type === 'cancelled') {
      io.err.write('Cancelled. Run the same command again to resume.\n');
      return 130;
    }
    io.err.write(formatError(end.error));
    return end.error.code === 'BAD_INPUT' || end.error.code === 'XML_PARSE' || end.error.code === 'MANIFEST_INVALID' || end.error.code.startsWith('REPAIR_FILE') || end.error.code === 'DRIVE_ID_MISMATCH' ? 2 : 3;
  } finally {
    view.stop();
    unsubscribe();
    process.off('SIGINT', onSigint);
  }
}

/** Runs `waie` with `argv` (without node and script). Returns the exit code. */
export async function main(argv: string[], io: CliIo = { out: process.stdout, err: process.stderr, env: process.env }): Promise<number> {
  const cmd = (argv[0] ?? '').toLowerCase();
  try {
    if (!cmd || cmd === 'help' || cmd === '/?' || cmd === '--help' || cmd === '-h') {
      const topic = argv[1];
      const text = topic ? commandHelp(topic) : GENERAL_HELP;
      if (!text) {
        io.err.write(`error: there is no command "${topic}".\n\n${GENERAL_HELP}`);
        return 2;
      }
      io.out.write(text);
      return 0;
    }
    if (cmd === 'version' || cmd === '--version') {
      const pkg = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
      io.out.write(`waie ${pkg.version}\n`);
      return 0;
    }
    if (cmd === 'repairexport') {
      const parsed = parseCommandLine(argv, Object.keys(REPAIR_EXPORT_PARAMS));
      if (parsed.positionals.length) throw new WaieError({ code: 'BAD_INPUT', title: `Unexpected "${parsed.positionals[0]}"`, detail: 'Parameters are written /Name:value, e.g. /d:G:\\. Quote values that contain spaces.' });
      if ('?' in parsed.params || argv.includes('/?')) {
        io.out.write(commandHelp('RepairExport') ?? '');
        return 0;
      }
      return await runRepairExportCommand(parsed.params, io);
    }
    io.err.write(`error: unknown command "${argv[0]}".\n${cmd === 'repairimport' ? 'RepairImport is not available yet.\n' : ''}\n${GENERAL_HELP}`);
    return 2;
  } catch (err) {
    if (err instanceof WaieError) {
      io.err.write(formatError(err.info));
      return 2;
    }
    io.err.write(`error: unexpected failure: ${(err as Error)?.message ?? String(err)}\n`);
    return 3;
  }
}
