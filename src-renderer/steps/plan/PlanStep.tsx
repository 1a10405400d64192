/**
 * Plan: what the repair will download and verify (repair.plan), the free space on the target, and where
 * the repair file and logs go (defaults next to the copy log or beside the target; editable). For an
 * import job, what will be uploaded and which originals were found ({@link ImportPlanView},
 * repairImport.plan). The footer's "Start repair" starts it (repair.start / repairImport.start).
 */
import { useEffect } from 'react';
import {
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { cardStyle, factStyles } from '../../components/fact-styles.ts';
import { useApi } from '../../app/api-context.ts';
import { fillOutputDefaults, planRepair } from '../../app/actions.ts';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { PathField } from '../../components/PathField.tsx';
import { StatusDetails } from '../../components/StatusDetails.tsx';
import { categoryOfCode, useUiLanguage } from '../../i18n/hooks.ts';
import { formatBytes, formatCount } from '../../lib/format.ts';
import { inputs, useInputsStore } from '../../stores/inputs.ts';
import { useJobStore } from '../../stores/job.ts';
import { usePreflightStore } from '../../stores/preflight.ts';
import { useWizardStore } from '../../stores/wizard.ts';
import { ImportPlanView } from './ImportPlanView.tsx';

/** Re-plan this long after the output paths stop changing. */
const REPLAN_DELAY_MS = 400;

const useStyles = makeStyles({
  card: { ...cardStyle, maxWidth: '860px' },
  ...factStyles,
  fields: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, maxWidth: '860px' },
  h3: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  p: { margin: 0 },
});

export function PlanStep() {
  const { t } = useTranslation();
  const api = useApi();
  const lang = useUiLanguage();
  const styles = useStyles();
  const plan = usePreflightStore((s) => s.plan);
  const repairFile = useInputsStore((s) => s.repairFile);
  const logDir = useInputsStore((s) => s.logDir);
  const targetDir = useInputsStore((s) => s.targetDir);
  const startError = useJobStore((s) => (s.status === 'idle' ? s.error : undefined));
  const importTask = useWizardStore((s) => s.task === 'repairImport');

  useEffect(() => {
    fillOutputDefaults();
  }, []);

  useEffect(() => {
    const timer = setTimeout(() => void planRepair(api), REPLAN_DELAY_MS);
    return () => clearTimeout(timer);
  }, [api, repairFile, logDir]);

  const p = !importTask && plan.status === 'ready' ? plan.value : undefined;
  const tooLittle = p?.freeBytes !== undefined && p.freeBytes < p.bytesToDownload;

  return (
    <>
      <Text as="p" className={styles.p}>
        {importTask ? t('importPlan.intro') : t('plan.intro')}
      </Text>
      {importTask && <ImportPlanView />}
      {!importTask && plan.status === 'loading' && <Spinner size="small" label={t('plan.working')} />}
      {!importTask && plan.status === 'error' && <ErrorMessage error={plan.error} categories={['drive', 'blob']} />}
      {p && (
        <section className={styles.card} aria-labelledby="plan-heading">
          <h3 id="plan-heading" className={styles.h3}>
            {t('plan.what')}
          </h3>
          <dl className={styles.facts}>
            <dt className={styles.dt}>{t('plan.files')}</dt>
            <dd className={styles.dd}>{formatCount(p.filesToRepair, lang)}</dd>
            <dt className={styles.dt}>{t('plan.ranges')}</dt>
            <dd className={styles.dd}>{formatCount(p.rangesToDownload, lang)}</dd>
            <dt className={styles.dt}>{t('plan.wholeFiles')}</dt>
            <dd className={styles.dd}>{formatCount(p.wholeFiles, lang)}</dd>
            <dt className={styles.dt}>{t('plan.sidecars')}</dt>
            <dd className={styles.dd}>{formatCount(p.sidecarFiles, lang)}</dd>
            <dt className={styles.dt}>{t('plan.download')}</dt>
            <dd className={styles.dd}>{formatBytes(p.bytesToDownload, lang)}</dd>
            <dt className={styles.dt}>{t('plan.verify')}</dt>
            <dd className={styles.dd}>
              {p.filesToVerify > 0 ? t('plan.verifyValue', { files: formatCount(p.filesToVerify, lang), bytes: formatBytes(p.bytesToVerify, lang) }) : t('plan.noVerify')}
            </dd>
            <dt className={styles.dt}>{t('plan.free')}</dt>
            <dd className={styles.dd}>{p.freeBytes !== undefined ? t('plan.freeValue', { bytes: formatBytes(p.freeBytes, lang), target: targetDir }) : t('plan.freeUnknown')}</dd>
          </dl>
          {tooLittle && (
            <MessageBar intent="warning" layout="multiline">
              <MessageBarBody>
                <MessageBarTitle>{t('plan.tooLittle.title')}</MessageBarTitle>
                {t('plan.tooLittle.body', { free: formatBytes(p.freeBytes ?? 0, lang), need: formatBytes(p.bytesToDownload, lang) })}
              </MessageBarBody>
            </MessageBar>
          )}
          {p.refused.length > 0 && (
            <>
              <Text weight="semibold">{t('plan.refused', { count: p.refused.length })}</Text>
              <Table size="small" aria-label={t('plan.refused', { count: p.refused.length })}>
                <TableHeader>
                  <TableRow>
                    <TableHeaderCell>{t('plan.col.file')}</TableHeaderCell>
                    <TableHeaderCell>{t('plan.col.why')}</TableHeaderCell>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {p.refused.map((r) => (
                    <TableRow key={r.filePath}>
                      <TableCell className={styles.mono}>{r.filePath}</TableCell>
                      <TableCell>
                        <StatusDetails category={categoryOfCode(r.statusCode, ['blob', 'sidecar', 'drive'])} code={r.statusCode} brief />
                        <Text size={200}>{r.reason}</Text>
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </>
          )}
        </section>
      )}
      <section className={styles.fields} aria-labelledby="output-heading">
        <h3 id="output-heading" className={styles.h3}>
          {t('plan.output')}
        </h3>
        <PathField
          label={t('plan.repairFile.label')}
          hint={t('plan.repairFile.hint')}
          kind="save"
          extensions={['rep']}
          browseTitle={t('plan.repairFile.browseTitle')}
          required
          value={repairFile}
          onChange={(value) => inputs.set({ repairFile: value, outputEdited: true })}
        />
        <PathField
          label={t('plan.logDir.label')}
          hint={t('plan.logDir.hint')}
          kind="folder"
          browseTitle={t('plan.logDir.browseTitle')}
          required
          value={logDir}
          onChange={(value) => inputs.set({ logDir: value, outputEdited: true })}
        />
      </section>
      {startError && <ErrorMessage error={startError} />}
    </>
  );
}
