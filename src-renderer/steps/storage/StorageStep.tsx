/**
 * Storage account: the account name, an account key or a container SAS, an optional endpoint
 * (advanced), and "Test connection" (storage.test) before anything is written. The secret is masked
 * (show/hide) and kept in memory only, unless the user ticks "Remember" (OS keychain, only where the
 * app can: secrets.remember).
 */
import { useEffect, useId, useState } from 'react';
import {
  Button,
  Checkbox,
  Field,
  Input,
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
import { useApi } from '../../app/api-context.ts';
import { recallSecret, testConnection } from '../../app/actions.ts';
import { ACCOUNT_NAME, isMissingBlob, isValidEndpoint } from '../../app/validation.ts';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { StatusDetails } from '../../components/StatusDetails.tsx';
import { categoryOfCode } from '../../i18n/hooks.ts';
import { credentialsKey, inputs, useInputsStore, type CredentialKind } from '../../stores/inputs.ts';
import { usePreflightStore } from '../../stores/preflight.ts';
import { useSettingsStore } from '../../stores/settings.ts';
import { useWizardStore } from '../../stores/wizard.ts';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL, maxWidth: '720px' },
  mono: { fontFamily: tokens.fontFamilyMonospace },
  row: { display: 'flex', gap: tokens.spacingHorizontalM, alignItems: 'center' },
  p: { margin: 0 },
});

export function StorageStep() {
  const { t } = useTranslation();
  const api = useApi();
  const styles = useStyles();
  const s = useInputsStore();
  const connection = usePreflightStore((p) => p.connection);
  const canRemember = useSettingsStore((st) => st.appInfo?.canRememberSecrets ?? false);
  const [showSecret, setShowSecret] = useState(false);
  const [advanced, setAdvanced] = useState(s.blobEndpoint.trim() !== '');
  const kindLabel = useId();
  const importTask = useWizardStore((w) => w.task === 'repairImport');

  // A remembered secret for this account is filled in from the keychain.
  useEffect(() => {
    const timer = setTimeout(() => void recallSecret(api), 300);
    return () => clearTimeout(timer);
  }, [api, s.accountName]);

  const key = credentialsKey(s);
  const current = connection.status !== 'idle' && connection.key === key ? connection : undefined;
  const nameInvalid = s.accountName.trim() !== '' && !ACCOUNT_NAME.test(s.accountName.trim());
  const endpointInvalid = !isValidEndpoint(s.blobEndpoint);
  const canTest = ACCOUNT_NAME.test(s.accountName.trim()) && s.secret.trim() !== '' && !endpointInvalid && current?.status !== 'loading';

  const setKind = (kind: CredentialKind): void => inputs.set({ credentialKind: kind, secret: '', secretRecalled: false });

  return (
    <>
      <Text as="p" className={styles.p}>
        {importTask ? t('storage.introImport') : t('storage.intro')}
      </Text>
      <div className={styles.form}>
        <Field
          label={t('storage.account.label')}
          hint={t('storage.account.hint')}
          required
          validationState={nameInvalid ? 'error' : 'none'}
          validationMessage={nameInvalid ? t('storage.account.invalid') : undefined}
        >
          <Input value={s.accountName} autoComplete="off" spellCheck={false} onChange={(_, d) => inputs.set({ accountName: d.value, secretRecalled: false })} />
        </Field>
        <div>
          <Text id={kindLabel} weight="semibold">
            {t('storage.kind.label')}
          </Text>
          <RadioGroup aria-labelledby={kindLabel} value={s.credentialKind} onChange={(_, d) => setKind(d.value as CredentialKind)} layout="horizontal">
            <Radio value="key" label={t('storage.kind.key')} />
            <Radio value="sas" label={t('storage.kind.sas')} />
          </RadioGroup>
        </div>
        <Field
          label={s.credentialKind === 'key' ? t('storage.secret.keyLabel') : t('storage.secret.sasLabel')}
          hint={s.secretRecalled ? t('storage.secret.recalled') : s.credentialKind === 'key' ? t('storage.secret.keyHint') : t('storage.secret.sasHint')}
          required
        >
          <Input
            type={showSecret ? 'text' : 'password'}
            value={s.secret}
            input={{ className: styles.mono }}
            autoComplete="off"
            spellCheck={false}
            onChange={(_, d) => inputs.set({ secret: d.value, secretRecalled: false })}
            contentAfter={
              <Button
                appearance="transparent"
                size="small"
                aria-pressed={showSecret}
                aria-label={showSecret ? t('storage.secret.hide') : t('storage.secret.show')}
                onClick={() => setShowSecret((v) => !v)}
              >
                {showSecret ? t('storage.secret.hideShort') : t('storage.secret.showShort')}
              </Button>
            }
          />
        </Field>
        {canRemember && (
          <Checkbox checked={s.remember} onChange={(_, d) => inputs.set({ remember: d.checked === true })} label={t('storage.remember')} />
        )}
        <div>
          <Button appearance="subtle" aria-expanded={advanced} onClick={() => setAdvanced((v) => !v)}>
            {advanced ? t('storage.advanced.hide') : t('storage.advanced.show')}
          </Button>
        </div>
        {advanced && (
          <Field
            label={t('storage.endpoint.label')}
            hint={t('storage.endpoint.hint')}
            validationState={endpointInvalid ? 'error' : 'none'}
            validationMessage={endpointInvalid ? t('storage.endpoint.invalid') : undefined}
          >
            <Input value={s.blobEndpoint} input={{ className: styles.mono }} spellCheck={false} placeholder="https://<account>.blob.core.windows.net" onChange={(_, d) => inputs.set({ blobEndpoint: d.value })} />
          </Field>
        )}
        <div className={styles.row}>
          <Button appearance="primary" disabledFocusable={!canTest} onClick={() => void testConnection(api)}>
            {t('storage.test.button')}
          </Button>
          {current?.status === 'loading' && <Spinner size="tiny" label={t('storage.test.working')} />}
        </div>
        {current?.status === 'error' && <ErrorMessage error={current.error} categories={['blob', 'drive']} />}
        {current?.status === 'ready' && (
          <>
            <MessageBar intent={current.value.problems.length === 0 ? 'success' : current.value.readable > 0 ? 'warning' : 'error'} layout="multiline">
              <MessageBarBody>
                <MessageBarTitle>
                  {current.value.problems.length === 0
                    ? t('storage.test.ok', { endpoint: current.value.endpoint })
                    : current.value.readable > 0
                      ? t('storage.test.some', { readable: current.value.readable, checked: current.value.checked })
                      : t('storage.test.none', { checked: current.value.checked })}
                </MessageBarTitle>
                {t('storage.test.detail', { readable: current.value.readable, checked: current.value.checked, endpoint: current.value.endpoint })}
              </MessageBarBody>
            </MessageBar>
            {importTask && current.value.problems.some((p) => isMissingBlob(p.detail)) && <Text>{t('storage.test.importMissing')}</Text>}
            {current.value.problems.length > 0 && (
              <Table size="small" aria-label={t('storage.test.problems')}>
                <TableHeader>
                  <TableRow>
                    <TableHeaderCell>{t('storage.test.blob')}</TableHeaderCell>
                    <TableHeaderCell>{t('storage.test.problem')}</TableHeaderCell>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {current.value.problems.map((p) => (
                    <TableRow key={p.blobPath}>
                      <TableCell className={styles.mono}>{p.blobPath}</TableCell>
                      <TableCell>
                        <StatusDetails category={categoryOfCode(p.statusCode, ['blob', 'drive', 'dataBox'])} code={p.statusCode} brief />
                        <Text size={200}>{p.detail}</Text>
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            )}
          </>
        )}
      </div>
    </>
  );
}
