/**
 * Shared style rules for the wizard's fact lists (`<dl>` of label → value), monospace paths and bordered
 * cards, spread into each step's `makeStyles` so every step lays them out the same way.
 */
import { tokens } from '@fluentui/react-components';

export const factStyles = {
  facts: { display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: tokens.spacingHorizontalXL, rowGap: tokens.spacingVerticalXS, margin: 0 },
  dt: { color: tokens.colorNeutralForeground2 },
  dd: { margin: 0 },
  mono: { fontFamily: tokens.fontFamilyMonospace, wordBreak: 'break-all' },
} as const;

/** A bordered card holding a column of facts (summaries, plans, reports, diagrams). */
export const cardStyle = {
  padding: tokens.spacingHorizontalL,
  border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  borderRadius: tokens.borderRadiusMedium,
  display: 'flex',
  flexDirection: 'column',
  gap: tokens.spacingVerticalS,
} as const;
