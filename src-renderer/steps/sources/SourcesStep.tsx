/**
 * Source folders (Repair an import job): the folders that hold the original files of the import
 * (`/d:<Dir1;Dir2…>`): the import drive itself, or other copies. One or more rows, each typed, pasted
 * or browsed; rows can be added and removed. Each copy-log FilePath is looked for under every folder;
 * a file found under more than one is resolved later, in the report.
 */
import { Button, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { PathField } from '../../components/PathField.tsx';
import { inputs, useInputsStore } from '../../stores/inputs.ts';

const useStyles = makeStyles({
  list: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, maxWidth: '860px', margin: 0, padding: 0, listStyle: 'none' },
  row: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'flex-end' },
  field: { flexGrow: 1 },
  remove: { marginBottom: '2px' },
  p: { margin: 0 },
});

/** The Source folders step. */
export function SourcesStep() {
  const { t } = useTranslation();
  const styles = useStyles();
  const dirs = useInputsStore((s) => s.sourceDirs);

  const setAt = (i: number, value: string): void => inputs.set({ sourceDirs: dirs.map((d, j) => (j === i ? value : d)) });
  const removeAt = (i: number): void => inputs.set({ sourceDirs: dirs.length > 1 ? dirs.filter((_, j) => j !== i) : [''] });
  const add = (): void => inputs.set({ sourceDirs: [...dirs, ''] });

  return (
    <>
      <Text as="p" className={styles.p}>
        {t('sources.intro')}
      </Text>
      <Text as="p" size={200} className={styles.p}>
        {t('sources.hint')}
      </Text>
      <ul className={styles.list} aria-label={t('sources.listLabel')}>
        {dirs.map((dir, i) => (
          <li key={i} className={styles.row}>
            <div className={styles.field}>
              <PathField
                label={t('sources.folder', { n: i + 1 })}
                kind="folder"
                browseTitle={t('sources.browseTitle')}
                required={i === 0}
                value={dir}
                onChange={(value) => setAt(i, value)}
              />
            </div>
            <Button className={styles.remove} disabled={dirs.length === 1 && dir === ''} aria-label={t('sources.removeLabel', { n: i + 1 })} onClick={() => removeAt(i)}>
              {t('sources.remove')}
            </Button>
          </li>
        ))}
      </ul>
      <div>
        <Button onClick={add}>{t('sources.add')}</Button>
      </div>
      <Text as="p" size={200} className={styles.p}>
        {t('sources.ambiguousNote')}
      </Text>
    </>
  );
}
