/** A status code with its title, plain-language explanation and next step (status catalogue, in the UI language). */
import { Badge, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import type { StatusCategory } from '../../src-shared/status/index.ts';
import { useStatusText } from '../i18n/hooks.ts';
import { RichText } from './RichText.tsx';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  head: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  p: { margin: 0 },
});

export interface StatusDetailsProps {
  category: StatusCategory;
  code: string;
  /** Hide the explanation (title and next step only). */
  brief?: boolean;
}

export function StatusDetails({ category, code, brief }: StatusDetailsProps) {
  const { t } = useTranslation();
  const describe = useStatusText();
  const d = describe(category, code);
  const styles = useStyles();
  const color = d.severity === 'ok' ? 'success' : d.severity === 'warning' ? 'warning' : 'danger';
  return (
    <div className={styles.root} data-status-code={code}>
      <div className={styles.head}>
        <Text weight="semibold">{d.title}</Text>
        <Badge appearance="tint" color={color} aria-label={t('statusText.codeLabel', { code })}>
          {code}
        </Badge>
      </div>
      {!brief && (
        <Text as="p" className={styles.p}>
          <RichText text={d.explanation} />
        </Text>
      )}
      <Text as="p" className={styles.p}>
        <strong>{t('statusText.nextStep')}</strong> <RichText text={d.nextStep} />
      </Text>
    </div>
  );
}
