/**
 * The Plan step of "Repair an import job" (repairImport.plan): what will be uploaded from the original
 * files, the source folders as the repair uses them, how many originals were found, and the paths it
 * cannot resolve now (not found, found under more than one folder…), which go into the path map: the
 * report lists them to choose from after the run.
 */
import {
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
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { StatusDetails } from '../../components/StatusDetails.tsx';
import { categoryOfCode, useUiLanguage } from '../../i18n/hooks.ts';
import { formatBytes, formatCount } from '../../lib/format.ts';
import { usePreflightStore } from '../../stores/preflight.ts';

const useStyles = makeStyles({
  card: { ...cardStyle, maxWidth: '860px' },
  ...factStyles,
  h3: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  list: { margin: 0, paddingInlineStart: tokens.spacingHorizontalXL },
});

/** The import plan card (or its spinner or error). */
export function ImportPlanView() {
  const { t } = useTranslation();
  const lang = useUiLanguage();
  const styles = useStyles();
  const plan = usePreflightStore((s) => s.importPlan);
  if (plan.status === 'loading') return <Spinner size="small" label={t('plan.working')} />;
  if (plan.status === 'error') return <ErrorMessage error={plan.error} categories={['drive', 'blob']} />;
  if (plan.status !== 'ready') return null;
  const p = plan.value;
  return (
    <section className={styles.card} aria-labelledby="import-plan-heading">
      <h3 id="import-plan-heading" className={styles.h3}>
        {t('importPlan.what')}
      </h3>
      <dl className={styles.facts}>
        <dt className={styles.dt}>{t('importPlan.blobs')}</dt>
        <dd className={styles.dd}>{formatCount(p.blobsToRepair, lang)}</dd>
        <dt className={styles.dt}>{t('importPlan.ranges')}</dt>
        <dd className={styles.dd}>{formatCount(p.rangesToUpload, lang)}</dd>
        <dt className={styles.dt}>{t('importPlan.whole')}</dt>
        <dd className={styles.dd}>{formatCount(p.wholeBlobs, lang)}</dd>
        <dt className={styles.dt}>{t('importPlan.sidecars')}</dt>
        <dd className={styles.dd}>{formatCount(p.sidecarFiles, lang)}</dd>
        <dt className={styles.dt}>{t('importPlan.upload')}</dt>
        <dd className={styles.dd} data-testid="bytes-to-upload">
          {formatBytes(p.bytesToUpload, lang)}
        </dd>
        {p.skippedByRule > 0 && (
          <>
            <dt className={styles.dt}>{t('importPlan.skipped')}</dt>
            <dd className={styles.dd}>{formatCount(p.skippedByRule, lang)}</dd>
          </>
        )}
        {p.renamed > 0 && (
          <>
            <dt className={styles.dt}>{t('importPlan.renamed')}</dt>
            <dd className={styles.dd}>{formatCount(p.renamed, lang)}</dd>
          </>
        )}
        {p.notBlobs > 0 && (
          <>
            <dt className={styles.dt}>{t('importPlan.notBlobs')}</dt>
            <dd className={styles.dd}>{formatCount(p.notBlobs, lang)}</dd>
          </>
        )}
        <dt className={styles.dt}>{t('importPlan.found')}</dt>
        <dd className={styles.dd}>{p.filesMapped > 0 ? t('importPlan.foundMapped', { found: formatCount(p.filesFound, lang), mapped: formatCount(p.filesMapped, lang) }) : formatCount(p.filesFound, lang)}</dd>
        <dt className={styles.dt}>{t('importPlan.sources')}</dt>
        <dd className={styles.dd}>
          <ul className={styles.list}>
            {p.sourceDirs.map((d) => (
              <li key={d} className={styles.mono}>
                {d}
              </li>
            ))}
          </ul>
        </dd>
        <dt className={styles.dt}>{t('importPlan.pathMap')}</dt>
        <dd className={mergeClasses(styles.dd, styles.mono)}>{p.pathMapFile}</dd>
      </dl>
      {p.conflictCount > 0 && (
        <>
          <Text weight="semibold">{t('importPlan.conflicts', { count: p.conflictCount })}</Text>
          <Text size={200}>{t('importPlan.conflictsHint')}</Text>
          <Table size="small" aria-label={t('importPlan.conflicts', { count: p.conflictCount })}>
            <TableHeader>
              <TableRow>
                <TableHeaderCell>{t('plan.col.file')}</TableHeaderCell>
                <TableHeaderCell>{t('plan.col.why')}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {p.conflicts.map((c) => (
                <TableRow key={c.drivePath}>
                  <TableCell className={styles.mono}>{c.drivePath}</TableCell>
                  <TableCell>
                    <Text weight="semibold">{t(`pathMap.reason.${c.reason}`)}</Text>
                    {c.reason === 'ambiguous' ? (
                      <ul className={styles.list}>
                        {c.candidates.map((p) => (
                          <li key={p} className={styles.mono}>
                            {p}
                          </li>
                        ))}
                      </ul>
                    ) : (
                      <>
                        <StatusDetails category={categoryOfCode(c.statusCode, ['blob', 'drive'])} code={c.statusCode} brief />
                        <Text size={200}>{c.detail}</Text>
                      </>
                    )}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </>
      )}
    </section>
  );
}
