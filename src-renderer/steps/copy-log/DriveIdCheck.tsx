/** The DriveId check: the copy log, the manifest and the chosen drive must name the same drive. */
import { Checkbox, MessageBar, MessageBarBody, MessageBarTitle, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { StatusDetails } from '../../components/StatusDetails.tsx';
import { driveIds, driveSerialMismatch } from '../../app/validation.ts';
import { useCopyLogStore } from '../../stores/copy-log.ts';
import { inputs, useInputsStore } from '../../stores/inputs.ts';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  facts: { display: 'grid', gridTemplateColumns: 'max-content max-content max-content', columnGap: tokens.spacingHorizontalL, rowGap: tokens.spacingVerticalXS, margin: 0 },
  mono: { fontFamily: tokens.fontFamilyMonospace },
  h3: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
});

const same = (a?: string, b?: string): boolean => !!a && !!b && a.trim().toUpperCase() === b.trim().toUpperCase();

export function DriveIdCheck({ task }: { task: 'repair' | 'validate' }) {
  const { t } = useTranslation();
  const styles = useStyles();
  const copyLog = useCopyLogStore();
  const inp = useInputsStore();
  const ids = driveIds({ copyLog });
  if (!ids.log && !ids.manifest) return null;
  const reference = ids.log ?? ids.manifest;
  const logVsManifest = task === 'repair' && ids.log && ids.manifest ? same(ids.log, ids.manifest) : undefined;
  const serialMismatch = driveSerialMismatch({ copyLog, inputs: inp });
  const mark = (ok: boolean | undefined): string => (ok === undefined ? '' : ok ? t('check.matches') : t('check.differs'));

  return (
    <section className={styles.root} aria-labelledby="driveid-heading">
      <h3 id="driveid-heading" className={styles.h3}>
        {t('check.title')}
      </h3>
      <div className={styles.facts} role="table" aria-label={t('check.title')}>
        {ids.log && (
          <div role="row" style={{ display: 'contents' }}>
            <Text role="rowheader">{t('check.copyLog')}</Text>
            <Text role="cell" className={styles.mono}>
              {ids.log}
            </Text>
            <Text role="cell"></Text>
          </div>
        )}
        {ids.manifest && (
          <div role="row" style={{ display: 'contents' }}>
            <Text role="rowheader">{t('check.manifest')}</Text>
            <Text role="cell" className={styles.mono}>
              {ids.manifest}
            </Text>
            <Text role="cell">{mark(logVsManifest)}</Text>
          </div>
        )}
        <div role="row" style={{ display: 'contents' }}>
          <Text role="rowheader">{t('check.drive')}</Text>
          <Text role="cell" className={styles.mono}>
            {inp.targetSource === 'volume' ? (inp.volumeSerial ?? t('check.noSerial')) : t('check.folder')}
          </Text>
          <Text role="cell">{inp.targetSource === 'volume' && inp.volumeSerial ? mark(same(inp.volumeSerial, reference)) : ''}</Text>
        </div>
      </div>
      {logVsManifest === false && (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{t('check.mismatchTitle', { log: ids.log, manifest: ids.manifest })}</MessageBarTitle>
            <StatusDetails category="drive" code="ManifestDriveIdMismatch" brief />
          </MessageBarBody>
        </MessageBar>
      )}
      {serialMismatch && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{t('check.serialTitle', { serial: inp.volumeSerial, id: reference })}</MessageBarTitle>
            {t('check.serialBody')}
            <div>
              <Checkbox
                checked={inp.driveMismatchConfirmed}
                onChange={(_, d) => inputs.set({ driveMismatchConfirmed: d.checked === true })}
                label={t('check.confirm')}
              />
            </div>
          </MessageBarBody>
        </MessageBar>
      )}
    </section>
  );
}
