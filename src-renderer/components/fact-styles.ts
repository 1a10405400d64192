/**
 * Shared style rules for the wizard's fact lists (`<dl>` of label → value) and monospace paths, spread
 * into each step's `makeStyles` so every step lays facts out the same way.
 */
import { tokens } from '@fluentui/react-components';

export const factStyles = {
  facts: { display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: tokens.spacingHorizontalXL, rowGap: tokens.spacingVerticalXS, margin: 0 },
  dt: { color: tokens.colorNeutralForeground2 },
  dd: { margin: 0 },
  mono: { fontFamily: tokens.fontFamilyMonospace, wordBreak: 'break-all' },
} as const;
