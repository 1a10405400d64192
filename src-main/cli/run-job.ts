/**
 * Runs an engine job from the command line: starts it through the engine host, shows progress, turns
 * Ctrl+C into a real cancel, prints the summary or the error, and maps the outcome to an exit code:
 * 0 every component repaired and verified; 1 some not; 2 bad input (nothing written); 3 the run
 * stopped (resumable); 130 cancelled.
 */
import { readFile } from 'node:fs/promises';
import type { EngineJob } from '../../src-shared/engine-protocol.ts';
import type { ErrorInfo } from '../../src-shared/errors.ts';
import { describeStatusCode } from '../../src-shared/status/index.ts';
import { EngineHost } from '../host/engine-host.ts';
import { createProgressView } from './progress-view.ts';
import type { CliIo } from './commands/types.ts';

/** Error codes that mean the input was refused before anything was written (exit code 2). */
const INPUT_ERRORS = new Set(['BAD_INPUT', 'XML_PARSE', 'MANIFEST_INVALID', 'REPAIR_FILE_MISMATCH', 'REPAIR_FILE_INVALID', 'DRIVE_ID_MISMATCH']);

/** One paragraph: title, detail, where in which file, and the status code's explanation and next step. */
export function formatError(e: ErrorInfo): string {
  let s = `error: ${e.title.replace(/\.$/, '')}.\n${e.detail}\n`;
  if (e.file && e.line !== undefined) s += `Where: ${e.file}, line ${e.line}${e.column !== undefined ? `, column ${e.column}` : ''}.\n`;
  if (e.statusCode) {
    const d = describeStatusCode(e.statusCode, 'en');
    s += `Status code: ${e.statusCode}${d.known ? ` — ${d.explanation} ${d.nextStep}` : ''}\n`;
  }
  return s;
}

/** Exit code for an error that stopped a job. */
export function exitCodeForError(e: ErrorInfo): number {
  return INPUT_ERRORS.has(e.code) ? 2 : 3;
}

/** Runs `job` with progress on `io.err`; prints the summary file on `io.out`. Returns the exit code. */
export async function runJobFromCli(job: EngineJob, io: CliIo): Promise<number> {
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
    const end = await host.run(job);
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
    return exitCodeForError(end.error);
  } finally {
    view.stop();
    unsubscribe();
    process.off('SIGINT', onSigint);
  }
}
