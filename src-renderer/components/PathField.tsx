/**
 * A path typed, pasted or browsed: an Input with a "Browse…" button. Browse uses the native dialog
 * (`dialog.open`) where the app has one (Electron), else the server-side {@link FileBrowserDialog}
 * over `fs.list` (browser host).
 */
import { useState } from 'react';
import { Button, Field, Input, makeStyles, tokens } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { useApi } from '../app/api-context.ts';
import { useSettingsStore } from '../stores/settings.ts';
import { FileBrowserDialog, type BrowseKind } from './FileBrowserDialog.tsx';

const useStyles = makeStyles({
  row: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'flex-start' },
  input: { flexGrow: 1 },
  mono: { fontFamily: tokens.fontFamilyMonospace },
});

export interface PathFieldProps {
  label: string;
  value: string;
  onChange(value: string): void;
  kind: BrowseKind;
  /** Extensions without the dot, for the dialog's filter. */
  extensions?: readonly string[];
  /** Title of the browse dialog. */
  browseTitle: string;
  hint?: string;
  required?: boolean;
  validationState?: 'error' | 'warning' | 'success' | 'none';
  validationMessage?: string;
  placeholder?: string;
}

export function PathField(props: PathFieldProps) {
  const { label, value, onChange, kind, extensions, browseTitle, hint, required, validationState, validationMessage, placeholder } = props;
  const { t } = useTranslation();
  const api = useApi();
  const nativeDialogs = useSettingsStore((s) => s.appInfo?.nativeDialogs ?? false);
  const [browsing, setBrowsing] = useState(false);
  const styles = useStyles();

  const browse = async (): Promise<void> => {
    if (!nativeDialogs) {
      setBrowsing(true);
      return;
    }
    const r = await api['dialog.open']({ kind, title: browseTitle, ...(extensions?.length ? { extensions: [...extensions] } : {}), ...(value.trim() ? { defaultPath: value.trim() } : {}) });
    if (r.ok && r.value) onChange(r.value.path);
  };

  return (
    <Field label={label} hint={hint} required={required} validationState={validationState} validationMessage={validationMessage}>
      {(fieldProps) => (
        <div className={styles.row}>
          <Input
            {...fieldProps}
            className={styles.input}
            input={{ className: styles.mono }}
            value={value}
            placeholder={placeholder}
            spellCheck={false}
            autoComplete="off"
            onChange={(_, d) => onChange(d.value)}
          />
          <Button onClick={() => void browse()} aria-label={t('common.browseFor', { what: label })}>
            {t('common.browse')}
          </Button>
          {!nativeDialogs && (
            <FileBrowserDialog
              open={browsing}
              kind={kind}
              title={browseTitle}
              extensions={extensions}
              startPath={value}
              onClose={() => setBrowsing(false)}
              onChoose={(path) => {
                setBrowsing(false);
                onChange(path);
              }}
            />
          )}
        </div>
      )}
    </Field>
  );
}
