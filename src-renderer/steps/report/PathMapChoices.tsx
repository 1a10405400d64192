/**
 * The Report step of an import job: the original files the repair could not use, for the user to
 * resolve in place. Paths of the path map (`RepairResult.pathMap.conflicts`: not found, unreadable,
 * invalid name, found under more than one source folder, or a path-map target that cannot be used) and
 * originals that changed since the import (`Corrupted` / `FileUnexpectedEnd` failures: an unchanged
 * copy finishes them). A file found more than once offers its candidates as choices; every item takes a
 * typed or browsed path. "Save choices and repair again" writes them into the path map file (pathMap.set)
 * and runs the same repair again (repairImport.start with the same repair file: it resumes).
 */
import { useId, useState } from 'react';
import { Button, Radio, RadioGroup, Spinner, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import type { PathConflictReason, RepairResult } from '../../../src-shared/engine-protocol.ts';
import type { ErrorInfo } from '../../../src-shared/errors.ts';
import { useApi } from '../../app/api-context.ts';
import { repairAgainWithChoices, type PathChoice } from '../../app/actions.ts';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { PathField } from '../../components/PathField.tsx';

/** Most items listed (the rest are counted; the path map file holds them all). */
export const MAX_CHOICE_ITEMS = 200;

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  item: {
    padding: tokens.spacingHorizontalL,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    maxWidth: '860px',
  },
  path: { margin: 0, fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold, wordBreak: 'break-all' },
  mono: { fontFamily: tokens.fontFamilyMonospace, wordBreak: 'break-all' },
  row: { display: 'flex', gap: tokens.spacingHorizontalM, alignItems: 'center', flexWrap: 'wrap' },
  h3: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  p: { margin: 0 },
});

/** One file to choose an original for. */
export interface ChoiceItem {
  drivePath: string;
  blobPath?: string;
  /** Why: a path-map reason, or `changed` (the original changed since the import). */
  reason: PathConflictReason | 'changed';
  statusCode: string;
  /** Local files found for it (a file found under more than one folder). */
  candidates: string[];
  detail: string;
}

/** The items of a result: its path-map conflicts, then its changed originals (one per file, not already listed). */
export function choiceItems(result: RepairResult): ChoiceItem[] {
  const out: ChoiceItem[] = (result.pathMap?.conflicts ?? []).map((c) => ({ drivePath: c.drivePath, blobPath: c.blobPath, reason: c.reason, statusCode: c.statusCode, candidates: c.candidates, detail: c.detail }));
  const seen = new Set(out.map((i) => i.drivePath.toLowerCase()));
  for (const f of result.failures) {
    if (f.statusCode !== 'Corrupted' && f.statusCode !== 'FileUnexpectedEnd') continue;
    if (f.component === 'properties' || f.component === 'metadata') continue;
    const k = f.filePath.toLowerCase();
    if (seen.has(k)) continue;
    seen.add(k);
    out.push({ drivePath: f.filePath, blobPath: f.blobPath, reason: 'changed', statusCode: f.statusCode, candidates: [], detail: f.detail });
  }
  return out;
}

const OTHER = '__other__';

interface Choice {
  /** A candidate path, or {@link OTHER}. */
  pick: string;
  other: string;
}

function ChoiceRow({ item, choice, onChange }: { item: ChoiceItem; choice: Choice; onChange(c: Choice): void }) {
  const { t } = useTranslation();
  const styles = useStyles();
  const headingId = useId();
  const ambiguous = item.candidates.length > 0;
  return (
    <div className={styles.item} role="group" aria-labelledby={headingId} data-testid="path-choice">
      <h4 id={headingId} className={styles.path}>
        {item.drivePath}
      </h4>
      <Text weight="semibold">{t(`pathMap.reason.${item.reason}`)}</Text>
      {!ambiguous && <Text size={200}>{item.detail}</Text>}
      {ambiguous && (
        <RadioGroup aria-label={t('pathMap.whichOriginal', { file: item.drivePath })} value={choice.pick} onChange={(_, d) => onChange({ ...choice, pick: d.value })}>
          {item.candidates.map((c) => (
            <Radio key={c} value={c} label={<span className={styles.mono}>{c}</span>} />
          ))}
          <Radio value={OTHER} label={t('pathMap.another')} />
        </RadioGroup>
      )}
      {(!ambiguous || choice.pick === OTHER) && (
        <PathField
          label={item.reason === 'changed' ? t('pathMap.unchangedCopy', { file: item.drivePath }) : t('pathMap.originalOf', { file: item.drivePath })}
          kind="file"
          browseTitle={t('pathMap.browseTitle', { file: item.drivePath })}
          value={choice.other}
          onChange={(value) => onChange({ pick: ambiguous ? OTHER : choice.pick, other: value })}
        />
      )}
    </div>
  );
}

/** The list and its "Save choices and repair again" button (nothing when every original was usable). */
export function PathMapChoices({ result }: { result: RepairResult }) {
  const { t } = useTranslation();
  const api = useApi();
  const styles = useStyles();
  const items = choiceItems(result);
  const [choices, setChoices] = useState<Record<string, Choice>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorInfo | undefined>();
  if (items.length === 0) return null;

  const chosen: PathChoice[] = items
    .map((i) => {
      const c = choices[i.drivePath];
      const target = !c ? '' : c.pick && c.pick !== OTHER ? c.pick : c.other.trim();
      return { drivePath: i.drivePath, target };
    })
    .filter((c) => c.target !== '');

  const submit = async (): Promise<void> => {
    setBusy(true);
    setError(undefined);
    const r = await repairAgainWithChoices(api, chosen);
    setBusy(false);
    if (!r.ok) setError(r.error);
  };

  return (
    <section className={styles.root} aria-labelledby="path-map-heading">
      <h3 id="path-map-heading" className={styles.h3}>
        {t('pathMap.title', { count: items.length })}
      </h3>
      <Text as="p" className={styles.p}>
        {t('pathMap.intro')}
      </Text>
      {items.slice(0, MAX_CHOICE_ITEMS).map((item) => (
        <ChoiceRow key={item.drivePath} item={item} choice={choices[item.drivePath] ?? { pick: '', other: '' }} onChange={(c) => setChoices((all) => ({ ...all, [item.drivePath]: c }))} />
      ))}
      {items.length > MAX_CHOICE_ITEMS && <Text>{t('pathMap.more', { count: items.length - MAX_CHOICE_ITEMS })}</Text>}
      {result.pathMap && (
        <Text size={200}>
          {t('pathMap.file')} <span className={styles.mono}>{result.pathMap.file}</span>
        </Text>
      )}
      <div className={styles.row}>
        <Button appearance="primary" disabledFocusable={chosen.length === 0 || busy} onClick={() => void submit()}>
          {t('pathMap.save')}
        </Button>
        <Text>{t('pathMap.chosen', { chosen: chosen.length, total: items.length })}</Text>
        {busy && <Spinner size="tiny" label={t('common.working')} />}
      </div>
      {error && <ErrorMessage error={error} />}
    </section>
  );
}
