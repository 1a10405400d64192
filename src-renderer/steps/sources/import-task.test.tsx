/**
 * "Repair an import job" through the wizard against a fake IPC bridge: the Source folders step (rows
 * added, removed, browsed), the copy-log step without a manifest, the import plan (repairImport.plan),
 * the start (repairImport.start), progress in uploaded bytes, and the report's path-map list resolved in
 * place ("Save choices and repair again" → pathMap.set, then repairImport.start with the same repair file).
 */
import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createFakeIpcBridge, fail, ok } from '../../test/fake-ipc-bridge.ts';
import { isDisabled, nextButton, renderApp } from '../../test/render.tsx';
import { copyLogSummary } from '../../test/fixtures/data.ts';
import { AMBIGUOUS, CANDIDATES, CHANGED, IMPORT_DRIVE, importPlan, importProgress, importResult } from '../../test/fixtures/import-review.ts';
import { useInputsStore } from '../../stores/inputs.ts';
import { useJobStore, overallFraction } from '../../stores/job.ts';
import { useWizardStore } from '../../stores/wizard.ts';
import { useCopyLogStore } from '../../stores/copy-log.ts';

const heading = (): string => screen.getByRole('heading', { level: 2 }).textContent ?? '';

describe('repair an import job', () => {
  it('offers the task after “Repair an export drive”, with Source folders instead of Drive', async () => {
    await renderApp(createFakeIpcBridge());
    const names = screen.getAllByRole('radio').map((r) => (r as HTMLInputElement).value);
    expect(names).toEqual(['repair', 'repairImport', 'validate', 'review']);
    await userEvent.click(screen.getByRole('radio', { name: 'Repair an import job' }));
    const nav = screen.getByRole('navigation', { name: 'Steps' });
    expect(within(nav).getAllByRole('listitem').map((li) => li.textContent?.replace(/^[\d✓]+/, ''))).toEqual(['Start', 'Source folders', 'Copy log and manifest', 'Storage account', 'Plan', 'Repair', 'Report']);
    await userEvent.click(nextButton());
    expect(heading()).toBe('Source folders');
  });

  it('Source folders: at least one, rows added and removed, the empty ones ignored', async () => {
    await renderApp(createFakeIpcBridge());
    useWizardStore.setState({ task: 'repairImport', step: 'sources' });
    await screen.findByRole('textbox', { name: 'Folder 1' });
    expect(isDisabled(nextButton())).toBe(true);
    expect(screen.getByText('Enter at least one folder that holds the original files.')).toBeTruthy();
    await userEvent.type(screen.getByRole('textbox', { name: 'Folder 1' }), '/mnt/import');
    expect(isDisabled(nextButton())).toBe(false);
    await userEvent.click(screen.getByRole('button', { name: 'Add a folder' }));
    await userEvent.click(screen.getByRole('button', { name: 'Add a folder' }));
    await userEvent.type(screen.getByRole('textbox', { name: 'Folder 3' }), '/backup/photos');
    expect(useInputsStore.getState().sourceDirs).toEqual(['/mnt/import', '', '/backup/photos']);
    await userEvent.click(screen.getByRole('button', { name: 'Remove folder 1' }));
    expect(useInputsStore.getState().sourceDirs).toEqual(['', '/backup/photos']);
    expect((screen.getByRole('textbox', { name: 'Folder 2' }) as HTMLInputElement).value).toBe('/backup/photos');
    expect(isDisabled(nextButton())).toBe(false);
    await userEvent.click(nextButton());
    expect(heading()).toBe('Copy log and manifest');
  });

  it('the copy-log step asks for the import log only (no manifest), with “Find in storage account”', async () => {
    const bridge = createFakeIpcBridge({ 'copyLog.inspect': ({ path }) => ok(copyLogSummary({ path, driveId: IMPORT_DRIVE })) });
    await renderApp(bridge);
    useInputsStore.setState({ sourceDirs: ['/mnt/import'] });
    useWizardStore.setState({ task: 'repairImport', step: 'copyLog' });
    await userEvent.type(await screen.findByRole('textbox', { name: 'Copy log' }), '/logs/imp_error.xml');
    await waitFor(() => expect(isDisabled(nextButton())).toBe(false));
    expect(screen.queryByRole('textbox', { name: /Drive manifest/ })).toBeNull();
    expect(screen.queryByRole('heading', { name: 'Is it the same drive?' })).toBeNull();
    expect(screen.getByText('2 blobs, 3.00 MB to upload again')).toBeTruthy();
    expect(screen.getByRole('columnheader', { name: 'To upload' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Find in storage account…' })).toBeTruthy();
    expect(bridge.callsOf('manifest.find')).toEqual([]);
  });

  it('plans with repairImport.plan, starts with repairImport.start, shows progress in uploaded bytes', async () => {
    const bridge = createFakeIpcBridge({
      'copyLog.inspect': ({ path }) => ok(copyLogSummary({ path, driveId: IMPORT_DRIVE })),
      'repairImport.plan': () => ok(importPlan()),
      'repairImport.start': () => ok(undefined),
    });
    await renderApp(bridge);
    useInputsStore.setState({ sourceDirs: ['/data/source1', ' ', '/data/source2'], copyLogFile: '/data/waies/imp_error.xml', accountName: 'contoso', secret: 'k3y', credentialKind: 'key' });
    useCopyLogStore.setState({ copyLog: { status: 'ready', key: '/data/waies/imp_error.xml', value: copyLogSummary({ driveId: IMPORT_DRIVE }) } });
    useWizardStore.setState({ task: 'repairImport', step: 'plan' });
    expect(await screen.findByRole('heading', { name: 'What will be uploaded' })).toBeTruthy();
    expect(screen.getByTestId('bytes-to-upload').textContent).toBe('5.00 MB');
    expect(screen.getByText('1 original file cannot be used yet')).toBeTruthy();
    expect(screen.getByText(AMBIGUOUS)).toBeTruthy();
    expect(screen.getByText('Found in more than one source folder')).toBeTruthy();
    expect(bridge.callsOf('repair.plan')).toEqual([]);
    const planned = bridge.callsOf('repairImport.plan').at(-1)!.request;
    expect(planned).toMatchObject({ sourceDirs: ['/data/source1', '/data/source2'], copyLogFile: '/data/waies/imp_error.xml', repairFile: `/data/waies/${IMPORT_DRIVE}.rep`, logDir: '/data/waies', credentials: { accountName: 'contoso', accountKey: 'k3y' } });

    await waitFor(() => expect(isDisabled(nextButton('Start repair'))).toBe(false));
    await userEvent.click(nextButton('Start repair'));
    await waitFor(() => expect(heading()).toBe('Repair'));
    expect(bridge.callsOf('repair.start')).toEqual([]);
    expect(bridge.callsOf('repairImport.start')).toEqual([{ request: planned }]);
    expect(useJobStore.getState().kind).toBe('RepairImport');

    bridge.emit({ type: 'progress', progress: importProgress() });
    const line = screen.getByTestId('progress-line').textContent ?? '';
    expect(line).toContain('Uploading');
    expect(line).toContain('1.00 MB of 4.00 MB uploaded');
    expect(line).not.toContain('downloaded');
    expect(screen.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('25');
    bridge.emit({ type: 'progress', progress: importProgress({ bytesUploaded: 3 * 1048576, elapsedMs: 3000 }) });
    expect(useJobStore.getState().uploadRate).toBeGreaterThan(0);
    expect(screen.getByTestId('progress-line').textContent).toContain('3.00 MB of 4.00 MB uploaded');
    expect(screen.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('75');
  });

  it('the overall fraction of an import counts uploads, of an export downloads and verification', () => {
    const p = importProgress({ bytesDownloaded: 50, bytesToDownload: 100 });
    expect(overallFraction(p, true)).toBe(0.25);
    expect(overallFraction(p, false)).toBe(0.5);
  });
});

describe('the report of an import job: choose the originals in place', () => {
  async function showImportReport(more = {}) {
    const bridge = createFakeIpcBridge({ 'repair.state': () => ok({ status: 'done', result: importResult() }), ...more });
    await renderApp(bridge);
    useInputsStore.setState({ sourceDirs: ['/data/source1', '/data/source2'], copyLogFile: '/data/waies/imp_error.xml', repairFile: '/data/WD1IMP0RT.rep', logDir: '/data/logs', accountName: 'contoso', secret: 'k3y' });
    await waitFor(() => expect(heading()).toBe('Report'));
    expect(useWizardStore.getState().task).toBe('repairImport');
    return bridge;
  }

  it('lists the ambiguous file with its candidates and the changed original, each to choose', async () => {
    await showImportReport();
    expect(screen.getByRole('heading', { name: 'Choose the original files (2)' })).toBeTruthy();
    const groups = screen.getAllByTestId('path-choice');
    expect(groups.map((g) => within(g).getByRole('heading').textContent)).toEqual([AMBIGUOUS, CHANGED]);
    const radios = within(screen.getByRole('radiogroup', { name: `Which file is the original of ${AMBIGUOUS}?` })).getAllByRole('radio');
    expect(radios.map((r) => (r as HTMLInputElement).value)).toEqual([...CANDIDATES, '__other__']);
    expect(within(groups[1]!).getByText('The file changed since the import')).toBeTruthy();
    expect(within(groups[1]!).getByRole('textbox', { name: `An unchanged copy of ${CHANGED}` })).toBeTruthy();
    expect(screen.getByText('3.00 MB')).toBeTruthy();
    expect(screen.getByText('Uploaded')).toBeTruthy();
    expect(screen.queryByText('Downloaded')).toBeNull();
    expect(isDisabled(screen.getByRole('button', { name: 'Save choices and repair again' }))).toBe(true);
  });

  it('“Save choices and repair again” writes the path map, then runs the same repair again', async () => {
    const bridge = await showImportReport({ 'pathMap.set': () => ok(undefined), 'repairImport.start': () => ok(undefined) });
    await userEvent.click(screen.getByRole('radio', { name: CANDIDATES[1]! }));
    expect(screen.getByText('1 of 2 chosen')).toBeTruthy();
    await userEvent.type(screen.getByRole('textbox', { name: `An unchanged copy of ${CHANGED}` }), '/data/unchanged/budget.xlsx');
    await userEvent.click(screen.getByRole('button', { name: 'Save choices and repair again' }));
    await waitFor(() => expect(heading()).toBe('Repair'));
    expect(bridge.callsOf('pathMap.set')).toEqual([
      {
        file: '/data/WD1IMP0RT_pathmap.txt',
        entries: [
          { drivePath: AMBIGUOUS, target: CANDIDATES[1] },
          { drivePath: CHANGED, target: '/data/unchanged/budget.xlsx' },
        ],
      },
    ]);
    const order = bridge.calls.map((c) => c.channel).filter((c) => c === 'pathMap.set' || c === 'repairImport.start');
    expect(order).toEqual(['pathMap.set', 'repairImport.start']);
    expect(bridge.callsOf('repairImport.start')[0]!.request).toMatchObject({ repairFile: '/data/WD1IMP0RT.rep', sourceDirs: ['/data/source1', '/data/source2'] });
  });

  it('“Another file…” takes a typed path; a refused path map write says why and does not repair', async () => {
    const bridge = await showImportReport({ 'pathMap.set': () => fail({ code: 'BAD_INPUT', title: 'The path map file cannot be written' }), 'repairImport.start': () => ok(undefined) });
    await userEvent.click(screen.getByRole('radio', { name: 'Another file…' }));
    await userEvent.type(screen.getByRole('textbox', { name: `Original of ${AMBIGUOUS}` }), '/elsewhere/song.mp3');
    await userEvent.click(screen.getByRole('button', { name: 'Save choices and repair again' }));
    expect(await screen.findByText('The path map file cannot be written')).toBeTruthy();
    expect(bridge.callsOf('pathMap.set')[0]!.entries).toEqual([{ drivePath: AMBIGUOUS, target: '/elsewhere/song.mp3' }]);
    expect(bridge.callsOf('repairImport.start')).toEqual([]);
    expect(heading()).toBe('Report');
  });

  it('shows no list when every original was used', async () => {
    await showImportReport({ 'repair.state': () => ok({ status: 'done', result: importResult({ exitCode: 0, failures: [], pathMap: { file: '/x', written: false, conflicts: [], mappedEntries: 1 } }) }) });
    expect(screen.queryByRole('heading', { name: /Choose the original/ })).toBeNull();
    expect(screen.getByText('Every failed part is repaired and checked.')).toBeTruthy();
  });
});
