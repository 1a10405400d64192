/**
 * The review of a copy log as pure data (model types), the strip algorithm, and inline SVG charts.
 * Pure (src-shared); the streaming builder is `src-main/services/review/`.
 */
export type {
  JobKind,
  JobKindBasis,
  JobKindDecision,
  RepairCommand,
  CountBar,
  StripSegment,
  FailureStrip,
  FailedComponent,
  ReviewFailure,
  ReviewDisposition,
  ReviewManifest,
  ReviewLimits,
  ReviewModel,
} from './types.ts';
export { CHART_CATEGORIES } from './types.ts';
export { buildStrip, type StripRange } from './strip.ts';
export { barChartSvg, stripSvg, formatBytes, SEVERITY_COLOURS, type BarChartInput, type StripInput } from './charts.ts';
