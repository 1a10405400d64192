/** Browse: the native dialog where there is one, else the server-side file browser over fs.list. */
import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { DirectoryListing } from '../../src-shared/ipc/contract.ts';
import { createFakeIpcBridge, fail, fakeAppInfo, ok } from '../test/fake-ipc-bridge.ts';
import { renderApp } from '../test/render.tsx';
import { copyLogSummary } from '../test/fixtures/data.ts';
import { useWizardStore } from '../stores/wizard.ts';
import { useInputsStore } from '../stores/inputs.ts';

const HOME: DirectoryListing = {
  path: '/home/op',
  parent: '/home',
  roots: ['/', '/home/op'],
  entries: [
    { name: 'logs', path: '/home/op/logs', kind: 'directory' },
    { name: 'photo.jpg', path: '/home/op/photo.jpg', kind: 'file', sizeBytes: 2048 },
    { name: 'old_error.xml', path: '/home/op/old_error.xml', kind: 'file', sizeBytes: 4096 },
  ],
};
const LOGS: DirectoryListing = {
  path: '/home/op/logs',
  parent: '/home/op',
  roots: ['/', '/home/op'],
  entries: [{ name: '9WM35C3U_error.xml', path: '/home/op/logs/9WM35C3U_error.xml', kind: 'file', sizeBytes: 4711 }],
};

// In happy-dom (no layout), Fluent's focus manager (tabster) can mark the open dialog aria-hidden after
// the list renders; a real browser does not (checked in Chromium), so queries inside the dialog include
// hidden elements.
const H = { hidden: true } as const;

describe('browsing for a path', () => {
  it('uses the server-side browser over fs.list in the browser host', async () => {
    const bridge = createFakeIpcBridge({
      'fs.list': ({ path }) => (path === undefined ? ok(HOME) : path === '/home/op/logs' ? ok(LOGS) : fail({ code: 'NOT_FOUND', title: 'No such folder' })),
      'copyLog.inspect': ({ path }) => ok(copyLogSummary({ path })),
    });
    await renderApp(bridge);
    useInputsStore.setState({ targetSource: 'folder', targetDir: '/mnt/copy' });
    useWizardStore.setState({ task: 'repair', step: 'copyLog' });
    await userEvent.click(await screen.findByRole('button', { name: 'Browse for Copy log' }));
    const dialog = await screen.findByRole('dialog', H);
    expect(within(dialog).getByRole('heading', { ...H, level: 2 }).textContent).toBe('Choose the copy log');
    await within(dialog).findByRole('button', { ...H, name: 'Folder logs, open' });
    expect(bridge.callsOf('fs.list')[0]).toEqual({ extensions: ['xml', 'log'] });
    // Files of other types are not offered.
    expect(within(dialog).queryByRole('button', { ...H, name: 'File photo.jpg' })).toBeNull();
    expect(within(dialog).getByRole('button', { ...H, name: 'File old_error.xml' })).toBeTruthy();
    const choose = within(dialog).getByRole('button', { ...H, name: 'Choose' });
    expect((choose as HTMLButtonElement).disabled).toBe(true);

    await userEvent.click(within(dialog).getByRole('button', { ...H, name: 'Folder logs, open' }));
    await userEvent.click(await within(dialog).findByRole('button', { ...H, name: 'File 9WM35C3U_error.xml' }));
    expect(bridge.callsOf('fs.list')[1]).toEqual({ path: '/home/op/logs', extensions: ['xml', 'log'] });
    expect((choose as HTMLButtonElement).disabled).toBe(false);
    await userEvent.click(choose);
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(useInputsStore.getState().copyLogFile).toBe('/home/op/logs/9WM35C3U_error.xml');
    expect(await screen.findByRole('heading', { name: 'What the copy log says' })).toBeTruthy();
  });

  it('starts where the field points, goes up, and chooses a folder', async () => {
    const bridge = createFakeIpcBridge({
      'fs.list': ({ path }) => (path === '/home/op/logs' ? ok(LOGS) : path === '/home/op' ? ok(HOME) : fail({ code: 'NOT_FOUND', title: 'No such folder' })),
      'drives.list': () => ok([]),
    });
    await renderApp(bridge);
    useInputsStore.setState({ targetSource: 'folder', folder: '/home/op/logs', targetDir: '/home/op/logs' });
    useWizardStore.setState({ task: 'repair', step: 'drive' });
    await userEvent.click(await screen.findByRole('button', { name: 'Browse for Folder to repair' }));
    const dialog = await screen.findByRole('dialog', H);
    expect(within(dialog).getByRole('heading', { ...H, level: 2 }).textContent).toBe('Choose the folder to repair');
    await within(dialog).findByRole('list', { ...H, name: 'Contents of /home/op/logs' });
    await userEvent.click(within(dialog).getByRole('button', { ...H, name: 'Up one folder' }));
    await within(dialog).findByRole('list', { ...H, name: 'Contents of /home/op' });
    await userEvent.click(within(dialog).getByRole('button', { ...H, name: 'Choose this folder' }));
    await waitFor(() => expect(useInputsStore.getState().targetDir).toBe('/home/op'));
  });

  it('uses the native dialog when the app has one', async () => {
    const bridge = createFakeIpcBridge({
      'app.info': () => ok(fakeAppInfo({ nativeDialogs: true, host: 'electron', platform: 'win32' })),
      'dialog.open': () => ok({ path: 'C:\\WAImportExport\\9WM35C3U_error.xml' }),
      'copyLog.inspect': ({ path }) => ok(copyLogSummary({ path })),
    });
    await renderApp(bridge);
    useWizardStore.setState({ task: 'review', step: 'copyLog' });
    await userEvent.click(await screen.findByRole('button', { name: 'Browse for Copy log' }));
    await waitFor(() => expect(useInputsStore.getState().copyLogFile).toBe('C:\\WAImportExport\\9WM35C3U_error.xml'));
    expect(bridge.callsOf('dialog.open')).toEqual([{ kind: 'file', title: 'Choose the copy log', extensions: ['xml', 'log'] }]);
    expect(bridge.callsOf('fs.list')).toEqual([]);
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});
