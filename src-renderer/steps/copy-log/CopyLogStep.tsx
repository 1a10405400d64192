/**
 * Copy log and manifest: paths typed, pasted or browsed, or found in the storage account ("Find in
 * storage account": logs.list / logs.download); the manifest found on the drive root by itself
 * (manifest.find), or its backup fetched from the storage account when it is missing or damaged; at
 * once a summary of what the copy log says (copyLog.inspect) and the DriveId check against the
 * manifest (manifest.inspect) and the drive. An import job has no manifest; a review may take one.
 */
import { useCallback, useEffect, useState } from 'react';
import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle, Spinner, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../app/api-context.ts';
import { findManifest, inspectCopyLog, inspectManifest } from '../../app/actions.ts';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { PathField } from '../../components/PathField.tsx';
import { useUiLanguage } from '../../i18n/hooks.ts';
import { formatBytes, formatCount } from '../../lib/format.ts';
import { useCopyLogStore } from '../../stores/copy-log.ts';
import { inputs, useInputsStore } from '../../stores/inputs.ts';
import { useWizardStore } from '../../stores/wizard.ts';
import { CopyLogSummaryView } from './CopyLogSummaryView.tsx';
import { DriveIdCheck } from './DriveIdCheck.tsx';
import { FindInAccountDialog, type FindMode } from './FindInAccountDialog.tsx';

/** Manifest problems the storage account's backup can fix (seed 004: a backup of every drive manifest). */
export const BACKUP_HELPS = new Set(['ManifestNotFound', 'ManifestCorrupted', 'ManifestFormatInvalid', 'ReadManifestFailed']);

/** Wait this long after the last keystroke before reading a typed path. */
export const INSPECT_DELAY_MS = 350;

const useStyles = makeStyles({
  field: { maxWidth: '860px', display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, alignItems: 'stretch' },
  find: { alignSelf: 'flex-start' },
  // In the step's flex column a message bar would shrink and the next section cover its button.
  offer: { flexShrink: 0 },
  p: { margin: 0 },
});

/** Reads `path` with `inspect` a moment after it stops changing (at once when it was browsed or pasted whole). */
function useInspect(path: string, current: string | undefined, inspect: (path: string) => Promise<void>): void {
  useEffect(() => {
    if (path.trim() === (current ?? '')) return;
    const timer = setTimeout(() => void inspect(path), INSPECT_DELAY_MS);
    return () => clearTimeout(timer);
  }, [path, current, inspect]);
}

export function CopyLogStep() {
  const { t } = useTranslation();
  const api = useApi();
  const lang = useUiLanguage();
  const styles = useStyles();
  const task = useWizardStore((s) => s.task) ?? 'repair';
  const copyLogFile = useInputsStore((s) => s.copyLogFile);
  const manifestFile = useInputsStore((s) => s.manifestFile);
  const manifestFound = useInputsStore((s) => s.manifestFound);
  const copyLog = useCopyLogStore((s) => s.copyLog);
  const manifest = useCopyLogStore((s) => s.manifest);
  const [finding, setFinding] = useState<FindMode | undefined>();
  const [fetched, setFetched] = useState<string[]>([]);

  const readLog = useCallback((p: string) => inspectCopyLog(api, p), [api]);
  const readManifest = useCallback((p: string) => inspectManifest(api, p), [api]);
  useInspect(copyLogFile, copyLog.status === 'idle' ? undefined : copyLog.key, readLog);
  useInspect(manifestFile, manifest.status === 'idle' ? undefined : manifest.key, readManifest);

  useEffect(() => {
    if (task === 'repair' || task === 'validate') void findManifest(api);
  }, [api, task]);

  const showLog = task !== 'validate';
  const showManifest = task !== 'repairImport';
  const logReady = copyLog.status === 'ready' && copyLog.key === copyLogFile.trim();
  const manifestReady = manifest.status === 'ready' && manifest.key === manifestFile.trim();
  const manifestError = manifest.status === 'error' && manifest.key === manifestFile.trim() ? manifest.error : undefined;
  const backupHelps = manifestError?.statusCode !== undefined && BACKUP_HELPS.has(manifestError.statusCode);
  const driveId = logReady ? copyLog.value.driveId : undefined;

  return (
    <>
      <Text as="p" className={styles.p}>
        {t(`copyLog.intro.${task}`)}
      </Text>
      {fetched.length > 0 && (
        <MessageBar intent="success" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{t('find.done')}</MessageBarTitle>
            {fetched.join(', ')}
          </MessageBarBody>
        </MessageBar>
      )}
      {showLog && (
        <div className={styles.field}>
          <PathField
            label={t('copyLog.logField.label')}
            hint={t('copyLog.logField.hint')}
            kind="file"
            extensions={['xml', 'log']}
            browseTitle={t('copyLog.logField.browseTitle')}
            required
            value={copyLogFile}
            onChange={(value) => inputs.set({ copyLogFile: value })}
            validationState={copyLog.status === 'error' && copyLog.key === copyLogFile.trim() ? 'error' : 'none'}
            validationMessage={copyLog.status === 'error' && copyLog.key === copyLogFile.trim() ? copyLog.error.title : undefined}
          />
          <Button className={styles.find} onClick={() => setFinding('copyLog')}>
            {t('find.button')}
          </Button>
        </div>
      )}
      {showManifest && (
        <div className={styles.field}>
          <PathField
            label={task === 'validate' ? t('copyLog.manifestField.labelRequired') : t('copyLog.manifestField.label')}
            hint={manifestFound ? t('copyLog.manifestField.found') : t(`copyLog.manifestField.hint.${task === 'review' ? 'review' : task === 'validate' ? 'validate' : 'repair'}`)}
            kind="file"
            extensions={['manifest', 'xml']}
            browseTitle={t('copyLog.manifestField.browseTitle')}
            required={task === 'validate'}
            value={manifestFile}
            onChange={(value) => inputs.set({ manifestFile: value, manifestFound: false })}
            validationState={manifest.status === 'error' && manifest.key === manifestFile.trim() ? 'error' : manifestReady ? 'success' : 'none'}
            validationMessage={
              manifest.status === 'error' && manifest.key === manifestFile.trim()
                ? manifest.error.title
                : manifestReady
                  ? t('copyLog.manifestField.summary', {
                      driveId: manifest.value.driveId,
                      blobs: formatCount(manifest.value.blobCount, lang),
                      bytes: formatBytes(manifest.value.bytes, lang),
                    })
                  : undefined
            }
          />
        </div>
      )}
      {manifestError && <ErrorMessage error={manifestError} categories={['drive']} />}
      {showManifest && backupHelps && (
        <MessageBar intent="info" layout="multiline" className={styles.offer}>
          <MessageBarBody>
            <MessageBarTitle>{t('find.backupOffer.title')}</MessageBarTitle>
            {t('find.backupOffer.body')}
          </MessageBarBody>
          <MessageBarActions>
            <Button onClick={() => setFinding('manifest')}>{t('find.backupOffer.button')}</Button>
          </MessageBarActions>
        </MessageBar>
      )}
      {(task === 'repair' || task === 'validate') && <DriveIdCheck task={task} />}
      {showLog && copyLog.status === 'loading' && <Spinner size="small" label={t('copyLog.reading')} />}
      {showLog && copyLog.status === 'error' && copyLog.key === copyLogFile.trim() && <ErrorMessage error={copyLog.error} categories={['drive']} />}
      {showLog && logReady && <CopyLogSummaryView summary={copyLog.value} upload={task === 'repairImport'} />}
      <FindInAccountDialog
        open={finding !== undefined}
        mode={finding ?? 'copyLog'}
        driveId={driveId ?? (manifest.status === 'ready' ? manifest.value.driveId || undefined : undefined)}
        onClose={() => setFinding(undefined)}
        onDone={(ds) => setFetched(ds.filter((d) => d.ok && d.file).map((d) => d.file!))}
      />
    </>
  );
}
