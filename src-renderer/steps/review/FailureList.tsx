/**
 * The failed items of a review: each file with its status, what failed (ranges), the bytes affected,
 * a strip showing where in the file the failures sit (stripSvg), whether a repair can fix it, why, and
 * a button to run the matching repair. Up to 1000 items, so only the visible rows are in the DOM
 * (@tanstack/react-virtual, fixed row height).
 */
import { useRef } from 'react';
import { Badge, Button, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useTranslation } from 'react-i18next';
import { stripSvg, type RepairCommand, type ReviewFailure } from '../../../src-shared/review/index.ts';
import { useUiLanguage } from '../../i18n/hooks.ts';
import { formatBytes, formatCount } from '../../lib/format.ts';

/** Height of one row, px. */
export const FAILURE_ROW_HEIGHT = 150;
const VIEW_HEIGHT = 480;

const useStyles = makeStyles({
  table: { border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`, borderRadius: tokens.borderRadiusMedium },
  scroll: { overflowY: 'auto', position: 'relative', ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}` } },
  row: {
    position: 'absolute',
    left: 0,
    right: 0,
    height: `${FAILURE_ROW_HEIGHT}px`,
    boxSizing: 'border-box',
    display: 'flex',
    flexDirection: 'column',
    gap: '2px',
    overflow: 'hidden',
    paddingInline: tokens.spacingHorizontalM,
    paddingBlock: tokens.spacingVerticalS,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke3}`,
  },
  line: { display: 'flex', gap: tokens.spacingHorizontalM, alignItems: 'center', minWidth: 0 },
  path: { fontFamily: tokens.fontFamilyMonospace, whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis', flexGrow: 1, fontWeight: tokens.fontWeightSemibold },
  small: { whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis', color: tokens.colorNeutralForeground2 },
  strip: { height: '30px', maxWidth: '640px', '& svg': { display: 'block', width: '100%', height: '30px' } },
});

function whatFailed(f: ReviewFailure, t: (k: string, o?: Record<string, unknown>) => string, lang: 'en' | 'nl'): string {
  if (f.kind === 'entity') return f.entity?.errorMessage ?? f.entity?.errorCode ?? t('review.failures.entity');
  if (f.whole) return t('review.failures.whole');
  const parts = f.failedRanges.slice(0, 3).map((r) => t('copyLog.range', { offset: formatCount(r.offset, lang), length: formatBytes(r.length, lang), status: r.status }));
  if (f.failedRangeCount > 3) parts.push(t('copyLog.moreRanges', { count: f.failedRangeCount - 3 }));
  if (f.propertiesStatus && f.propertiesStatus !== 'Completed') parts.push(t('copyLog.properties', { status: f.propertiesStatus }));
  if (f.metadataStatus && f.metadataStatus !== 'Completed') parts.push(t('copyLog.metadata', { status: f.metadataStatus }));
  return parts.join('; ') || '–';
}

/** Props of {@link FailureList}. */
export interface FailureListProps {
  failures: readonly ReviewFailure[];
  /** Runs the matching repair task with the copy log filled in. */
  onRepair(command: RepairCommand): void;
}

/** The virtualized list (see the module comment). */
export function FailureList({ failures, onRepair }: FailureListProps) {
  const { t } = useTranslation();
  const lang = useUiLanguage();
  const styles = useStyles();
  const scroller = useRef<HTMLDivElement>(null);
  const height = Math.min(VIEW_HEIGHT, Math.max(1, failures.length) * FAILURE_ROW_HEIGHT);
  const virtualizer = useVirtualizer({
    count: failures.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => FAILURE_ROW_HEIGHT,
    overscan: 4,
    // The viewport's height is fixed (its style), so there is nothing to measure.
    observeElementRect: (instance, onRect) => {
      onRect({ width: instance.scrollElement?.clientWidth ?? 0, height });
      return undefined;
    },
  });

  return (
    <div className={styles.table} role="table" aria-label={t('review.failures.title')} aria-rowcount={failures.length}>
      <div ref={scroller} className={styles.scroll} style={{ height: `${height}px` }} tabIndex={0} role="rowgroup" aria-label={t('review.failures.scroll')}>
        <div style={{ height: `${virtualizer.getTotalSize()}px`, position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const f = failures[item.index];
            if (!f) return null;
            const color = f.repairable ? 'success' : f.severity === 'warning' ? 'warning' : 'danger';
            return (
              <div key={item.key} role="row" aria-rowindex={item.index + 1} className={styles.row} style={{ transform: `translateY(${item.start}px)` }} data-testid="review-failure">
                <div role="cell" className={styles.line}>
                  <span className={styles.path} title={f.filePath || f.blobPath}>
                    {f.filePath || f.blobPath}
                  </span>
                  <Text size={200}>
                    {f.statusTitle} ({f.status})
                  </Text>
                </div>
                <Text role="cell" size={200} className={styles.small} title={f.blobPath}>
                  {t('review.failures.blob', { blob: f.blobPath })} · {whatFailed(f, t, lang)} · {t('review.failures.affected', { bytes: formatBytes(f.bytesAffected, lang) })}
                </Text>
                {f.strip && (
                  <div
                    className={styles.strip}
                    role="cell"
                    dangerouslySetInnerHTML={{
                      __html: stripSvg({
                        strip: f.strip,
                        idPrefix: `rv-strip-${item.index}`,
                        title: t('review.failures.stripTitle', { file: f.filePath || f.blobPath, count: f.failedRangeCount, bytes: formatBytes(f.bytesAffected, lang), length: formatBytes(f.strip.length, lang) }),
                      }),
                    }}
                  />
                )}
                <div role="cell" className={styles.line}>
                  <Badge appearance="tint" color={color}>
                    {f.repairable ? t('review.failures.repairable') : t('review.failures.notRepairable')}
                  </Badge>
                  <Text size={200} className={styles.small} title={`${f.why} ${f.nextStep}`}>
                    {f.why}
                  </Text>
                  {f.repairable && f.command && (
                    <Button size="small" onClick={() => onRepair(f.command!)} aria-label={t('review.failures.repairWithFor', { command: f.command, file: f.filePath || f.blobPath })}>
                      {t('review.repairWith', { command: f.command })}
                    </Button>
                  )}
                </div>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
