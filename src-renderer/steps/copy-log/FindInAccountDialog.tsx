/**
 * "Find in storage account": the job's copy logs and manifest backups are in the storage account where
 * the service wrote them (the job's ImportExportStatesPath and DiagnosticsPath). The dialog asks the
 * account name and key or SAS (optionally the job name, drive ID, the two paths and the endpoint), lists
 * what is there per drive and time (logs.list), and downloads the pick into a chosen folder
 * (logs.download); the copy log field (and the manifest field, when a backup was picked) is filled in.
 *
 * Mode `manifest` (offered when the drive's manifest is missing or damaged) lists manifest backups only.
 */
import { useEffect, useId, useMemo, useState } from 'react';
import {
  Button,
  Checkbox,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Radio,
  RadioGroup,
  Spinner,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import type { ErrorInfo } from '../../../src-shared/errors.ts';
import type { DownloadedLog, FoundLog, LogListing } from '../../../src-shared/logs/index.ts';
import { useApi } from '../../app/api-context.ts';
import { downloadLogsFromAccount, findLogsInAccount, type LogSearch } from '../../app/actions.ts';
import { ACCOUNT_NAME, isValidEndpoint } from '../../app/validation.ts';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { PathField } from '../../components/PathField.tsx';
import { StatusDetails } from '../../components/StatusDetails.tsx';
import { useUiLanguage } from '../../i18n/hooks.ts';
import { formatBytes } from '../../lib/format.ts';
import { dirname } from '../../lib/paths.ts';
import { credentialsOf, useInputsStore, type CredentialKind } from '../../stores/inputs.ts';

const useStyles = makeStyles({
  surface: { maxWidth: '860px', width: '92vw' },
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  grid: { display: 'grid', gridTemplateColumns: '1fr 1fr', columnGap: tokens.spacingHorizontalL, rowGap: tokens.spacingVerticalS },
  mono: { fontFamily: tokens.fontFamilyMonospace },
  drive: {
    alignSelf: 'stretch',
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: tokens.spacingHorizontalM,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
  },
  h3: { margin: 0, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  row: { display: 'flex', gap: tokens.spacingHorizontalM, alignItems: 'center' },
  p: { margin: 0 },
});

/** What the dialog looks for: a copy log (with the manifest backup optional), or a manifest backup only. */
export type FindMode = 'copyLog' | 'manifest';

/** Props of {@link FindInAccountDialog}. */
export interface FindInAccountDialogProps {
  open: boolean;
  mode: FindMode;
  onClose(): void;
  /** Called after a download filled in the fields, with what arrived. */
  onDone?(downloads: DownloadedLog[]): void;
  /** The drive to look for (e.g. the copy log's DriveId), filled into the search. */
  driveId?: string;
}

const COPY_LOG_KINDS = new Set(['error', 'verbose', 'copyLog', 'verboseLog']);

/**
 * The log picked when a search ends: in the drive named in the search (else the first drive listed),
 * the newest error log or copy log (what a repair needs), else the newest log shown.
 */
export function defaultPick(listing: LogListing, wanted: (l: FoundLog) => boolean, driveId?: string): FoundLog | undefined {
  const sets = listing.drives.filter((d) => d.all.some(wanted));
  const set = sets.find((d) => driveId?.trim() && d.driveId.toLowerCase() === driveId.trim().toLowerCase()) ?? sets[0];
  const shown = set?.all.filter(wanted) ?? [];
  return shown.find((l) => l.kind === 'error' || l.kind === 'copyLog' || l.kind === 'manifest') ?? shown[0];
}
const logId = (l: FoundLog): string => `${l.container}/${l.blobName}`;

/** The dialog (see the module comment). */
export function FindInAccountDialog({ open, mode, onClose, onDone, driveId }: FindInAccountDialogProps) {
  const { t } = useTranslation();
  const api = useApi();
  const lang = useUiLanguage();
  const styles = useStyles();
  const kindLabel = useId();
  const pickLabel = useId();
  const [accountName, setAccountName] = useState('');
  const [kind, setKind] = useState<CredentialKind>('key');
  const [secret, setSecret] = useState('');
  const [endpoint, setEndpoint] = useState('');
  const [jobName, setJobName] = useState('');
  const [drive, setDrive] = useState('');
  const [statesPath, setStatesPath] = useState('');
  const [diagnosticsPath, setDiagnosticsPath] = useState('');
  const [more, setMore] = useState(false);
  const [listing, setListing] = useState<LogListing | undefined>();
  const [searching, setSearching] = useState(false);
  const [picked, setPicked] = useState('');
  const [withManifest, setWithManifest] = useState(true);
  const [outDir, setOutDir] = useState('');
  const [downloading, setDownloading] = useState(false);
  const [error, setError] = useState<ErrorInfo | undefined>();
  const [failed, setFailed] = useState<DownloadedLog[]>([]);

  // Each time it opens: what the wizard already knows (the Storage step's account, the drive, the folder of the current files).
  useEffect(() => {
    if (!open) return;
    const now = useInputsStore.getState();
    setAccountName(now.accountName);
    setKind(now.credentialKind);
    setSecret(now.secret);
    setEndpoint(now.blobEndpoint);
    setMore(now.blobEndpoint.trim() !== '');
    setDrive(driveId ?? '');
    setOutDir(dirname(mode === 'manifest' ? now.manifestFile || now.copyLogFile : now.copyLogFile) ?? '');
    setListing(undefined);
    setPicked('');
    setError(undefined);
    setFailed([]);
  }, [open, mode, driveId]);

  const search: LogSearch = useMemo(
    () => ({ credentials: credentialsOf({ accountName, credentialKind: kind, secret, blobEndpoint: endpoint }), jobName, driveId: drive, statesPath, diagnosticsPath }),
    [accountName, kind, secret, endpoint, jobName, drive, statesPath, diagnosticsPath],
  );
  const nameInvalid = accountName.trim() !== '' && !ACCOUNT_NAME.test(accountName.trim());
  const canSearch = ACCOUNT_NAME.test(accountName.trim()) && secret.trim() !== '' && isValidEndpoint(endpoint) && !searching;

  const wanted = (l: FoundLog): boolean => (mode === 'manifest' ? l.kind === 'manifest' : COPY_LOG_KINDS.has(l.kind));
  const drives = (listing?.drives ?? []).map((d) => ({ ...d, shown: d.all.filter(wanted) })).filter((d) => d.shown.length > 0);
  const pickedLog = listing?.logs.find((l) => logId(l) === picked);
  const pickedSet = pickedLog ? listing?.drives.find((d) => d.jobName === pickedLog.jobName && d.driveId === pickedLog.driveId) : undefined;
  const backup = mode === 'copyLog' ? pickedSet?.newest.manifest : undefined;

  const runSearch = async (): Promise<void> => {
    setSearching(true);
    setError(undefined);
    setListing(undefined);
    setPicked('');
    const r = await findLogsInAccount(api, search);
    setSearching(false);
    if (!r.ok) return setError(r.error);
    setListing(r.value);
    const first = defaultPick(r.value, wanted, drive);
    if (first) setPicked(logId(first));
  };

  const download = async (): Promise<void> => {
    if (!pickedLog || outDir.trim() === '') return;
    setDownloading(true);
    setError(undefined);
    setFailed([]);
    const logs = backup && withManifest ? [pickedLog, backup] : [pickedLog];
    const r = await downloadLogsFromAccount(api, search, logs, outDir.trim());
    setDownloading(false);
    if (!r.ok) return setError(r.error);
    const bad = r.value.filter((d) => !d.ok);
    setFailed(bad);
    if (bad.length === 0) {
      onDone?.(r.value);
      onClose();
    }
  };

  const timeOf = (l: FoundLog): string => (l.sortTime ? new Date(l.sortTime).toLocaleString(lang === 'nl' ? 'nl-NL' : 'en-GB', { timeZone: 'UTC' }) + ' UTC' : t('find.noTime'));
  const labelOf = (l: FoundLog): string => t('find.logLabel', { kind: t(`find.kind.${l.kind}`), time: timeOf(l), size: formatBytes(l.sizeBytes ?? 0, lang) });

  return (
    <Dialog open={open} onOpenChange={(_, d) => !d.open && onClose()} modalType="modal">
      <DialogSurface className={styles.surface} aria-describedby={undefined}>
        <DialogBody>
          <DialogTitle>{mode === 'manifest' ? t('find.titleManifest') : t('find.title')}</DialogTitle>
          <DialogContent className={styles.content}>
            <Text as="p" className={styles.p}>
              {mode === 'manifest' ? t('find.introManifest') : t('find.intro')}
            </Text>
            <div className={styles.grid}>
              <Field label={t('storage.account.label')} required validationState={nameInvalid ? 'error' : 'none'} validationMessage={nameInvalid ? t('storage.account.invalid') : undefined}>
                <Input value={accountName} autoComplete="off" spellCheck={false} onChange={(_, d) => setAccountName(d.value)} />
              </Field>
              <div>
                <Text id={kindLabel} weight="semibold">
                  {t('storage.kind.label')}
                </Text>
                <RadioGroup aria-labelledby={kindLabel} value={kind} layout="horizontal" onChange={(_, d) => setKind(d.value as CredentialKind)}>
                  <Radio value="key" label={t('storage.kind.key')} />
                  <Radio value="sas" label={t('storage.kind.sas')} />
                </RadioGroup>
              </div>
            </div>
            <Field label={kind === 'key' ? t('storage.secret.keyLabel') : t('storage.secret.sasLabel')} hint={kind === 'key' ? t('storage.secret.keyHint') : t('find.sasHint')} required>
              <Input type="password" value={secret} input={{ className: styles.mono }} autoComplete="off" spellCheck={false} onChange={(_, d) => setSecret(d.value)} />
            </Field>
            <div className={styles.grid}>
              <Field label={t('find.jobName')} hint={t('find.jobNameHint')}>
                <Input value={jobName} spellCheck={false} onChange={(_, d) => setJobName(d.value)} />
              </Field>
              <Field label={t('find.driveId')} hint={t('find.driveIdHint')}>
                <Input value={drive} spellCheck={false} input={{ className: styles.mono }} onChange={(_, d) => setDrive(d.value)} />
              </Field>
            </div>
            <div>
              <Button appearance="subtle" aria-expanded={more} onClick={() => setMore((v) => !v)}>
                {more ? t('find.lessOptions') : t('find.moreOptions')}
              </Button>
            </div>
            {more && (
              <div className={styles.grid}>
                <Field label={t('find.statesPath')} hint={t('find.statesPathHint')}>
                  <Input value={statesPath} spellCheck={false} placeholder="waimportexport" onChange={(_, d) => setStatesPath(d.value)} />
                </Field>
                <Field label={t('find.diagnosticsPath')} hint={t('find.diagnosticsPathHint')}>
                  <Input value={diagnosticsPath} spellCheck={false} placeholder="waimportexport" onChange={(_, d) => setDiagnosticsPath(d.value)} />
                </Field>
                <Field label={t('storage.endpoint.label')} hint={t('storage.endpoint.hint')} validationState={isValidEndpoint(endpoint) ? 'none' : 'error'} validationMessage={isValidEndpoint(endpoint) ? undefined : t('storage.endpoint.invalid')}>
                  <Input value={endpoint} spellCheck={false} input={{ className: styles.mono }} placeholder="https://<account>.blob.core.windows.net" onChange={(_, d) => setEndpoint(d.value)} />
                </Field>
              </div>
            )}
            <div className={styles.row}>
              <Button appearance="primary" disabledFocusable={!canSearch} onClick={() => void runSearch()}>
                {t('find.search')}
              </Button>
              {searching && <Spinner size="tiny" label={t('find.searching')} />}
            </div>
            {error && <ErrorMessage error={error} categories={['blob', 'drive']} />}
            {listing && (
              <section className={styles.content} aria-labelledby={pickLabel}>
                <Text id={pickLabel} weight="semibold">
                  {drives.length > 0 ? (mode === 'manifest' ? t('find.pickManifest') : t('find.pick')) : mode === 'manifest' ? t('find.noneManifest') : t('find.none')}
                </Text>
                <Text size={200} data-testid="find-searched">
                  {t('find.searched', {
                    where: listing.searched.map((l) => `${l.container}/${l.listedPrefix}${l.missing ? ` (${t('find.missing')})` : ''}`).join(', '),
                  })}
                </Text>
                {drives.length > 0 && (
                  <RadioGroup aria-labelledby={pickLabel} value={picked} onChange={(_, d) => setPicked(d.value)}>
                    {drives.map((d) => (
                      <div key={`${d.jobName}|${d.driveId}`} className={styles.drive} role="group" aria-label={t('find.driveHeading', { job: d.jobName, drive: d.driveId })}>
                        <h3 className={styles.h3}>{t('find.driveHeading', { job: d.jobName, drive: d.driveId })}</h3>
                        {d.shown.map((l) => (
                          <Radio key={logId(l)} value={logId(l)} label={labelOf(l)} />
                        ))}
                      </div>
                    ))}
                  </RadioGroup>
                )}
                {backup && (
                  <Checkbox checked={withManifest} onChange={(_, d) => setWithManifest(d.checked === true)} label={t('find.withManifest', { time: timeOf(backup) })} />
                )}
                {drives.length > 0 && (
                  <PathField label={t('find.outDir')} hint={t('find.outDirHint')} kind="folder" browseTitle={t('find.outDir')} required value={outDir} onChange={setOutDir} />
                )}
              </section>
            )}
            {failed.map((d) => (
              <MessageBar key={logId(d.log)} intent="error" layout="multiline">
                <MessageBarBody>
                  {t('find.checkFailed', { name: d.log.fileName })}
                  {d.log.kind === 'manifest' && <StatusDetails category="drive" code="ManifestCorrupted" brief />}
                </MessageBarBody>
              </MessageBar>
            ))}
          </DialogContent>
          <DialogActions>
            {downloading && <Spinner size="tiny" label={t('find.downloading')} />}
            <Button appearance="primary" disabledFocusable={!pickedLog || outDir.trim() === '' || downloading} onClick={() => void download()}>
              {t('find.download')}
            </Button>
            <Button onClick={onClose}>{t('common.cancel')}</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
