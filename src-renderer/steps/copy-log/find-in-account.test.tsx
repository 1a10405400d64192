/**
 * "Find in storage account" against a fake IPC bridge: the dialog asks the account and secret, lists
 * the logs per drive and time (logs.list), downloads the pick into a folder (logs.download) and fills in
 * the copy log (and the manifest backup); a missing or damaged manifest offers its backup the same way.
 */
import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { DownloadedLog } from '../../../src-shared/logs/index.ts';
import { createFakeIpcBridge, fail, ok, type FakeHandlers } from '../../test/fake-ipc-bridge.ts';
import { renderApp } from '../../test/render.tsx';
import { copyLogSummary } from '../../test/fixtures/data.ts';
import { IMPORT_DRIVE, logListing } from '../../test/fixtures/import-review.ts';
import { useInputsStore } from '../../stores/inputs.ts';
import { useWizardStore } from '../../stores/wizard.ts';
import { defaultPick } from './FindInAccountDialog.tsx';

// In happy-dom (no layout), Fluent's focus manager (tabster) can mark the open dialog aria-hidden; a real
// browser does not (the e2e test uses this dialog in Chromium), so queries inside it include hidden elements.
const H = { hidden: true } as const;

const downloaded = (logs: DownloadedLog['log'][], outDir: string, okAll = true): DownloadedLog[] =>
  logs.map((log) => ({ log, ok: okAll, bytes: 2048, md5: 'A'.repeat(32), checks: [], ...(okAll ? { file: `${outDir}/${log.fileName}` } : {}) }));

async function openStep(task: 'repair' | 'repairImport', handlers: FakeHandlers = {}) {
  const bridge = createFakeIpcBridge({
    'copyLog.inspect': ({ path }) => ok(copyLogSummary({ path, driveId: IMPORT_DRIVE })),
    'logs.list': () => ok(logListing()),
    'logs.download': ({ logs, outDir }) => ok(downloaded(logs, outDir)),
    ...handlers,
  });
  await renderApp(bridge);
  useInputsStore.setState({ targetSource: 'folder', targetDir: '/mnt/copy', sourceDirs: ['/mnt/import'] });
  useWizardStore.setState({ task, step: 'copyLog' });
  return bridge;
}

describe('find in storage account', () => {
  it('lists the logs per drive and time, downloads the pick with the manifest backup, and fills in the fields', async () => {
    const bridge = await openStep('repair');
    await userEvent.click(await screen.findByRole('button', { name: 'Find in storage account…' }));
    const dialog = await screen.findByRole('dialog', H);
    expect(within(dialog).getByRole('heading', { ...H, level: 2 }).textContent).toBe('Find the copy log in the storage account');
    const search = within(dialog).getByRole('button', { ...H, name: 'Search' });
    expect(search.getAttribute('aria-disabled')).toBe('true');
    await userEvent.type(within(dialog).getByRole('textbox', { ...H, name: 'Storage account name' }), 'contoso');
    await userEvent.type(dialog.querySelector('input[type=password]')!, 's3cr3tKey==');
    await userEvent.type(within(dialog).getByRole('textbox', { ...H, name: 'Job name (optional)' }), 'photoimport');
    await userEvent.click(within(dialog).getByRole('button', { ...H, name: 'More options: log paths and endpoint' }));
    await userEvent.type(within(dialog).getByRole('textbox', { ...H, name: 'Blob endpoint (optional)' }), 'http://127.0.0.1:10000/devstoreaccount1');
    await userEvent.click(search);
    expect(bridge.callsOf('logs.list')).toEqual([{ credentials: { accountName: 'contoso', accountKey: 's3cr3tKey==', blobEndpoint: 'http://127.0.0.1:10000/devstoreaccount1' }, jobName: 'photoimport' }]);

    const group = await within(dialog).findByRole('group', { ...H, name: `Job photoimport, drive ${IMPORT_DRIVE}` });
    const options = within(group).getAllByRole('radio', H);
    // Copy logs only (the manifest backup is offered as a tick box), newest first, the newest picked.
    expect(options.map((o) => o.parentElement?.textContent)).toEqual(['Error log, 08/06/2024, 09:00:00 UTC, 2.00 KB', 'Error log, 07/06/2024, 10:15:00 UTC, 2.00 KB']);
    expect((options[0] as HTMLInputElement).checked).toBe(true);
    expect(within(dialog).getByTestId('find-searched').textContent).toBe('Looked in: waimportexport/waies/.');
    await userEvent.click(options[1]!);
    expect((within(dialog).getByRole('checkbox', { ...H, name: /Also download this drive’s manifest backup/ }) as HTMLInputElement).checked).toBe(true);
    await userEvent.type(within(dialog).getByRole('textbox', { ...H, name: 'Download to folder' }), '/data/logs');
    await userEvent.click(within(dialog).getByRole('button', { ...H, name: 'Download' }));

    await waitFor(() => expect(screen.queryByRole('dialog', H)).toBeNull());
    const [call] = bridge.callsOf('logs.download');
    expect(call!.outDir).toBe('/data/logs');
    expect(call!.logs.map((l) => l.fileName)).toEqual(['photoimport_WD1IMP0RT_20240607-101500-000_error.xml', 'photoimport_WD1IMP0RT_20240607-101500-000_manifest.xml']);
    expect(useInputsStore.getState()).toMatchObject({
      copyLogFile: '/data/logs/photoimport_WD1IMP0RT_20240607-101500-000_error.xml',
      manifestFile: '/data/logs/photoimport_WD1IMP0RT_20240607-101500-000_manifest.xml',
      // The Storage step is filled in with the same account (it was empty).
      accountName: 'contoso',
      secret: 's3cr3tKey==',
      credentialKind: 'key',
    });
    expect(screen.getByText('Downloaded from the storage account and filled in')).toBeTruthy();
    expect((screen.getByRole('textbox', { ...H, name: 'Copy log' }) as HTMLInputElement).value).toBe('/data/logs/photoimport_WD1IMP0RT_20240607-101500-000_error.xml');
  });

  it('uses the Storage step’s account when it is filled in, and shows why a search failed', async () => {
    const bridge = await openStep('repairImport', { 'logs.list': () => fail({ code: 'STORAGE_FORBIDDEN', title: 'The storage account refused to list container "waimportexport"', statusCode: 'BlobRequestForbidden' }) });
    useInputsStore.setState({ accountName: 'fabrikam', credentialKind: 'sas', secret: 'jobs?sv=1&sig=abc' });
    await userEvent.click(await screen.findByRole('button', { name: 'Find in storage account…' }));
    const dialog = await screen.findByRole('dialog', H);
    expect((within(dialog).getByRole('textbox', { ...H, name: 'Storage account name' }) as HTMLInputElement).value).toBe('fabrikam');
    await userEvent.click(within(dialog).getByRole('button', { ...H, name: 'Search' }));
    expect(await within(dialog).findByText('The storage account refused to list container "waimportexport"')).toBeTruthy();
    expect(bridge.callsOf('logs.list')[0]!.credentials).toEqual({ accountName: 'fabrikam', containerSas: 'jobs?sv=1&sig=abc' });
    expect(within(dialog).getByRole('button', { ...H, name: 'Download' }).getAttribute('aria-disabled')).toBe('true');
  });

  it('a missing manifest offers the backup: manifest backups only, and the manifest field filled in', async () => {
    const bridge = await openStep('repair', {
      'manifest.inspect': ({ path }) => (path.includes('logs') ? ok({ path, driveId: IMPORT_DRIVE, blobCount: 5, bytes: 100 }) : fail({ code: 'FILE_READ', title: 'File not found', statusCode: 'ManifestNotFound' })),
    });
    useInputsStore.setState({ copyLogFile: '/data/imp_error.xml', manifestFile: '/mnt/copy/WD1IMP0RT.manifest', accountName: 'contoso', secret: 'k3y' });
    expect(await screen.findByText('The storage account has a backup of the manifest', {}, { timeout: 3000 })).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Get the backup…' }));
    const dialog = await screen.findByRole('dialog', H);
    expect(within(dialog).getByRole('heading', { ...H, level: 2 }).textContent).toBe('Get the manifest backup from the storage account');
    expect((within(dialog).getByRole('textbox', { ...H, name: 'Drive ID (optional)' }) as HTMLInputElement).value).toBe(IMPORT_DRIVE);
    await userEvent.click(within(dialog).getByRole('button', { ...H, name: 'Search' }));
    const options = within(await within(dialog).findByRole('group', { ...H, name: `Job photoimport, drive ${IMPORT_DRIVE}` })).getAllByRole('radio');
    expect(options.map((o) => o.parentElement?.textContent)).toEqual(['Manifest backup, 07/06/2024, 10:15:00 UTC, 2.00 KB']);
    expect(within(dialog).queryByRole('checkbox', H)).toBeNull();
    expect((within(dialog).getByRole('textbox', { ...H, name: 'Download to folder' }) as HTMLInputElement).value).toBe('/mnt/copy');
    await userEvent.clear(within(dialog).getByRole('textbox', { ...H, name: 'Download to folder' }));
    await userEvent.type(within(dialog).getByRole('textbox', { ...H, name: 'Download to folder' }), '/data/logs');
    await userEvent.click(within(dialog).getByRole('button', { ...H, name: 'Download' }));
    await waitFor(() => expect(useInputsStore.getState().manifestFile).toBe('/data/logs/photoimport_WD1IMP0RT_20240607-101500-000_manifest.xml'));
    expect(useInputsStore.getState().copyLogFile).toBe('/data/imp_error.xml');
    expect(bridge.callsOf('logs.list')[0]).toMatchObject({ driveId: IMPORT_DRIVE });
  });

  it('a backup that fails its check is said so, and nothing is filled in', async () => {
    await openStep('repair', { 'logs.download': ({ logs, outDir }) => ok(downloaded(logs, outDir, false)) });
    useInputsStore.setState({ accountName: 'contoso', secret: 'k3y' });
    await userEvent.click(await screen.findByRole('button', { name: 'Find in storage account…' }));
    const dialog = await screen.findByRole('dialog', H);
    await userEvent.click(within(dialog).getByRole('button', { ...H, name: 'Search' }));
    await within(dialog).findByRole('group', { ...H, name: /Job photoimport/ });
    await userEvent.type(within(dialog).getByRole('textbox', { ...H, name: 'Download to folder' }), '/data/logs');
    await userEvent.click(within(dialog).getByRole('button', { ...H, name: 'Download' }));
    expect(await within(dialog).findByText('photoimport_WD1IMP0RT_20240607-101500-000_manifest.xml did not match its checksum and was not kept.')).toBeTruthy();
    expect(useInputsStore.getState().copyLogFile).toBe('');
  });

  it('picks by default the newest error log of the drive named, else of the first drive', () => {
    const one = logListing();
    const other = { ...one.logs[0]!, jobName: 'aaa', driveId: 'OTHER1', kind: 'verbose' as const, blobName: 'waies/aaa_OTHER1_20250101-000000-000_verbose.xml', fileName: 'aaa_OTHER1_20250101-000000-000_verbose.xml' };
    const listing = { ...one, logs: [other, ...one.logs], drives: [{ jobName: 'aaa', driveId: 'OTHER1', newest: { verbose: other }, all: [other] }, ...one.drives] };
    const copyLogs = (l: { kind: string }): boolean => l.kind !== 'manifest';
    expect(defaultPick(listing, copyLogs, 'wd1imp0rt')?.fileName).toBe('photoimport_WD1IMP0RT_20240608-090000-000_error.xml');
    expect(defaultPick(listing, copyLogs)?.fileName).toBe('aaa_OTHER1_20250101-000000-000_verbose.xml');
    expect(defaultPick(listing, (l) => l.kind === 'manifest')?.fileName).toBe('photoimport_WD1IMP0RT_20240607-101500-000_manifest.xml');
  });
});
