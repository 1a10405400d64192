/**
 * `waie Status` (issue 8): where a job (and one of its drives) is in the Import/Export life cycle of
 * seed 002, what that state means, what happens next, what can go wrong in it; `/svg:` writes the
 * diagram with the states highlighted. English or Dutch (`/lang:nl`).
 *
 * Exit codes: 0 explained; 2 bad input (an unknown state: the valid ones are listed); 3 the SVG could
 * not be written.
 */
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { WaieError } from '../../../src-shared/errors.ts';
import {
  DRIVE_STATES,
  JOB_STATES,
  describeDriveState,
  describeJobState,
  lifecycleSvg,
  parseDriveState,
  parseJobState,
  type LifecycleStateDescription,
} from '../../../src-shared/lifecycle/index.ts';
import type { Language } from '../../../src-shared/status/index.ts';
import type { ParamSpecs } from '../args.ts';
import { missingParams } from './repair-export.ts';
import type { CliCommand, CliIo } from './types.ts';

/** Parameters of `waie Status`: the job state (required), a drive state, the SVG file and language. */
export const STATUS_PARAMS = {
  state: { required: true, value: '<JobState>', help: `The job's state as Get Job or the portal shows it: ${JOB_STATES.join(', ')}.` },
  drive: { required: false, value: '<DriveState>', help: `A drive's state (Get Job's DriveList): ${DRIVE_STATES.join(', ')}.` },
  svg: { required: false, value: '<file>', help: 'Write the life-cycle diagram (job, and drive when /drive is given) with the current states highlighted, as an SVG file.' },
  lang: { required: false, value: '<en|nl>', help: 'Language: en (default) or nl.' },
} as const satisfies ParamSpecs;

const WORDS = {
  en: { job: 'Job state', drive: 'Drive state', means: 'What it means', next: 'What happens next', from: 'From here', faulted: 'Faulted is possible from any state (the operations team then contacts you).', errors: 'If something goes wrong in this state', exportOnly: 'export jobs only', timing: 'Timing', maxDays: (d: number) => `at most ${d} days in this state`, deleted: (d: number) => `the job is deleted after ${d} days`, notes: 'Notes', importOnly: 'import jobs only', by: { customer: 'you', service: 'the service', operations: 'the operations team' }, final: 'This is a final state.', svg: 'Diagram' },
  nl: { job: 'Status van de taak', drive: 'Status van de schijf', means: 'Wat het betekent', next: 'Wat er nu gebeurt', from: 'Van hier naar', faulted: 'Faulted kan vanuit elke status (het operationele team neemt dan contact met u op).', errors: 'Als er in deze status iets misgaat', exportOnly: 'alleen exporttaken', timing: 'Termijnen', maxDays: (d: number) => `hoogstens ${d} dagen in deze status`, deleted: (d: number) => `de taak wordt na ${d} dagen verwijderd`, notes: 'Opmerkingen', importOnly: 'alleen importtaken', by: { customer: 'u', service: 'de service', operations: 'het operationele team' }, final: 'Dit is een eindstatus.', svg: 'Diagram' },
} as const;

const plain = (s: string): string => s.replace(/`([^`]+)`/g, '$1');

/** One state as text: meaning, next, transitions, error cases, timing. */
export function formatState<S extends string>(d: LifecycleStateDescription<S>, heading: string): string {
  const w = WORDS[d.lang];
  const out = [`${heading}: ${d.state}${d.onlyFor ? ` (${d.onlyFor === 'import' ? w.importOnly : w.exportOnly})` : ''}`, `  ${w.means}: ${plain(d.meaning)}`, `  ${w.next}: ${plain(d.next)}`];
  if (d.transitions.length) {
    out.push(`  ${w.from}:`);
    for (const t of d.transitions) out.push(`    → ${t.to}${t.kind === 'exception' ? ' (!)' : ''}: ${t.when} [${w.by[t.by]}]`);
  } else if (d.terminal) out.push(`  ${w.final}`);
  if (d.state !== 'Faulted') out.push(`  ${w.faulted}`);
  const timing = [d.maxDays !== undefined ? w.maxDays(d.maxDays) : '', d.deletedAfterDays !== undefined ? w.deleted(d.deletedAfterDays) : ''].filter(Boolean);
  if (timing.length) out.push(`  ${w.timing}: ${timing.join('; ')}.`);
  if (d.errorCases.length) {
    out.push(`  ${w.errors}:`);
    for (const e of d.errorCases) out.push(`    - ${plain(e.event)}${e.exportOnly ? ` (${w.exportOnly})` : ''}`, `      ${plain(e.resolution)}`);
  }
  return out.join('\n') + '\n';
}

function badState(what: 'job' | 'drive', value: string, lang: Language): WaieError {
  const list = (what === 'job' ? JOB_STATES : DRIVE_STATES).join(', ');
  return new WaieError({
    code: 'BAD_INPUT',
    title: lang === 'nl' ? `Onbekende ${what === 'job' ? 'taakstatus' : 'schijfstatus'} "${value}"` : `Unknown ${what} state "${value}"`,
    detail: lang === 'nl' ? `Geldige waarden: ${list}.` : `Valid values: ${list}.`,
  });
}

/** Runs `waie Status`. Throws WaieError `BAD_INPUT` (exit code 2). */
export async function runStatusCommand(params: Partial<Record<string, string>>, io: CliIo): Promise<number> {
  const missing = missingParams(STATUS_PARAMS, params);
  if (missing.length) throw new WaieError({ code: 'BAD_INPUT', title: `Missing ${missing.join(', ')}`, detail: `Give the job's state, e.g. /state:Transferring. Valid values: ${JOB_STATES.join(', ')}.` });
  const langIn = (params.lang ?? 'en').trim().toLowerCase();
  if (langIn !== 'en' && langIn !== 'nl') throw new WaieError({ code: 'BAD_INPUT', title: 'Invalid /lang', detail: 'Give /lang:en (English) or /lang:nl (Dutch).' });
  const lang: Language = langIn;
  const job = parseJobState(params.state);
  if (!job) throw badState('job', params.state ?? '', lang);
  const drive = params.drive !== undefined ? parseDriveState(params.drive) : undefined;
  if (params.drive !== undefined && !drive) throw badState('drive', params.drive, lang);
  const w = WORDS[lang];
  const jd = describeJobState(job, lang);
  let text = formatState(jd, w.job);
  if (drive) text += '\n' + formatState(describeDriveState(drive, lang), w.drive);
  text += `\n${w.notes}:\n${jd.notes.map((x) => `  - ${plain(x)}`).join('\n')}\n`;
  io.out.write(text);
  if (params.svg) {
    const file = resolve(params.svg);
    try {
      await writeFile(file, `<?xml version="1.0" encoding="UTF-8"?>\n${lifecycleSvg(job, drive, { lang })}\n`, 'utf8');
    } catch (err) {
      io.err.write(`error: the diagram cannot be written.\n${file}: ${(err as Error).message}\n`);
      return 3;
    }
    io.out.write(`\n${w.svg}: ${file}\n`);
  }
  return 0;
}

/** The `waie Status` command for the registry (`commands/index.ts`). */
export const statusCommand: CliCommand = {
  name: 'Status',
  summary: "Explain where an Import/Export job (and a drive) is: what its state means, what happens next, what can go wrong in it. With /svg, draw the job and drive life cycles with the current states highlighted.",
  usage: 'Status /state:<JobState> [/drive:<DriveState>] [/svg:<file>] [/lang:<en|nl>]',
  params: STATUS_PARAMS,
  notes: `States are matched case-insensitively. Source: Microsoft's "Retrieving state information for an
Import/Export job".

Example:
  waie Status /state:Transferring /drive:CompletedMoreInfo /svg:where.svg`,
  run: (params, io) => runStatusCommand(params, io),
};
