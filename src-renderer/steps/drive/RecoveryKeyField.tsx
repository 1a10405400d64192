/**
 * The BitLocker recovery key (48 digits, 8 groups of 6), checked as it is typed: a group that cannot be
 * right is named at once (each group is a multiple of 11 below 720896), with what to do.
 */
import { Field, Input, makeStyles, tokens } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { checkKeyAsTyped, type RecoveryKeyPrefixCheck } from '../../lib/recovery-key.ts';

const useStyles = makeStyles({
  input: { fontFamily: tokens.fontFamilyMonospace, letterSpacing: '0.05em' },
});

export interface RecoveryKeyFieldProps {
  value: string;
  onChange(value: string, check: RecoveryKeyPrefixCheck): void;
}

export function RecoveryKeyField({ value, onChange }: RecoveryKeyFieldProps) {
  const { t } = useTranslation();
  const styles = useStyles();
  const check = checkKeyAsTyped(value);
  const problem = check.problems[0];
  let validationState: 'error' | 'success' | 'none' = 'none';
  let message: string | undefined;
  if (check.state === 'invalid' && problem) {
    validationState = 'error';
    const values = { ...problem };
    message = `${t(`recoveryKey:${problem.code}.title`, values)}. ${t(`recoveryKey:${problem.code}.explanation`, values)}`;
  } else if (check.state === 'complete') {
    validationState = 'success';
    message = t('drive.key.valid');
  }
  return (
    <Field
      label={t('drive.key.label')}
      hint={check.state === 'incomplete' ? t('drive.key.progress', { digits: check.digits }) : t('drive.key.hint')}
      validationState={validationState}
      validationMessage={message}
      required
    >
      <Input
        value={value}
        input={{ className: styles.input }}
        autoComplete="off"
        spellCheck={false}
        inputMode="numeric"
        placeholder="000000-000000-000000-000000-000000-000000-000000-000000"
        onChange={(_, d) => onChange(d.value, checkKeyAsTyped(d.value))}
      />
    </Field>
  );
}
