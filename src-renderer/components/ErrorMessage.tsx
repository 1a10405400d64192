/** An error from the host (ErrorInfo), with the status code's explanation and next step when it has one. */
import { MessageBar, MessageBarBody, MessageBarTitle, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { ErrorInfo } from '../../src-shared/errors.ts';
import type { StatusCategory } from '../../src-shared/status/index.ts';
import { categoryOfCode } from '../i18n/hooks.ts';
import { StatusDetails } from './StatusDetails.tsx';
import { RichText } from './RichText.tsx';

const useStyles = makeStyles({
  body: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, paddingBlock: tokens.spacingVerticalXS },
});

export interface ErrorMessageProps {
  error: ErrorInfo;
  /** Categories to look the status code up in, in order. */
  categories?: readonly StatusCategory[];
  intent?: 'error' | 'warning';
}

export function ErrorMessage({ error, categories, intent = 'error' }: ErrorMessageProps) {
  const styles = useStyles();
  return (
    <MessageBar intent={intent} layout="multiline" politeness="assertive">
      <MessageBarBody className={styles.body}>
        <MessageBarTitle>{error.title}</MessageBarTitle>
        {error.detail && (
          <Text as="p" style={{ margin: 0 }}>
            <RichText text={error.detail} />
          </Text>
        )}
        {error.statusCode && <StatusDetails category={categoryOfCode(error.statusCode, categories)} code={error.statusCode} brief />}
      </MessageBarBody>
    </MessageBar>
  );
}
