/**
 * Report: what was repaired, what could not be and why (each status code with its explanation and next
 * step from the catalogue), notes, the log files (the after-repair drive log among them), open the log
 * folder (shell.openPath), save the report as HTML or CSV (report.save). For an import job, the bytes
 * uploaded and the original files to choose ({@link PathMapChoices}: resolve in place, repair again).
 */
import { useState } from 'react';
import {
  Button,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
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
import type { ComponentFailure } from '../../../src-shared/engine-protocol.ts';
import type { ErrorInfo } from '../../../src-shared/errors.ts';
import type { StatusCategory } from '../../../src-shared/status/index.ts';
import { useApi } from '../../app/api-context.ts';
import { openPath, saveReport, startOver } from '../../app/actions.ts';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { StatusDetails } from '../../components/StatusDetails.tsx';
import { useUiLanguage } from '../../i18n/hooks.ts';
import { formatBytes, formatCount, formatDuration } from '../../lib/format.ts';
import { dirname } from '../../lib/paths.ts';
import { useInputsStore } from '../../stores/inputs.ts';
import { kindOfResult, useJobStore } from '../../stores/job.ts';
import { PathMapChoices } from './PathMapChoices.tsx';

const useStyles = makeStyles({
  card: cardStyle,
  ...factStyles,
  actions: { display: 'flex', gap: tokens.spacingHorizontalM, flexWrap: 'wrap' },
  h3: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  p: { margin: 0 },
});

/** The status table a failure's code belongs to. */
export function categoryOfFailure(f: ComponentFailure): StatusCategory {
  if (f.component === 'range') return 'range';
  if (f.component === 'properties' || f.component === 'metadata') return 'sidecar';
  return 'blob';
}

const PAGE = 200;

function FailureGroup({ category, code, failures }: { category: StatusCategory; code: string; failures: ComponentFailure[] }) {
  const { t } = useTranslation();
  const lang = useUiLanguage();
  const styles = useStyles();
  const [shown, setShown] = useState(PAGE);
  return (
    <div className={styles.card} data-testid={`failure-group-${code}`}>
      <StatusDetails category={category} code={code} />
      <Table size="small" aria-label={t('report.failures.tableLabel', { code })}>
        <TableHeader>
          <TableRow>
            <TableHeaderCell>{t('report.failures.file')}</TableHeaderCell>
            <TableHeaderCell>{t('report.failures.part')}</TableHeaderCell>
            <TableHeaderCell>{t('report.failures.detail')}</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {failures.slice(0, shown).map((f, i) => (
            <TableRow key={i}>
              <TableCell className={styles.mono}>{f.filePath}</TableCell>
              <TableCell>
                {f.component === 'range' && f.offset !== undefined
                  ? t('report.failures.range', { offset: formatCount(f.offset, lang), length: formatBytes(f.length ?? 0, lang) })
                  : t(`report.component.${f.component}`)}
              </TableCell>
              <TableCell>{f.detail}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {failures.length > shown && <Button onClick={() => setShown((n) => n + PAGE)}>{t('report.failures.more', { count: Math.min(PAGE, failures.length - shown) })}</Button>}
    </div>
  );
}

export function ReportStep() {
  const { t } = useTranslation();
  const api = useApi();
  const lang = useUiLanguage();
  const styles = useStyles();
  const result = useJobStore((s) => s.result);
  const logDirInput = useInputsStore((s) => s.logDir);
  const [saved, setSaved] = useState<string | undefined>();
  const [error, setError] = useState<ErrorInfo | undefined>();

  if (!result) {
    return <Text>{t('report.none')}</Text>;
  }

  const groups = new Map<string, { category: StatusCategory; code: string; failures: ComponentFailure[] }>();
  for (const f of result.failures) {
    const category = categoryOfFailure(f);
    const key = `${category}.${f.statusCode}`;
    const g = groups.get(key) ?? { category, code: f.statusCode, failures: [] };
    g.failures.push(f);
    groups.set(key, g);
  }
  const logDir = logDirInput.trim() || dirname(result.verboseLogFile) || '';
  const isImport = kindOfResult(result) === 'RepairImport';

  const save = async (format: 'html' | 'csv'): Promise<void> => {
    setError(undefined);
    setSaved(undefined);
    const r = await saveReport(api, format, t('report.saveTitle', { format: format.toUpperCase() }));
    if (!r) return;
    if (r.ok) setSaved(r.value.path);
    else setError(r.error);
  };
  const open = async (path: string): Promise<void> => {
    setError(undefined);
    const r = await openPath(api, path);
    if (!r.ok) setError(r.error);
  };

  return (
    <>
      <MessageBar intent={result.exitCode === 0 ? 'success' : 'warning'} layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>
            {result.alreadyFinished ? t('report.outcome.already') : result.exitCode === 0 ? t('report.outcome.ok') : t('report.outcome.some', { count: result.failures.length })}
          </MessageBarTitle>
          {t('report.outcome.drive', { driveId: result.driveId })}
        </MessageBarBody>
      </MessageBar>
      <section className={styles.card} aria-labelledby="report-facts">
        <h3 id="report-facts" className={styles.h3}>
          {t('report.facts.title')}
        </h3>
        <dl className={styles.facts}>
          <dt className={styles.dt}>{t('report.facts.repaired')}</dt>
          <dd className={styles.dd}>{formatCount(result.repaired, lang)}</dd>
          <dt className={styles.dt}>{t('report.facts.resumed')}</dt>
          <dd className={styles.dd}>{formatCount(result.resumed, lang)}</dd>
          <dt className={styles.dt}>{isImport ? t('report.facts.verifiedGoodImport') : t('report.facts.verifiedGood')}</dt>
          <dd className={styles.dd}>{formatCount(result.verifiedGood, lang)}</dd>
          <dt className={styles.dt}>{t('report.facts.failed')}</dt>
          <dd className={styles.dd}>{formatCount(result.failures.length, lang)}</dd>
          {isImport ? (
            <>
              <dt className={styles.dt}>{t('report.facts.uploaded')}</dt>
              <dd className={styles.dd}>{formatBytes(result.bytesUploaded ?? 0, lang)}</dd>
            </>
          ) : (
            <>
              <dt className={styles.dt}>{t('report.facts.downloaded')}</dt>
              <dd className={styles.dd}>{formatBytes(result.bytesDownloaded, lang)}</dd>
              <dt className={styles.dt}>{t('report.facts.verified')}</dt>
              <dd className={styles.dd}>{formatBytes(result.bytesVerified, lang)}</dd>
            </>
          )}
          <dt className={styles.dt}>{t('report.facts.time')}</dt>
          <dd className={styles.dd}>{formatDuration(result.elapsedMs, lang)}</dd>
        </dl>
      </section>
      {isImport && <PathMapChoices result={result} />}
      {groups.size > 0 && (
        <section aria-labelledby="report-failures" style={{ display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM }}>
          <h3 id="report-failures" className={styles.h3}>
            {t('report.failures.title', { count: result.failures.length })}
          </h3>
          {[...groups.values()].map((g) => (
            <FailureGroup key={`${g.category}.${g.code}`} category={g.category} code={g.code} failures={g.failures} />
          ))}
        </section>
      )}
      {result.notes.length > 0 && (
        <section className={styles.card} aria-labelledby="report-notes">
          <h3 id="report-notes" className={styles.h3}>
            {t('report.notes')}
          </h3>
          <ul>
            {result.notes.map((n, i) => (
              <li key={i}>{n}</li>
            ))}
          </ul>
        </section>
      )}
      <section className={styles.card} aria-labelledby="report-files">
        <h3 id="report-files" className={styles.h3}>
          {t('report.files.title')}
        </h3>
        <dl className={styles.facts}>
          <dt className={styles.dt}>{t('report.files.driveLog')}</dt>
          <dd className={mergeClasses(styles.dd, styles.mono)}>{result.driveLogFile}</dd>
          <dt className={styles.dt}>{t('report.files.verbose')}</dt>
          <dd className={mergeClasses(styles.dd, styles.mono)}>{result.verboseLogFile}</dd>
          <dt className={styles.dt}>{t('report.files.summary')}</dt>
          <dd className={mergeClasses(styles.dd, styles.mono)}>{result.summaryFile}</dd>
        </dl>
        <Text size={200}>{t('report.files.driveLogHint')}</Text>
        <div className={styles.actions}>
          <Button disabled={!logDir} onClick={() => void open(logDir)}>
            {t('report.openLogs')}
          </Button>
          <Button onClick={() => void save('html')}>{t('report.saveHtml')}</Button>
          <Button onClick={() => void save('csv')}>{t('report.saveCsv')}</Button>
        </div>
        {saved && (
          <MessageBar intent="success">
            <MessageBarBody>{t('report.saved', { path: saved })}</MessageBarBody>
          </MessageBar>
        )}
        {error && <ErrorMessage error={error} />}
      </section>
      <div>
        <Button appearance="secondary" onClick={() => startOver(api)}>
          {t('report.startOver')}
        </Button>
      </div>
    </>
  );
}
