/**
 * The server-side file browser (browser host, where there are no native dialogs): a Fluent Dialog that
 * lists folders and files of the machine running waie through `fs.list`, filtered by extension. Folders
 * open on click or Enter; files are selected on click and chosen on double-click. Arrow keys move in
 * the list.
 */
import { useCallback, useEffect, useId, useState } from 'react';
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Input,
  Spinner,
  Text,
  makeStyles,
  tokens,
  useArrowNavigationGroup,
} from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import type { DirectoryListing } from '../../src-shared/ipc/contract.ts';
import type { ErrorInfo } from '../../src-shared/errors.ts';
import { useApi } from '../app/api-context.ts';
import { useUiLanguage } from '../i18n/hooks.ts';
import { formatBytes } from '../lib/format.ts';
import { basename, dirname, extensionOf, joinPath } from '../lib/paths.ts';
import { ErrorMessage } from './ErrorMessage.tsx';

export type BrowseKind = 'file' | 'folder' | 'save';

export interface FileBrowserDialogProps {
  open: boolean;
  kind: BrowseKind;
  title: string;
  /** Extensions without the dot (`xml`); files with others are hidden. */
  extensions?: readonly string[];
  /** Where to start: the current value of the field. */
  startPath?: string;
  onChoose(path: string): void;
  onClose(): void;
}

const useStyles = makeStyles({
  surface: { width: 'min(760px, 92vw)', maxWidth: 'min(760px, 92vw)' },
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  roots: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap', alignItems: 'center' },
  pathRow: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'flex-end' },
  grow: { flexGrow: 1 },
  list: {
    height: '320px',
    overflowY: 'auto',
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: tokens.spacingVerticalXS,
    display: 'flex',
    flexDirection: 'column',
  },
  entry: { justifyContent: 'flex-start', width: '100%', fontWeight: tokens.fontWeightRegular },
  size: { marginInlineStart: 'auto', color: tokens.colorNeutralForeground3 },
});

export function FileBrowserDialog({ open, kind, title, extensions, startPath, onChoose, onClose }: FileBrowserDialogProps) {
  const { t } = useTranslation();
  const api = useApi();
  const lang = useUiLanguage();
  const styles = useStyles();
  const arrows = useArrowNavigationGroup({ axis: 'vertical', circular: false });
  const listId = useId();
  const [listing, setListing] = useState<DirectoryListing | undefined>();
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<ErrorInfo | undefined>();
  const [selected, setSelected] = useState<string | undefined>();
  const [typedFolder, setTypedFolder] = useState('');
  const [fileName, setFileName] = useState('');

  const list = useCallback(
    async (path: string | undefined, fallbackToRoots = false): Promise<void> => {
      setLoading(true);
      setError(undefined);
      const r = await api['fs.list']({ ...(path ? { path } : {}), ...(extensions?.length ? { extensions: [...extensions] } : {}) });
      if (!r.ok && path !== undefined && fallbackToRoots) {
        // The start folder does not exist (yet): start at the default place instead.
        return list(undefined);
      }
      setLoading(false);
      if (r.ok) {
        setListing(r.value);
        setTypedFolder(r.value.path);
        setSelected(undefined);
      } else setError(r.error);
    },
    [api, extensions],
  );

  useEffect(() => {
    if (!open) return;
    const start = startPath?.trim() ? (kind === 'folder' ? startPath.trim() : dirname(startPath.trim())) : undefined;
    setFileName(kind === 'save' && startPath ? basename(startPath) : '');
    setListing(undefined);
    void list(start, true);
  }, [open]); // only when the dialog opens

  const wanted = new Set((extensions ?? []).map((e) => e.replace(/^\./, '').toLowerCase()));
  const entries = (listing?.entries ?? []).filter((e) => e.kind === 'directory' || (kind !== 'folder' && (wanted.size === 0 || wanted.has(extensionOf(e.name)))));
  const saveName = fileName.trim();
  const choice =
    kind === 'file' ? selected : kind === 'folder' ? listing?.path : listing && saveName && !/[\\/]/.test(saveName) ? joinPath(listing.path, saveName) : undefined;

  return (
    <Dialog open={open} modalType="modal" onOpenChange={(_, d) => (d.open ? undefined : onClose())}>
      <DialogSurface className={styles.surface}>
        <DialogBody>
          <DialogTitle>{title}</DialogTitle>
          <DialogContent className={styles.content}>
            {listing && listing.roots.length > 0 && (
              <div className={styles.roots} role="group" aria-label={t('browser.roots')}>
                <Text>{t('browser.roots')}</Text>
                {listing.roots.map((root) => (
                  <Button key={root} size="small" onClick={() => void list(root)}>
                    {root}
                  </Button>
                ))}
              </div>
            )}
            <div className={styles.pathRow}>
              <Field label={t('browser.folder')} className={styles.grow}>
                <Input
                  value={typedFolder}
                  onChange={(_, d) => setTypedFolder(d.value)}
                  onKeyDown={(e) => {
                    if (e.key === 'Enter') {
                      e.preventDefault();
                      void list(typedFolder.trim() || undefined);
                    }
                  }}
                />
              </Field>
              <Button onClick={() => void list(typedFolder.trim() || undefined)}>{t('browser.go')}</Button>
              <Button disabled={!listing?.parent} onClick={() => listing?.parent && void list(listing.parent)}>
                {t('browser.up')}
              </Button>
            </div>
            {error && <ErrorMessage error={error} />}
            <div id={listId} className={styles.list} role="list" aria-label={t('browser.contents', { folder: listing?.path ?? '' })} aria-busy={loading} {...arrows}>
              {loading && <Spinner size="tiny" label={t('browser.loading')} />}
              {!loading && listing && entries.length === 0 && <Text>{t('browser.empty')}</Text>}
              {!loading &&
                entries.map((e) => (
                  <div role="listitem" key={e.path}>
                    <Button
                      appearance={selected === e.path ? 'primary' : 'subtle'}
                      className={styles.entry}
                      aria-pressed={e.kind === 'file' ? selected === e.path : undefined}
                      aria-label={e.kind === 'directory' ? t('browser.openFolder', { name: e.name }) : t('browser.file', { name: e.name })}
                      onClick={() => {
                        if (e.kind === 'directory') void list(e.path);
                        else if (kind === 'save') setFileName(e.name);
                        else setSelected(e.path);
                      }}
                      onDoubleClick={() => {
                        if (e.kind === 'file' && kind === 'file') onChoose(e.path);
                      }}
                    >
                      <span aria-hidden="true">{e.kind === 'directory' ? '📁' : '📄'}</span>&nbsp;{e.name}
                      {e.kind === 'file' && e.sizeBytes !== undefined && <span className={styles.size}>{formatBytes(e.sizeBytes, lang)}</span>}
                    </Button>
                  </div>
                ))}
            </div>
            {kind === 'save' && (
              <Field label={t('browser.fileName')}>
                <Input value={fileName} onChange={(_, d) => setFileName(d.value)} />
              </Field>
            )}
            {wanted.size > 0 && kind !== 'folder' && <Text size={200}>{t('browser.filter', { extensions: [...wanted].map((x) => `.${x}`).join(', ') })}</Text>}
          </DialogContent>
          <DialogActions>
            <Button onClick={onClose}>{t('common.cancel')}</Button>
            <Button appearance="primary" disabled={!choice} onClick={() => choice && onChoose(choice)}>
              {kind === 'folder' ? t('browser.chooseFolder') : t('browser.choose')}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
