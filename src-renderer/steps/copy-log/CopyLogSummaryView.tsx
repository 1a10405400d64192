/**
 * What a copy log says, for someone who has never seen one: the drive's status with its explanation and
 * next step, how many blobs ended in each status, what failed (files and ranges), and what each status
 * met means.
 */
import { useState } from 'react';
import {
  Button,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  makeStyles,
  mergeClasses,
  tokens,
} from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { cardStyle } from '../../components/fact-styles.ts';
import type { CopyLogSummary, FailedBlobSummary } from '../../../src-shared/ipc/contract.ts';
import type { StatusCategory } from '../../../src-shared/status/index.ts';
import { StatusDetails } from '../../components/StatusDetails.tsx';
import { useStatusText, useUiLanguage } from '../../i18n/hooks.ts';
import { formatBytes, formatCount } from '../../lib/format.ts';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  card: { ...cardStyle, backgroundColor: tokens.colorNeutralBackground1 },
  h3: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  facts: { display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: tokens.spacingHorizontalL, rowGap: tokens.spacingVerticalXS, margin: 0 },
  dd: { margin: 0 },
  dt: { color: tokens.colorNeutralForeground2 },
  mono: { fontFamily: tokens.fontFamilyMonospace, wordBreak: 'break-all' },
  tableWrap: { overflowX: 'auto' },
  meanings: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, margin: 0, padding: 0, listStyle: 'none' },
  p: { margin: 0 },
});

const PAGE = 100;

function rangesText(b: FailedBlobSummary, t: (k: string, o?: Record<string, unknown>) => string, lang: 'en' | 'nl'): string {
  if (b.whole) return t('copyLog.whole');
  const parts = b.failedRanges.slice(0, 3).map((r) => t('copyLog.range', { offset: formatCount(r.offset, lang), length: formatBytes(r.length, lang), status: r.status }));
  if (b.failedRanges.length > 3) parts.push(t('copyLog.moreRanges', { count: b.failedRanges.length - 3 }));
  const sidecars = [b.propertiesStatus && b.propertiesStatus !== 'Completed' ? t('copyLog.properties', { status: b.propertiesStatus }) : '', b.metadataStatus && b.metadataStatus !== 'Completed' ? t('copyLog.metadata', { status: b.metadataStatus }) : ''].filter(Boolean);
  return [...parts, ...sidecars].join('; ') || '–';
}

function CountsTable({ counts, category, label }: { counts: Record<string, number>; category: StatusCategory; label: string }) {
  const { t } = useTranslation();
  const describe = useStatusText();
  const lang = useUiLanguage();
  const rows = Object.entries(counts).sort((a, b) => b[1] - a[1]);
  if (rows.length === 0) return null;
  return (
    <Table size="small" aria-label={label}>
      <TableHeader>
        <TableRow>
          <TableHeaderCell>{t('copyLog.col.status')}</TableHeaderCell>
          <TableHeaderCell>{t('copyLog.col.code')}</TableHeaderCell>
          <TableHeaderCell>{t('copyLog.col.count')}</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map(([code, n]) => (
          <TableRow key={code}>
            <TableCell>{describe(category, code).title}</TableCell>
            <TableCell>{code}</TableCell>
            <TableCell>{formatCount(n, lang)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/** What a copy log says; `upload` (an import job) says the failed bytes are uploaded again, not downloaded. */
export function CopyLogSummaryView({ summary, upload = false }: { summary: CopyLogSummary; upload?: boolean }) {
  const { t } = useTranslation();
  const lang = useUiLanguage();
  const describe = useStatusText();
  const styles = useStyles();
  const [shown, setShown] = useState(PAGE);
  const failed = summary.failedBlobs.slice(0, shown);

  // Every status met among the failures, explained once.
  const met = new Map<string, { category: StatusCategory; code: string }>();
  for (const b of summary.failedBlobs) {
    if (b.status !== 'Completed') met.set(`blob.${b.status}`, { category: 'blob', code: b.status });
    for (const r of b.failedRanges) met.set(`range.${r.status}`, { category: 'range', code: r.status });
    for (const s of [b.propertiesStatus, b.metadataStatus]) if (s && s !== 'Completed') met.set(`sidecar.${s}`, { category: 'sidecar', code: s });
  }

  return (
    <section className={styles.root} aria-labelledby="copylog-summary-heading">
      <h3 id="copylog-summary-heading" className={styles.h3}>
        {t('copyLog.summary.title')}
      </h3>
      <div className={styles.card}>
        <dl className={styles.facts}>
          <dt className={styles.dt}>{t('copyLog.summary.driveId')}</dt>
          <dd className={mergeClasses(styles.dd, styles.mono)}>{summary.driveId ?? t('copyLog.summary.noDriveId')}</dd>
          <dt className={styles.dt}>{t('copyLog.summary.format')}</dt>
          <dd className={styles.dd}>{t(summary.variant === 'DriveLog' && !summary.version ? 'copyLog.variant.DriveLogNoVersion' : `copyLog.variant.${summary.variant}`, { version: summary.version ?? '' })}</dd>
          <dt className={styles.dt}>{t('copyLog.summary.blobs')}</dt>
          <dd className={styles.dd}>{formatCount(summary.blobCount, lang)}</dd>
          <dt className={styles.dt}>{t('copyLog.summary.failed')}</dt>
          <dd className={styles.dd}>
            {t(upload ? 'copyLog.summary.failedValueUpload' : 'copyLog.summary.failedValue', { count: summary.failedBlobCount, formatted: formatCount(summary.failedBlobCount, lang), bytes: formatBytes(summary.bytesAffected, lang) })}
          </dd>
        </dl>
      </div>
      <div className={styles.card} aria-label={t('copyLog.summary.driveStatus')} role="group">
        <Text weight="semibold">{t('copyLog.summary.driveStatus')}</Text>
        {summary.driveStatus ? <StatusDetails category="drive" code={summary.driveStatus} /> : <Text>{t('copyLog.summary.noDriveStatus')}</Text>}
      </div>
      <div className={styles.card}>
        <Text weight="semibold">{t('copyLog.summary.byBlobStatus')}</Text>
        <CountsTable counts={summary.countsByBlobStatus} category="blob" label={t('copyLog.summary.byBlobStatus')} />
        {Object.keys(summary.countsByRangeStatus).length > 0 && (
          <>
            <Text weight="semibold">{t('copyLog.summary.byRangeStatus')}</Text>
            <CountsTable counts={summary.countsByRangeStatus} category="range" label={t('copyLog.summary.byRangeStatus')} />
          </>
        )}
      </div>
      {summary.failedBlobs.length > 0 && (
        <div className={styles.card}>
          <Text weight="semibold">{t('copyLog.failed.title')}</Text>
          {summary.failedBlobCount > summary.failedBlobs.length && (
            <Text>{t('copyLog.failed.capped', { shown: formatCount(summary.failedBlobs.length, lang), total: formatCount(summary.failedBlobCount, lang) })}</Text>
          )}
          <div className={styles.tableWrap}>
            <Table size="small" aria-label={t('copyLog.failed.title')}>
              <TableHeader>
                <TableRow>
                  <TableHeaderCell>{t('copyLog.col.file')}</TableHeaderCell>
                  <TableHeaderCell>{t('copyLog.col.status')}</TableHeaderCell>
                  <TableHeaderCell>{t('copyLog.col.what')}</TableHeaderCell>
                  <TableHeaderCell>{upload ? t('copyLog.col.bytesUpload') : t('copyLog.col.bytes')}</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {failed.map((b) => (
                  <TableRow key={`${b.blobPath}|${b.filePath}`}>
                    <TableCell>
                      <span className={styles.mono}>{b.filePath}</span>
                    </TableCell>
                    <TableCell>
                      {describe('blob', b.status).title} ({b.status})
                    </TableCell>
                    <TableCell>{rangesText(b, t, lang)}</TableCell>
                    <TableCell>{formatBytes(b.bytesAffected, lang)}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
          {summary.failedBlobs.length > shown && (
            <Button onClick={() => setShown((n) => n + PAGE * 5)}>{t('copyLog.failed.more', { count: Math.min(PAGE * 5, summary.failedBlobs.length - shown) })}</Button>
          )}
        </div>
      )}
      {met.size > 0 && (
        <div className={styles.card}>
          <Text weight="semibold">{t('copyLog.meanings')}</Text>
          <ul className={styles.meanings}>
            {[...met.values()].map((m) => (
              <li key={`${m.category}.${m.code}`}>
                <StatusDetails category={m.category} code={m.code} />
              </li>
            ))}
          </ul>
        </div>
      )}
      {summary.notes.length > 0 && (
        <div className={styles.card}>
          <Text weight="semibold">{t('copyLog.notes')}</Text>
          <ul>
            {summary.notes.map((n, i) => (
              <li key={i}>{n}</li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
