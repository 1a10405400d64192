/**
 * Types of the job and drive life cycles of the Azure Import/Export service, as data.
 *
 * Source: seed `002_…` (Microsoft's "Retrieving state information for an Import/Export job", Dutch
 * machine translation): the tables "Taakstatussen" (job states), the job error table, "Station
 * statussen" (drive states), the drive error table and "Fout statussen" (Faulted); formats.md §7.
 * Pure (src-shared): plain, frozen, JSON-able objects.
 */
import type { Language } from '../status/types.ts';

export type { Language } from '../status/types.ts';

/**
 * Job states as `Get Job` returns them (seed 002, "Taakstatussen" and "Fout statussen"):
 * `Creating` → `Shipping` → `Received` → `Transferring` → `Packaging` → `Completed` | `Closed`; any
 * state may become `Faulted`.
 */
export type JobLifecycleState = 'Creating' | 'Shipping' | 'Received' | 'Transferring' | 'Packaging' | 'Completed' | 'Closed' | 'Faulted';

/**
 * Drive states, the `State` of each drive in `Get Job`'s `DriveList` (seed 002, "Station statussen"):
 * `Specified` (import) → `Received` (an export's drives start here) → `Transferring` → `Completed` |
 * `CompletedMoreInfo` → `ShippedBack`; also `NeverReceived` and `Faulted`.
 */
export type DriveLifecycleState = 'Specified' | 'Received' | 'NeverReceived' | 'Transferring' | 'Completed' | 'CompletedMoreInfo' | 'ShippedBack' | 'Faulted';

/** Which life cycle: the job's or one drive's. */
export type LifecycleKind = 'job' | 'drive';

/** A text in every language of the product. */
export type Localized = Readonly<Record<Language, string>>;

/** Who makes a transition happen: you (the customer, e.g. Update Job Properties), the service, or its operations team. */
export type TransitionActor = 'customer' | 'service' | 'operations';

/**
 * One arrow of a life cycle. `kind`: `normal` is the expected path; `exception` only happens when
 * something goes wrong (the error tables of seed 002), e.g. `Shipping` → `Closed` after 30 days
 * without an answer. Transitions into and out of `Faulted` are not listed per state: every state can
 * become `Faulted` and a resolved `Faulted` goes back to "the appropriate state" (seed 002, "Fout
 * statussen"); see {@link LifecycleStateInfo.terminal} and `faultedFromAnyState`.
 */
export interface LifecycleTransition<S extends string> {
  from: S;
  to: S;
  by: TransitionActor;
  kind: 'normal' | 'exception';
  /** When it happens, in plain words. */
  when: Localized;
}

/**
 * One row of the seed's error tables: an event that can happen while the job (or drive) is in
 * `states`, and what then happens / what to do. `states` is empty for the drive row "N/A" (a drive that
 * belongs to no job). `alsoWithoutJob` marks the job row "Creating or Undefined" (no record of the job).
 */
export interface LifecycleErrorCase<S extends string> {
  states: readonly S[];
  alsoWithoutJob?: boolean;
  /** The event (seed column "Gebeurtenis"). */
  event: Localized;
  /** Resolution / next steps (seed column "Resolutie / de volgende stap(pen)"). */
  resolution: Localized;
  /** Only for export jobs (seed: "geldt alleen voor een exporttaak"). */
  exportOnly?: boolean;
}

/** One state: what it means and what happens next, per language, with the timing rules of the seed. */
export interface LifecycleStateInfo<S extends string> {
  state: S;
  /** What the state means (seed column "Beschrijving"). */
  meaning: Localized;
  /** What happens next, and what you can do now. */
  next: Localized;
  /** No further state on the normal path (`Completed`, `Closed`, `ShippedBack`). */
  terminal: boolean;
  /** Import or export only (drive `Specified` is import only); undefined for both. */
  onlyFor?: 'import' | 'export';
  /**
   * Timing rules of the seed, in days: `maxDays` the longest the state lasts before something
   * happens (Creating: deleted after 14 days; Shipping: operators alerted after 14 days);
   * `deletedAfterDays` how long a finished job is kept (Completed, Closed: 90 days).
   */
  maxDays?: number;
  deletedAfterDays?: number;
}

/** A whole life cycle: states in diagram order, transitions, error cases, and a general note. */
export interface Lifecycle<S extends string> {
  kind: LifecycleKind;
  states: readonly LifecycleStateInfo<S>[];
  transitions: readonly LifecycleTransition<S>[];
  errorCases: readonly LifecycleErrorCase<S>[];
  /** The state(s) a new job or drive starts in. */
  initial: readonly S[];
  /** Notes that apply to the whole cycle (cancelled jobs; Faulted). */
  notes: readonly Localized[];
}

/** What {@link describeJobState}/{@link describeDriveState} return: one state explained in one language. */
export interface LifecycleStateDescription<S extends string> {
  kind: LifecycleKind;
  state: S;
  lang: Language;
  meaning: string;
  next: string;
  terminal: boolean;
  onlyFor?: 'import' | 'export';
  maxDays?: number;
  deletedAfterDays?: number;
  /** Where the state can go from here (normal and exception arrows; `Faulted` is always possible too). */
  transitions: Array<{ to: S; by: TransitionActor; kind: 'normal' | 'exception'; when: string }>;
  /** The error cases of the seed's tables that apply in this state. */
  errorCases: Array<{ event: string; resolution: string; exportOnly: boolean }>;
  /** The cycle's general notes. */
  notes: string[];
}
