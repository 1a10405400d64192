/**
 * The per-file list, fast with 100,000 files: rows come from the files store (changed in place, see
 * stores/files.ts), this component alone re-renders — at most once per animation frame, as a transition
 * so typing and clicking go first — and only the visible rows are in the DOM (@tanstack/react-virtual).
 */
import { startTransition, useEffect, useRef, useState } from 'react';
import { Text, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useTranslation } from 'react-i18next';
import { categoryOfCode, useStatusText, useUiLanguage } from '../../i18n/hooks.ts';
import { formatCount } from '../../lib/format.ts';
import { fileAt, useFilesStore } from '../../stores/files.ts';

export const ROW_HEIGHT = 30;
const VIEW_HEIGHT = 320;

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  table: {
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  header: {
    display: 'grid',
    gridTemplateColumns: '1fr 260px',
    paddingInline: tokens.spacingHorizontalM,
    paddingBlock: tokens.spacingVerticalXS,
    backgroundColor: tokens.colorNeutralBackground3,
    fontWeight: tokens.fontWeightSemibold,
  },
  scroll: {
    height: `${VIEW_HEIGHT}px`,
    overflowY: 'auto',
    position: 'relative',
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}` },
  },
  row: {
    position: 'absolute',
    left: 0,
    right: 0,
    height: `${ROW_HEIGHT}px`,
    display: 'grid',
    gridTemplateColumns: '1fr 260px',
    alignItems: 'center',
    paddingInline: tokens.spacingHorizontalM,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke3}`,
  },
  path: { fontFamily: tokens.fontFamilyMonospace, whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' },
  status: { whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' },
  failed: { color: tokens.colorPaletteRedForeground1 },
  done: { color: tokens.colorPaletteGreenForeground1 },
});

export function FileList() {
  const { t } = useTranslation();
  const lang = useUiLanguage();
  const describe = useStatusText();
  const styles = useStyles();
  const scroller = useRef<HTMLDivElement>(null);
  const [, setVersion] = useState(() => useFilesStore.getState().version);

  useEffect(() => {
    let frame = 0;
    const unsubscribe = useFilesStore.subscribe((s, prev) => {
      if (s.version === prev.version || frame) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        startTransition(() => setVersion(useFilesStore.getState().version));
      });
    });
    return () => {
      unsubscribe();
      if (frame) cancelAnimationFrame(frame);
    };
  }, []);

  const { rows, failed } = useFilesStore.getState();
  const count = rows.length;
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
    // The list's viewport has a fixed height (VIEW_HEIGHT in its style), so there is nothing to measure.
    observeElementRect: (instance, onRect) => {
      onRect({ width: instance.scrollElement?.clientWidth ?? 0, height: VIEW_HEIGHT });
      return undefined;
    },
  });

  return (
    <section className={styles.root} aria-labelledby="files-heading">
      <Text as="h3" id="files-heading" weight="semibold" size={400} style={{ margin: 0 }}>
        {t('repair.files.title')}
      </Text>
      <Text size={200} data-testid="files-summary">
        {count === 0 ? t('repair.files.none') : t('repair.files.summary', { count, formatted: formatCount(count, lang), failed: formatCount(failed, lang) })}
      </Text>
      <div className={styles.table} role="table" aria-label={t('repair.files.title')} aria-rowcount={count + 1}>
        <div role="rowgroup">
          <div className={styles.header} role="row" aria-rowindex={1}>
            <span role="columnheader">{t('repair.files.file')}</span>
            <span role="columnheader">{t('repair.files.status')}</span>
          </div>
        </div>
        <div ref={scroller} className={styles.scroll} tabIndex={0} role="rowgroup" aria-label={t('repair.files.scroll')}>
          <div style={{ height: `${virtualizer.getTotalSize()}px`, position: 'relative' }}>
            {virtualizer.getVirtualItems().map((item) => {
              const row = fileAt(item.index);
              if (!row) return null;
              const statusText =
                row.status === 'failed' && row.statusCode
                  ? `${describe(categoryOfCode(row.statusCode, ['blob', 'range', 'sidecar']), row.statusCode).title} (${row.statusCode})`
                  : t(`repair.files.state.${row.status}`);
              return (
                <div
                  key={item.key}
                  role="row"
                  aria-rowindex={item.index + 2}
                  className={styles.row}
                  style={{ transform: `translateY(${item.start}px)` }}
                  title={row.detail}
                >
                  <span role="cell" className={styles.path}>
                    {row.path}
                  </span>
                  <span role="cell" className={mergeClasses(styles.status, row.status === 'failed' && styles.failed, row.status === 'done' && styles.done)}>
                    {statusText}
                  </span>
                </div>
              );
            })}
          </div>
        </div>
      </div>
    </section>
  );
}
