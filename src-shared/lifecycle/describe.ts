/**
 * Looking up and explaining job and drive states (seed `002_…`). Pure (src-shared).
 */
import { DRIVE_LIFECYCLE, DRIVE_STATES, JOB_LIFECYCLE, JOB_STATES } from './data.ts';
import type { DriveLifecycleState, JobLifecycleState, Language, Lifecycle, LifecycleStateDescription } from './types.ts';

function parseIn<S extends string>(states: readonly S[], input: unknown): S | undefined {
  if (typeof input !== 'string') return undefined;
  const s = input.trim().toLowerCase().replace(/[\s_-]/g, '');
  return states.find((x) => x.toLowerCase() === s);
}

/**
 * The job state named by `input`, matched case-insensitively and ignoring spaces, `_` and `-`
 * (`"transferring"`, `" Transferring "`); undefined for anything else. Never throws.
 */
export function parseJobState(input: unknown): JobLifecycleState | undefined {
  return parseIn(JOB_STATES, input);
}

/**
 * The drive state named by `input`, matched like {@link parseJobState} (`"completed more info"` finds
 * `CompletedMoreInfo`); undefined for anything else. Never throws.
 */
export function parseDriveState(input: unknown): DriveLifecycleState | undefined {
  return parseIn(DRIVE_STATES, input);
}

function describe<S extends string>(cycle: Lifecycle<S>, state: S, lang: Language): LifecycleStateDescription<S> {
  const language: Language = lang === 'nl' ? 'nl' : 'en';
  const info = cycle.states.find((s) => s.state === state);
  if (!info) throw new RangeError(`"${state}" is not a ${cycle.kind} state`);
  const out: LifecycleStateDescription<S> = {
    kind: cycle.kind,
    state,
    lang: language,
    meaning: info.meaning[language],
    next: info.next[language],
    terminal: info.terminal,
    transitions: cycle.transitions.filter((tr) => tr.from === state).map((tr) => ({ to: tr.to, by: tr.by, kind: tr.kind, when: tr.when[language] })),
    errorCases: cycle.errorCases
      .filter((e) => (e.states as readonly string[]).includes(state))
      .map((e) => ({ event: e.event[language], resolution: e.resolution[language], exportOnly: e.exportOnly === true })),
    notes: cycle.notes.map((n) => n[language]),
  };
  if (info.onlyFor) out.onlyFor = info.onlyFor;
  if (info.maxDays !== undefined) out.maxDays = info.maxDays;
  if (info.deletedAfterDays !== undefined) out.deletedAfterDays = info.deletedAfterDays;
  return out;
}

/**
 * What job state `state` means and what happens next, in `lang` (default English; anything but `nl`
 * is English): meaning, next step, the transitions out of it (normal and exception; `Faulted` is always
 * possible in addition), the rows of seed 002's job error table that apply to it, timing
 * (`maxDays`, `deletedAfterDays`) and the cycle's notes. A fresh plain object.
 * @throws RangeError when `state` is not one of {@link JOB_STATES} (use {@link parseJobState} for input)
 */
export function describeJobState(state: JobLifecycleState, lang: Language = 'en'): LifecycleStateDescription<JobLifecycleState> {
  return describe(JOB_LIFECYCLE, state, lang);
}

/**
 * What drive state `state` means and what happens next, like {@link describeJobState}, from seed 002's
 * drive tables. The error case for a drive that belongs to no job is in `DRIVE_LIFECYCLE.errorCases`
 * with `states: []` (it applies to no state).
 * @throws RangeError when `state` is not one of {@link DRIVE_STATES}
 */
export function describeDriveState(state: DriveLifecycleState, lang: Language = 'en'): LifecycleStateDescription<DriveLifecycleState> {
  return describe(DRIVE_LIFECYCLE, state, lang);
}

/**
 * The drive state a copy log's drive status implies, for showing where a drive is when only its log is
 * known. Logs exist only once a drive's processing is finished (seed 000: "the logs are available after
 * the drive has been processed"), and seed 002 says a drive becomes `Completed` when the data was
 * copied without errors and `CompletedMoreInfo` when there were "errors, warnings or informational
 * messages": so `Completed` → `Completed`, any other status (or none) → `CompletedMoreInfo`. The drive
 * may since have moved on to `ShippedBack`; callers should say "at least".
 */
export function driveStateForLogStatus(driveStatus: string | undefined): DriveLifecycleState {
  return driveStatus?.trim().toLowerCase() === 'completed' ? 'Completed' : 'CompletedMoreInfo';
}
