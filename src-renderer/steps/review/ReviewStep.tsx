/**
 * Review (task "Review a copy log"): what the copy log says, in full (review.run): the drive status
 * with its explanation and next step, export or import and how that was decided, what to do and which
 * repair does it (a button switches to that repair with the copy log filled in), the counts per blob
 * and per range status as charts (barChartSvg, inlined), the bytes affected, every failed item listed
 * with its ranges and a strip (virtualized), the import dispositions, saving as HTML or CSV
 * (review.save), and "Where the job is" (the life cycles).
 */
import { useEffect, useRef, useState } from 'react';
import {
  Badge,
  Button,
  MessageBar,
  MessageBarBody,
  Spinner,
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
import { cardStyle, factStyles } from '../../components/fact-styles.ts';
import type { ErrorInfo } from '../../../src-shared/errors.ts';
import { barChartSvg, type CountBar, type ReviewModel } from '../../../src-shared/review/index.ts';
import { useApi } from '../../app/api-context.ts';
import { repairFromReview, runReview, saveReviewAs } from '../../app/actions.ts';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { PathField } from '../../components/PathField.tsx';
import { RichText } from '../../components/RichText.tsx';
import { useUiLanguage } from '../../i18n/hooks.ts';
import { formatBytes, formatCount } from '../../lib/format.ts';
import { dirname } from '../../lib/paths.ts';
import { useInputsStore } from '../../stores/inputs.ts';
import { reviewKey, useReviewStore } from '../../stores/review.ts';
import { useSettingsStore } from '../../stores/settings.ts';
import { LifecyclePanel } from '../status/LifecyclePanel.tsx';
import { FailureList } from './FailureList.tsx';

const useStyles = makeStyles({
  card: cardStyle,
  ...factStyles,
  code: { fontFamily: tokens.fontFamilyMonospace, backgroundColor: tokens.colorNeutralBackground3, padding: tokens.spacingHorizontalS, borderRadius: tokens.borderRadiusMedium, whiteSpace: 'pre-wrap', wordBreak: 'break-all', margin: 0 },
  charts: { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(420px, 1fr))', gap: tokens.spacingHorizontalL },
  chart: { margin: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, '& svg': { display: 'block', width: '100%', height: 'auto' } },
  head: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  actions: { display: 'flex', gap: tokens.spacingHorizontalM, flexWrap: 'wrap', alignItems: 'flex-end' },
  h3: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  p: { margin: 0 },
});

const DISPOSITION_PAGE = 100;

function Chart({ title, bars, id }: { title: string; bars: CountBar[]; id: string }) {
  const { t } = useTranslation();
  const styles = useStyles();
  const svg = barChartSvg({ title, bars, idPrefix: id, otherLabel: t('review.charts.other') });
  if (!svg) return null;
  return (
    <figure className={styles.chart} data-testid={`chart-${id}`}>
      <figcaption>
        <Text weight="semibold">{title}</Text>
      </figcaption>
      <div dangerouslySetInnerHTML={{ __html: svg }} />
    </figure>
  );
}

function severityColor(s: 'ok' | 'warning' | 'error'): 'success' | 'warning' | 'danger' {
  return s === 'ok' ? 'success' : s === 'warning' ? 'warning' : 'danger';
}

function ReviewView({ model }: { model: ReviewModel }) {
  const { t } = useTranslation();
  const api = useApi();
  const lang = useUiLanguage();
  const styles = useStyles();
  const nativeDialogs = useSettingsStore((s) => s.appInfo?.nativeDialogs ?? false);
  const [dir, setDir] = useState(() => dirname(model.path) ?? '');
  const [saved, setSaved] = useState<string | undefined>();
  const [saveError, setSaveError] = useState<ErrorInfo | undefined>();
  const [dispositionsShown, setDispositionsShown] = useState(DISPOSITION_PAGE);
  const command = model.repair.command;

  const save = async (format: 'html' | 'csv'): Promise<void> => {
    setSaved(undefined);
    setSaveError(undefined);
    const r = await saveReviewAs(api, format, dir, t('review.save.title', { format: format.toUpperCase() }));
    if (!r) return;
    if (r.ok) setSaved(r.value.path);
    else setSaveError(r.error);
  };

  return (
    <>
      <section className={styles.card} aria-labelledby="review-drive">
        <h3 id="review-drive" className={styles.h3}>
          {t('review.drive.title')}
        </h3>
        <div className={styles.head}>
          <Text weight="semibold">{model.drive.title}</Text>
          {model.drive.status && (
            <Badge appearance="tint" color={severityColor(model.drive.severity)} aria-label={t('statusText.codeLabel', { code: model.drive.status })}>
              {model.drive.status}
            </Badge>
          )}
        </div>
        <Text as="p" className={styles.p}>
          <RichText text={model.drive.explanation} />
        </Text>
        <Text as="p" className={styles.p}>
          <strong>{t('statusText.nextStep')}</strong> <RichText text={model.drive.nextStep} />
        </Text>
        <dl className={styles.facts}>
          <dt className={styles.dt}>{t('copyLog.summary.driveId')}</dt>
          <dd className={mergeClasses(styles.dd, styles.mono)}>{model.driveId ?? t('copyLog.summary.noDriveId')}</dd>
          <dt className={styles.dt}>{t('review.drive.kind')}</dt>
          <dd className={styles.dd}>
            {t(`review.kind.${model.jobKind.kind}`)} — {model.jobKind.reason}
          </dd>
          {model.manifest && (
            <>
              <dt className={styles.dt}>{t('review.drive.manifest')}</dt>
              <dd className={styles.dd}>
                {t('review.drive.manifestValue', { blobs: formatCount(model.manifest.blobs, lang), driveId: model.manifest.driveId })}{' '}
                {model.manifest.driveIdMatches === false ? t('review.drive.manifestOtherDrive') : ''}
              </dd>
            </>
          )}
        </dl>
      </section>

      <section className={styles.card} aria-labelledby="review-todo">
        <h3 id="review-todo" className={styles.h3}>
          {t('review.todo.title')}
        </h3>
        <Text as="p" className={styles.p}>
          <RichText text={model.repair.advice} />
        </Text>
        <dl className={styles.facts}>
          <dt className={styles.dt}>{t('review.todo.repairable')}</dt>
          <dd className={styles.dd}>{formatCount(model.repair.repairable, lang)}</dd>
          <dt className={styles.dt}>{t('review.todo.notRepairable')}</dt>
          <dd className={styles.dd}>{formatCount(model.repair.notRepairable, lang)}</dd>
          <dt className={styles.dt}>{t('review.todo.noRepairNeeded')}</dt>
          <dd className={styles.dd}>{formatCount(model.repair.noRepairNeeded, lang)}</dd>
        </dl>
        {command && model.repair.repairable > 0 && (
          <>
            <div>
              <Button appearance="primary" onClick={() => repairFromReview(command)}>
                {t('review.repairWith', { command })}
              </Button>
            </div>
            {model.repair.commandLine && (
              <>
                <Text size={200}>{t('review.todo.commandLine')}</Text>
                <pre className={styles.code}>{model.repair.commandLine}</pre>
              </>
            )}
          </>
        )}
      </section>

      <section className={styles.card} aria-labelledby="review-counts">
        <h3 id="review-counts" className={styles.h3}>
          {t('review.counts.title')}
        </h3>
        <dl className={styles.facts}>
          <dt className={styles.dt}>{t('review.counts.items')}</dt>
          <dd className={styles.dd}>{formatCount(model.totals.items, lang)}</dd>
          <dt className={styles.dt}>{t('review.counts.failed')}</dt>
          <dd className={styles.dd}>{formatCount(model.failedBlobCount, lang)}</dd>
          <dt className={styles.dt}>{t('review.counts.bytes')}</dt>
          <dd className={styles.dd}>{formatBytes(model.totals.bytes, lang)}</dd>
          <dt className={styles.dt}>{t('review.counts.affected')}</dt>
          <dd className={styles.dd} data-testid="bytes-affected">
            {formatBytes(model.bytesAffected, lang)}
          </dd>
          <dt className={styles.dt}>{t('review.counts.ranges')}</dt>
          <dd className={styles.dd}>{t('review.counts.rangesValue', { failed: formatCount(model.totals.failedRanges, lang), total: formatCount(model.totals.ranges, lang) })}</dd>
          <dt className={styles.dt}>{t('review.counts.sidecars')}</dt>
          <dd className={styles.dd}>{formatCount(model.totals.sidecarFailures, lang)}</dd>
        </dl>
        <div className={styles.charts}>
          <Chart id="rv-blob" title={t('review.charts.blob')} bars={model.charts.blobStatus} />
          <Chart id="rv-range" title={t('review.charts.range')} bars={model.charts.rangeStatus} />
          <Chart id="rv-disposition" title={t('review.charts.disposition')} bars={model.charts.dispositionStatus} />
          <Chart id="rv-entity" title={t('review.charts.entity')} bars={model.charts.entityCategory} />
        </div>
      </section>

      {model.failedBlobs.length > 0 && (
        <section className={styles.card} aria-labelledby="review-failures">
          <h3 id="review-failures" className={styles.h3}>
            {t('review.failures.heading', { count: model.failedBlobCount, formatted: formatCount(model.failedBlobCount, lang) })}
          </h3>
          {model.failuresNotListed > 0 && <Text>{t('review.failures.capped', { shown: formatCount(model.failedBlobs.length, lang), total: formatCount(model.failedBlobCount, lang) })}</Text>}
          <FailureList failures={model.failedBlobs} onRepair={repairFromReview} />
        </section>
      )}

      {model.dispositions.length > 0 && (
        <section className={styles.card} aria-labelledby="review-dispositions">
          <h3 id="review-dispositions" className={styles.h3}>
            {t('review.dispositions.title')}
          </h3>
          {model.dispositionsNotListed > 0 && <Text>{t('review.dispositions.capped', { count: model.dispositionsNotListed })}</Text>}
          <Table size="small" aria-label={t('review.dispositions.title')}>
            <TableHeader>
              <TableRow>
                <TableHeaderCell>{t('review.dispositions.file')}</TableHeaderCell>
                <TableHeaderCell>{t('review.dispositions.blob')}</TableHeaderCell>
                <TableHeaderCell>{t('review.dispositions.rule')}</TableHeaderCell>
                <TableHeaderCell>{t('review.dispositions.status')}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {model.dispositions.slice(0, dispositionsShown).map((d) => (
                <TableRow key={`${d.line}|${d.blobPath}`}>
                  <TableCell className={styles.mono}>{d.filePath}</TableCell>
                  <TableCell className={styles.mono}>
                    {d.blobPath}
                    {d.originalBlobPath ? ` (${t('review.dispositions.was', { blob: d.originalBlobPath })})` : ''}
                  </TableCell>
                  <TableCell>{d.requested ?? '–'}</TableCell>
                  <TableCell>
                    {d.statusTitle} ({d.status})
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          {model.dispositions.length > dispositionsShown && (
            <Button onClick={() => setDispositionsShown((n) => n + DISPOSITION_PAGE)}>{t('copyLog.failed.more', { count: Math.min(DISPOSITION_PAGE, model.dispositions.length - dispositionsShown) })}</Button>
          )}
        </section>
      )}

      {(model.notes.length > 0 || model.summaryCodes.length > 0) && (
        <section className={styles.card} aria-labelledby="review-notes">
          <h3 id="review-notes" className={styles.h3}>
            {t('copyLog.notes')}
          </h3>
          <ul>
            {model.notes.map((n, i) => (
              <li key={i}>
                <RichText text={n} />
              </li>
            ))}
            {model.summaryCodes.map((c, i) => (
              <li key={`s${i}`}>{t('review.summaryCode', { group: c.group, code: c.code, count: c.count })}{c.description ? ` — ${c.description}` : ''}</li>
            ))}
          </ul>
        </section>
      )}

      <section className={styles.card} aria-labelledby="review-save">
        <h3 id="review-save" className={styles.h3}>
          {t('review.save.heading')}
        </h3>
        <div className={styles.actions}>
          {!nativeDialogs && (
            <div style={{ flexGrow: 1, minWidth: '360px' }}>
              <PathField label={t('review.save.folder')} hint={t('review.save.folderHint')} kind="folder" browseTitle={t('review.save.folder')} value={dir} onChange={setDir} />
            </div>
          )}
          <Button onClick={() => void save('html')}>{t('review.save.html')}</Button>
          <Button onClick={() => void save('csv')}>{t('review.save.csv')}</Button>
        </div>
        {saved && (
          <MessageBar intent="success">
            <MessageBarBody>{t('report.saved', { path: saved })}</MessageBarBody>
          </MessageBar>
        )}
        {saveError && <ErrorMessage error={saveError} />}
      </section>

      <div className={styles.card}>
        <LifecyclePanel heading />
      </div>
    </>
  );
}

/** The Review step. */
export function ReviewStep() {
  const { t } = useTranslation();
  const api = useApi();
  const lang = useUiLanguage();
  const styles = useStyles();
  const copyLogFile = useInputsStore((s) => s.copyLogFile);
  const manifestFile = useInputsStore((s) => s.manifestFile);
  const review = useReviewStore((s) => s.review);
  const key = reviewKey(copyLogFile, manifestFile, lang);

  // Reviewed once per copy log, manifest and language (the model's texts are in the UI language).
  useEffect(() => {
    const now = useReviewStore.getState().review;
    if (now.status !== 'idle' && now.key === key) return;
    void runReview(api, lang);
  }, [api, key, lang]);

  const current = review.status !== 'idle' && review.key === key ? review : undefined;
  // While the review is made again in another language, the one shown stays (no flash, no scroll jump).
  const shown = useRef<{ copyLog: string; model: ReviewModel } | undefined>(undefined);
  if (current?.status === 'ready') shown.current = { copyLog: copyLogFile.trim(), model: current.value };
  const stale = current?.status !== 'ready' && current?.status !== 'error' && shown.current?.copyLog === copyLogFile.trim() ? shown.current.model : undefined;
  return (
    <>
      <Text as="p" className={styles.p}>
        {t('review.intro')}
      </Text>
      {(!current || current.status === 'loading') && <Spinner size="small" label={t('review.working')} />}
      {current?.status === 'error' && <ErrorMessage error={current.error} categories={['drive']} />}
      {current?.status === 'ready' && <ReviewView model={current.value} />}
      {stale && <ReviewView model={stale} />}
    </>
  );
}
