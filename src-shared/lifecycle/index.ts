/**
 * Job and drive life cycles of Azure Import/Export (seed `002_…`) as data, explanations in English and
 * Dutch, and SVG diagrams with the current state highlighted. Pure (src-shared): usable by the CLI
 * (`waie Status`), the HTML review report and the wizard.
 */
export { JOB_LIFECYCLE, DRIVE_LIFECYCLE, JOB_STATES, DRIVE_STATES } from './data.ts';
export { parseJobState, parseDriveState, describeJobState, describeDriveState, driveStateForLogStatus } from './describe.ts';
export { jobLifecycleSvg, driveLifecycleSvg, lifecycleSvg, type LifecycleSvgOptions } from './diagram.ts';
export type {
  JobLifecycleState,
  DriveLifecycleState,
  LifecycleKind,
  Localized,
  TransitionActor,
  LifecycleTransition,
  LifecycleErrorCase,
  LifecycleStateInfo,
  Lifecycle,
  LifecycleStateDescription,
} from './types.ts';
