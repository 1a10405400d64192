/**
 * Drive: which volume is the export drive (drives.list, with the copy log's DriveId when known), unlocking
 * a BitLocker-locked one with its recovery key (drives.unlock), or a folder instead (a network share with a
 * copy of the drive). The result is the target directory.
 */
import { useEffect, useId, useState } from 'react';
import {
  Badge,
  Button,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Radio,
  RadioGroup,
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
import type { ErrorInfo } from '../../../src-shared/errors.ts';
import type { BitLockerState, VolumeInfo } from '../../../src-shared/ipc/contract.ts';
import { useApi } from '../../app/api-context.ts';
import { listDrives, unlockDrive } from '../../app/actions.ts';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { PathField } from '../../components/PathField.tsx';
import { useUiLanguage } from '../../i18n/hooks.ts';
import { formatBytes } from '../../lib/format.ts';
import { inputs, useInputsStore } from '../../stores/inputs.ts';
import { usePreflightStore } from '../../stores/preflight.ts';
import { useSettingsStore } from '../../stores/settings.ts';
import { RecoveryKeyField } from './RecoveryKeyField.tsx';

const FOLDER = '__folder__';

const useStyles = makeStyles({
  toolbar: { display: 'flex', gap: tokens.spacingHorizontalM, alignItems: 'center' },
  table: { minWidth: '640px' },
  tableWrap: { overflowX: 'auto' },
  unlock: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalL,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    maxWidth: '720px',
  },
  row: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  p: { margin: 0 },
  folder: { marginInlineStart: '32px', maxWidth: '720px' },
});

function volumeName(v: VolumeInfo): string {
  return v.mountPath ?? v.device ?? v.id;
}

function bitLockerColor(state: BitLockerState): 'danger' | 'success' | 'informative' | 'subtle' {
  return state === 'locked' ? 'danger' : state === 'unlocked' ? 'success' : state === 'notEncrypted' ? 'informative' : 'subtle';
}

export function DriveStep() {
  const { t } = useTranslation();
  const api = useApi();
  const lang = useUiLanguage();
  const styles = useStyles();
  const drives = usePreflightStore((s) => s.drives);
  const appInfo = useSettingsStore((s) => s.appInfo);
  const targetSource = useInputsStore((s) => s.targetSource);
  const volumeId = useInputsStore((s) => s.volumeId);
  const targetDir = useInputsStore((s) => s.targetDir);
  const folder = useInputsStore((s) => s.folder);
  const [key, setKey] = useState('');
  const [keyComplete, setKeyComplete] = useState<string | undefined>();
  const [unlocking, setUnlocking] = useState(false);
  const [unlockError, setUnlockError] = useState<ErrorInfo | undefined>();
  const labelId = useId();

  useEffect(() => {
    void listDrives(api);
  }, [api]);

  const volumes = drives.status === 'ready' ? drives.value : [];
  const selected = targetSource === 'volume' ? volumes.find((v) => v.id === volumeId) : undefined;

  // The drive the copy log names is chosen for the user when nothing is chosen yet and it can be used.
  useEffect(() => {
    if (drives.status !== 'ready' || useInputsStore.getState().targetSource !== null) return;
    const matching = drives.value.filter((v) => v.matchesDriveId);
    if (matching.length === 1) choose(matching[0]!.id, drives.value);
  }, [drives]);

  function choose(value: string, list: VolumeInfo[] = volumes): void {
    setUnlockError(undefined);
    if (value === FOLDER) {
      inputs.set({ targetSource: 'folder', volumeId: undefined, volumeSerial: undefined, targetDir: useInputsStore.getState().folder.trim() });
      return;
    }
    const v = list.find((x) => x.id === value);
    if (!v) return;
    const usable = v.bitLocker !== 'locked' && v.mountPath;
    inputs.set({ targetSource: 'volume', volumeId: v.id, volumeSerial: v.serialNumber, targetDir: usable ? v.mountPath! : '', driveMismatchConfirmed: false });
  }

  const unlock = async (): Promise<void> => {
    if (!selected || !keyComplete) return;
    setUnlocking(true);
    setUnlockError(undefined);
    const r = await unlockDrive(api, selected.id, keyComplete);
    setUnlocking(false);
    if (r.ok) {
      setKey('');
      setKeyComplete(undefined);
    } else setUnlockError(r.error);
  };

  const needsAdmin = appInfo?.platform === 'win32' && appInfo.elevated === false;
  const anyLocked = volumes.some((v) => v.bitLocker === 'locked');

  return (
    <>
      <Text as="p" className={styles.p}>
        {t('drive.intro')}
      </Text>
      {needsAdmin && anyLocked && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{t('drive.admin.title')}</MessageBarTitle>
            {t('drive.admin.body')}
          </MessageBarBody>
        </MessageBar>
      )}
      <div className={styles.toolbar}>
        <Text id={labelId} weight="semibold">
          {t('drive.choose')}
        </Text>
        <Button size="small" onClick={() => void listDrives(api)} disabled={drives.status === 'loading'}>
          {t('drive.refresh')}
        </Button>
        {drives.status === 'loading' && <Spinner size="tiny" label={t('drive.loading')} />}
      </div>
      {drives.status === 'error' && <ErrorMessage error={drives.error} />}
      <RadioGroup aria-labelledby={labelId} value={targetSource === 'folder' ? FOLDER : (volumeId ?? '')} onChange={(_, d) => choose(d.value)}>
        {drives.status === 'ready' && volumes.length === 0 && <Text>{t('drive.none')}</Text>}
        {volumes.length > 0 && (
          <div className={styles.tableWrap}>
            <Table className={styles.table} size="small" aria-label={t('drive.tableLabel')}>
              <TableHeader>
                <TableRow>
                  <TableHeaderCell>{t('drive.col.drive')}</TableHeaderCell>
                  <TableHeaderCell>{t('drive.col.label')}</TableHeaderCell>
                  <TableHeaderCell>{t('drive.col.size')}</TableHeaderCell>
                  <TableHeaderCell>{t('drive.col.fileSystem')}</TableHeaderCell>
                  <TableHeaderCell>{t('drive.col.serial')}</TableHeaderCell>
                  <TableHeaderCell>{t('drive.col.bitLocker')}</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {volumes.map((v) => (
                  <TableRow key={v.id} aria-selected={v.id === volumeId && targetSource === 'volume'}>
                    <TableCell>
                      <Radio
                        value={v.id}
                        label={volumeName(v)}
                        aria-label={t('drive.radioLabel', {
                          name: volumeName(v),
                          label: v.label ?? '',
                          size: v.sizeBytes !== undefined ? formatBytes(v.sizeBytes, lang) : '',
                          state: t(`drive.bitLocker.${v.bitLocker}`),
                        }) + (v.matchesDriveId ? `. ${t('drive.match')}` : '')}
                      />
                      {v.matchesDriveId && (
                        <Badge appearance="filled" color="brand">
                          {t('drive.match')}
                        </Badge>
                      )}
                    </TableCell>
                    <TableCell>{v.label ?? ''}</TableCell>
                    <TableCell>{v.sizeBytes !== undefined ? formatBytes(v.sizeBytes, lang) : '–'}</TableCell>
                    <TableCell>{v.fileSystem ?? '–'}</TableCell>
                    <TableCell>{v.serialNumber ?? '–'}</TableCell>
                    <TableCell>
                      <Badge appearance="tint" color={bitLockerColor(v.bitLocker)}>
                        {t(`drive.bitLocker.${v.bitLocker}`)}
                      </Badge>
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
        )}
        <Radio value={FOLDER} label={t('drive.folderOption')} />
      </RadioGroup>
      {targetSource === 'folder' && (
        <div className={styles.folder}>
          <PathField
            label={t('drive.folder.label')}
            hint={t('drive.folder.hint')}
            kind="folder"
            browseTitle={t('drive.folder.browseTitle')}
            value={folder}
            required
            onChange={(value) => inputs.set({ folder: value, targetDir: value.trim() })}
          />
        </div>
      )}
      {selected && selected.bitLocker !== 'locked' && !selected.mountPath && (
        <MessageBar intent="warning">
          <MessageBarBody>{t('drive.notMounted')}</MessageBarBody>
        </MessageBar>
      )}
      {selected && selected.bitLocker === 'locked' && (
        <section className={styles.unlock} aria-labelledby="unlock-heading">
          <Text as="h3" id="unlock-heading" weight="semibold" size={400} className={styles.p}>
            {t('drive.unlock.title', { name: volumeName(selected) })}
          </Text>
          <Text as="p" className={styles.p}>
            {t('drive.unlock.intro')}
          </Text>
          {needsAdmin && (
            <MessageBar intent="error" layout="multiline">
              <MessageBarBody>
                <MessageBarTitle>{t('drive.admin.title')}</MessageBarTitle>
                {t('drive.admin.body')}
              </MessageBarBody>
            </MessageBar>
          )}
          <RecoveryKeyField
            value={key}
            onChange={(value, check) => {
              setKey(value);
              setKeyComplete(check.state === 'complete' ? check.normalized : undefined);
            }}
          />
          <div className={styles.row}>
            <Button appearance="primary" disabledFocusable={!keyComplete || unlocking || needsAdmin} onClick={() => void unlock()}>
              {t('drive.unlock.button')}
            </Button>
            {unlocking && <Spinner size="tiny" label={t('drive.unlock.working')} />}
          </div>
          {unlockError && <ErrorMessage error={unlockError} categories={['drive']} />}
        </section>
      )}
      {targetSource === 'volume' && targetDir && (
        <MessageBar intent="success">
          <MessageBarBody>{t('drive.target', { path: targetDir })}</MessageBarBody>
        </MessageBar>
      )}
    </>
  );
}
