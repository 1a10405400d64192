/** Step navigation and validation: Next is disabled until the step is valid, and says why. */
import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createFakeIpcBridge, fail, fakeAppInfo, ok } from '../test/fake-ipc-bridge.ts';
import { isDisabled, nextButton, renderApp } from '../test/render.tsx';
import { copyLogSummary, manifestSummary, repairPlan, sampleJob, volume } from '../test/fixtures/data.ts';
import { useWizardStore } from '../stores/wizard.ts';
import { useInputsStore } from '../stores/inputs.ts';
import { useCopyLogStore } from '../stores/copy-log.ts';

function heading(): HTMLElement {
  return screen.getByRole('heading', { level: 2 });
}

describe('wizard navigation', () => {
  it('keeps Next disabled on Start until a task is chosen, with the reason', async () => {
    const bridge = createFakeIpcBridge();
    await renderApp(bridge);
    expect(heading().textContent).toBe('Start');
    const next = nextButton();
    expect(isDisabled(next)).toBe(true);
    const reason = document.getElementById(next.getAttribute('aria-describedby') ?? '');
    expect(reason?.textContent).toBe('Choose what you want to do.');

    await userEvent.click(next);
    expect(heading().textContent).toBe('Start');

    await userEvent.click(screen.getByRole('radio', { name: 'Repair an export drive' }));
    expect(isDisabled(nextButton())).toBe(false);
    expect(nextButton().getAttribute('aria-describedby')).toBeNull();
    await userEvent.click(nextButton());
    expect(heading().textContent).toBe('Drive');
    // Focus moves to the new step's heading.
    expect(document.activeElement).toBe(heading());
  });

  it('works from the keyboard alone', async () => {
    const bridge = createFakeIpcBridge({ 'drives.list': () => ok([volume()]) });
    await renderApp(bridge);
    const user = userEvent.setup();
    // Every control is in the tab order (happy-dom has no layout, so Tab itself is left to the e2e tests);
    // a disabled Next stays focusable so its reason can be read.
    for (const el of [...screen.getAllByRole('button'), ...screen.getAllByRole('radio')]) {
      expect(el.getAttribute('tabindex') === '-1' && el.getAttribute('role') !== 'radio', el.outerHTML.slice(0, 80)).toBe(false);
    }
    expect((nextButton() as HTMLButtonElement).disabled).toBe(false);
    const first = screen.getByRole('radio', { name: 'Repair an export drive' });
    first.focus();
    await user.keyboard(' ');
    expect(useWizardStore.getState().task).toBe('repair');
    await user.keyboard('{ArrowDown}');
    expect(useWizardStore.getState().task).toBe('repairImport');
    await user.keyboard('{ArrowDown}');
    expect(useWizardStore.getState().task).toBe('validate');
    nextButton().focus();
    await user.keyboard('{Enter}');
    expect(heading().textContent).toBe('Drive');
    expect(document.activeElement).toBe(heading());
  });

  it('only lets the step list jump to steps whose earlier steps are valid', async () => {
    const bridge = createFakeIpcBridge();
    await renderApp(bridge);
    await userEvent.click(screen.getByRole('radio', { name: 'Validate an export drive against its manifest' }));
    const nav = screen.getByRole('navigation', { name: 'Steps' });
    const drive = within(nav).getByRole('button', { name: 'Step 2: Drive' });
    const storage = within(nav).getByRole('button', { name: 'Step 4: Storage account' });
    expect(isDisabled(drive)).toBe(false);
    expect(isDisabled(storage)).toBe(true);
    await userEvent.click(storage);
    expect(heading().textContent).toBe('Start');
    await userEvent.click(drive);
    expect(heading().textContent).toBe('Drive');
    expect(within(nav).getByRole('button', { name: 'Step 2: Drive' }).getAttribute('aria-current')).toBe('step');
  });

  it('marks the drive the copy log names, picks it, and offers a folder instead', async () => {
    const bridge = createFakeIpcBridge({
      'drives.list': () => ok([volume({ id: 'E:', mountPath: 'E:\\', serialNumber: 'OTHER', matchesDriveId: false, label: 'BACKUP' }), volume()]),
    });
    await renderApp(bridge);
    useWizardStore.setState({ task: 'repair', step: 'drive' });
    await screen.findByRole('table', { name: 'Drives on this computer' });
    expect(screen.getAllByText('This is the drive the copy log names')).toHaveLength(1);
    await waitFor(() => expect(useInputsStore.getState().targetDir).toBe('G:\\'));
    expect(isDisabled(nextButton())).toBe(false);

    await userEvent.click(screen.getByRole('radio', { name: /Use a folder instead/ }));
    expect(isDisabled(nextButton())).toBe(true);
    expect(screen.getByText('Enter the folder that holds the copy of the drive.')).toBeTruthy();
    await userEvent.type(screen.getByRole('textbox', { name: 'Folder to repair' }), '\\\\nas\\exports\\9WM35C3U');
    expect(isDisabled(nextButton())).toBe(false);
    expect(useInputsStore.getState().targetDir).toBe('\\\\nas\\exports\\9WM35C3U');
  });

  it('asks for the volumes with the DriveId the copy log names, once it is known', async () => {
    const bridge = createFakeIpcBridge({ 'drives.list': () => ok([volume()]) });
    await renderApp(bridge);
    useCopyLogStore.setState({ copyLog: { status: 'ready', key: '/l/x.xml', value: copyLogSummary() } });
    useWizardStore.setState({ task: 'repair', step: 'drive' });
    await screen.findByRole('table', { name: 'Drives on this computer' });
    expect(bridge.callsOf('drives.list')).toEqual([{ driveId: '9WM35C3U' }]);
    await userEvent.click(screen.getByRole('button', { name: 'Refresh' }));
    expect(bridge.callsOf('drives.list')).toHaveLength(2);
  });

  it('says unlocking needs an administrator on Windows when the drive is locked', async () => {
    const bridge = createFakeIpcBridge({
      'app.info': () => ok(fakeAppInfo({ platform: 'win32', elevated: false })),
      'drives.list': () => ok([volume({ bitLocker: 'locked', mountPath: undefined })]),
    });
    await renderApp(bridge);
    useWizardStore.setState({ task: 'repair', step: 'drive' });
    expect((await screen.findAllByText('Unlocking needs administrator rights')).length).toBeGreaterThan(0);
    expect(isDisabled(screen.getByRole('button', { name: 'Unlock' }))).toBe(true);
    expect(screen.getByText('Unlock the drive with its recovery key first.')).toBeTruthy();
  });

  it('reads the copy log as it is typed, finds the manifest, and checks the DriveIds', async () => {
    const bridge = createFakeIpcBridge({
      'copyLog.inspect': ({ path }) => (path.endsWith('_error.xml') ? ok(copyLogSummary({ path })) : fail({ code: 'NOT_FOUND', title: 'The copy log does not exist' })),
      'manifest.find': () => ok({ path: 'G:\\9WM35C3U.manifest' }),
      'manifest.inspect': () => ok(manifestSummary()),
    });
    await renderApp(bridge);
    useInputsStore.setState({ targetSource: 'volume', volumeId: 'G:', volumeSerial: '9WM35C3U', targetDir: 'G:\\' });
    useWizardStore.setState({ task: 'repair', step: 'copyLog' });

    const manifestField = await screen.findByRole('textbox', { name: 'Drive manifest (optional)' });
    await waitFor(() => expect((manifestField as HTMLInputElement).value).toBe('G:\\9WM35C3U.manifest'));
    expect(bridge.callsOf('manifest.find')[0]).toEqual({ driveRoot: 'G:\\' });
    expect(screen.getByText('Found on the drive.')).toBeTruthy();

    expect(isDisabled(nextButton())).toBe(true);
    expect(screen.getByText('Enter the path of the copy log.')).toBeTruthy();

    const logField = screen.getByRole('textbox', { name: 'Copy log' });
    await userEvent.type(logField, 'C:\\logs\\missing.xml');
    expect(await screen.findByText('The copy log cannot be used: The copy log does not exist')).toBeTruthy();
    expect(isDisabled(nextButton())).toBe(true);

    await userEvent.clear(logField);
    await userEvent.type(logField, 'C:\\logs\\9WM35C3U_error.xml');
    expect(await screen.findByRole('heading', { name: 'What the copy log says' })).toBeTruthy();
    await waitFor(() => expect(isDisabled(nextButton())).toBe(false));
    // Only the finished path was read after typing stopped, not every keystroke.
    expect(bridge.callsOf('copyLog.inspect').map((p) => p.path)).toEqual(['C:\\logs\\missing.xml', 'C:\\logs\\9WM35C3U_error.xml']);
  });

  it('refuses a manifest of another drive', async () => {
    const bridge = createFakeIpcBridge({
      'copyLog.inspect': ({ path }) => ok(copyLogSummary({ path })),
      'manifest.inspect': () => ok(manifestSummary({ driveId: 'ZZZ99999' })),
    });
    await renderApp(bridge);
    useInputsStore.setState({ targetSource: 'folder', targetDir: '/mnt/copy', copyLogFile: '/logs/9WM35C3U_error.xml', manifestFile: '/mnt/copy/ZZZ99999.manifest' });
    useWizardStore.setState({ task: 'repair', step: 'copyLog' });
    expect(await screen.findByText('The copy log is for drive 9WM35C3U, the manifest for drive ZZZ99999. Use files of the same drive.')).toBeTruthy();
    expect(isDisabled(nextButton())).toBe(true);
    expect(screen.getByText('The copy log is for drive 9WM35C3U, the manifest for drive ZZZ99999')).toBeTruthy();
  });

  it('asks for confirmation when the chosen drive is not the one the copy log names', async () => {
    const bridge = createFakeIpcBridge({ 'copyLog.inspect': ({ path }) => ok(copyLogSummary({ path })) });
    await renderApp(bridge);
    useInputsStore.setState({ targetSource: 'volume', volumeId: 'E:', volumeSerial: 'OTHER123', targetDir: 'E:\\', copyLogFile: '/logs/9WM35C3U_error.xml', manifestFile: '' });
    useWizardStore.setState({ task: 'repair', step: 'copyLog' });
    expect(await screen.findByText('The chosen drive (OTHER123) is not drive 9WM35C3U')).toBeTruthy();
    expect(isDisabled(nextButton())).toBe(true);
    await userEvent.click(screen.getByRole('checkbox', { name: /I am sure this is the right drive/ }));
    expect(isDisabled(nextButton())).toBe(false);
  });

  it('validate needs the manifest only; review takes an optional manifest and goes on to the Review step', async () => {
    const bridge = createFakeIpcBridge({
      'copyLog.inspect': ({ path }) => ok(copyLogSummary({ path })),
      'manifest.inspect': () => ok(manifestSummary()),
    });
    await renderApp(bridge);
    useInputsStore.setState({ targetSource: 'folder', targetDir: '/mnt/copy' });
    useWizardStore.setState({ task: 'validate', step: 'copyLog' });
    expect(await screen.findByRole('textbox', { name: 'Drive manifest' })).toBeTruthy();
    expect(screen.queryByRole('textbox', { name: 'Copy log' })).toBeNull();
    expect(screen.getByText('Enter the path of the drive manifest.')).toBeTruthy();
    await userEvent.type(screen.getByRole('textbox', { name: 'Drive manifest' }), '/mnt/copy/9WM35C3U.manifest');
    await waitFor(() => expect(isDisabled(nextButton())).toBe(false));

    useInputsStore.setState({ manifestFile: '', copyLogFile: '/logs/9WM35C3U_error.xml' });
    useWizardStore.setState({ task: 'review', step: 'copyLog' });
    expect(await screen.findByRole('textbox', { name: 'Drive manifest (optional)' })).toBeTruthy();
    expect(await screen.findByRole('heading', { name: 'What the copy log says' })).toBeTruthy();
    // The review goes on to its own step, which is the last.
    const steps = within(screen.getByRole('navigation', { name: 'Steps' })).getAllByRole('listitem');
    expect(steps.map((li) => li.textContent)).toEqual(['✓Start', '2Copy log and manifest', '3Review']);
    await waitFor(() => expect(isDisabled(nextButton())).toBe(false));
  });

  it('tests the connection before going on, and a changed secret needs a new test', async () => {
    const bridge = createFakeIpcBridge({
      'storage.test': () => ok({ endpoint: 'https://contoso.blob.core.windows.net', checked: 2, readable: 2, problems: [] }),
    });
    await renderApp(bridge);
    useInputsStore.setState({ targetSource: 'folder', targetDir: '/mnt/copy', copyLogFile: '/logs/x_error.xml' });
    useWizardStore.setState({ task: 'repair', step: 'storage' });
    await screen.findByRole('textbox', { name: 'Storage account name' });
    expect(screen.getByText('Enter the storage account name (3–24 lower-case letters and digits).')).toBeTruthy();
    await userEvent.type(screen.getByRole('textbox', { name: 'Storage account name' }), 'Contoso');
    expect(screen.getByText('A storage account name has 3 to 24 lower-case letters and digits.')).toBeTruthy();
    await userEvent.clear(screen.getByRole('textbox', { name: 'Storage account name' }));
    await userEvent.type(screen.getByRole('textbox', { name: 'Storage account name' }), 'contoso');
    expect(screen.getByText('Enter the storage account key.')).toBeTruthy();

    const secret = document.querySelector('input[type="password"]') as HTMLInputElement;
    expect(document.querySelector(`label[for="${secret.id}"]`)?.textContent).toMatch(/^Account key/);
    expect(secret.type).toBe('password');
    await userEvent.type(secret, 'a2V5');
    await userEvent.click(screen.getByRole('button', { name: 'Show the secret' }));
    expect(secret.type).toBe('text');
    expect(screen.getByText('Test the connection first.')).toBeTruthy();
    expect(isDisabled(nextButton())).toBe(true);

    await userEvent.click(screen.getByRole('button', { name: 'Test connection' }));
    expect(await screen.findByText('Connected: the blobs can be read (https://contoso.blob.core.windows.net)')).toBeTruthy();
    expect(bridge.callsOf('storage.test')[0]).toEqual({ credentials: { accountName: 'contoso', accountKey: 'a2V5' }, copyLogPath: '/logs/x_error.xml' });
    expect(isDisabled(nextButton())).toBe(false);

    await userEvent.type(secret, 'X');
    expect(isDisabled(nextButton())).toBe(true);
    expect(screen.getByText('Test the connection first.')).toBeTruthy();
    // "Remember" is only offered where the app can keep secrets.
    expect(screen.queryByRole('checkbox', { name: /Remember/ })).toBeNull();
  });

  it('blocks when no blob can be read with the credentials', async () => {
    const bridge = createFakeIpcBridge({
      'storage.test': () => ok({ endpoint: 'https://contoso.blob.core.windows.net', checked: 2, readable: 0, problems: [{ blobPath: 'videos/a.mp4', statusCode: 'BlobRequestForbidden', detail: '403 AuthenticationFailed' }] }),
    });
    await renderApp(bridge);
    useInputsStore.setState({ accountName: 'contoso', secret: 'bad' });
    useWizardStore.setState({ task: 'repair', step: 'storage' });
    await userEvent.click(await screen.findByRole('button', { name: 'Test connection' }));
    expect(await screen.findByText('None of the 2 blobs could be read')).toBeTruthy();
    expect(screen.getByText('None of the blobs could be read with these credentials.')).toBeTruthy();
    expect(isDisabled(nextButton())).toBe(true);
    expect(screen.getByText('403 AuthenticationFailed')).toBeTruthy();
  });

  it('remembers the secret only when the user ticks Remember', async () => {
    const bridge = createFakeIpcBridge({
      'app.info': () => ok(fakeAppInfo({ canRememberSecrets: true })),
      'storage.test': () => ok({ endpoint: 'e', checked: 1, readable: 1, problems: [] }),
      'secrets.recall': () => ok(null),
      'secrets.remember': () => ok(undefined),
    });
    await renderApp(bridge);
    useInputsStore.setState({ accountName: 'contoso', secret: 'a2V5' });
    useWizardStore.setState({ task: 'repair', step: 'storage' });
    await userEvent.click(await screen.findByRole('button', { name: 'Test connection' }));
    await waitFor(() => expect(isDisabled(nextButton())).toBe(false));
    await userEvent.click(nextButton());
    await screen.findByRole('heading', { name: 'Plan', level: 2 });
    expect(bridge.callsOf('secrets.remember')).toEqual([]);

    useWizardStore.setState({ step: 'storage' });
    await userEvent.click(await screen.findByRole('checkbox', { name: /Remember this secret/ }));
    await userEvent.click(nextButton());
    await screen.findByRole('heading', { name: 'Plan', level: 2 });
    expect(bridge.callsOf('secrets.remember')).toEqual([{ accountName: 'contoso', secret: 'a2V5' }]);
  });

  it('tries the sample job: every field filled, straight to the Plan step', async () => {
    const job = sampleJob();
    const bridge = createFakeIpcBridge({
      'sample.prepare': () => ok(job),
      'copyLog.inspect': ({ path }) => ok(copyLogSummary({ path, driveId: 'SAMPLE01' })),
      'manifest.inspect': () => ok(manifestSummary({ driveId: 'SAMPLE01' })),
      'storage.test': () => ok({ endpoint: job.credentials.blobEndpoint!, checked: 1, readable: 1, problems: [] }),
      'repair.plan': () => ok(repairPlan()),
    });
    await renderApp(bridge);
    await userEvent.click(screen.getByRole('button', { name: 'Try it with a sample job' }));
    await waitFor(() => expect(heading().textContent).toBe('Plan'));
    expect(await screen.findByText('What will be repaired')).toBeTruthy();
    expect(bridge.callsOf('repair.plan')[0]).toEqual({
      request: {
        repairFile: job.repairFile,
        targetDir: job.driveDir,
        logDir: job.logDir,
        copyLogFile: job.copyLogFile,
        manifestFile: job.manifestFile,
        credentials: job.credentials,
      },
    });
    expect((screen.getByRole('textbox', { name: 'Repair file' }) as HTMLInputElement).value).toBe(job.repairFile);
    await waitFor(() => expect(isDisabled(nextButton('Start repair'))).toBe(false));
  });

  it('disables the sample job with the reason when it is not available', async () => {
    const bridge = createFakeIpcBridge({ 'app.info': () => ok(fakeAppInfo({ sampleAvailable: false })) });
    await renderApp(bridge);
    const button = await screen.findByRole('button', { name: 'Try it with a sample job' });
    await waitFor(() => expect(screen.getByText(/The sample job is not available here/)).toBeTruthy());
    expect(isDisabled(button)).toBe(true);
    expect(document.getElementById(button.getAttribute('aria-describedby') ?? '')?.textContent).toMatch(/needs the Azure Storage emulator/);
    await userEvent.click(button);
    expect(bridge.callsOf('sample.prepare')).toEqual([]);
  });

  it('fills the output paths next to the copy log and starts the repair', async () => {
    const bridge = createFakeIpcBridge({
      'repair.plan': () => ok(repairPlan({ freeBytes: 1024 })),
      'repair.start': () => ok(undefined),
      'repair.state': () => ok({ status: 'idle' }),
    });
    await renderApp(bridge);
    useInputsStore.setState({ targetSource: 'volume', targetDir: 'G:\\', copyLogFile: 'C:\\WAImportExport\\9WM35C3U_error.xml', accountName: 'contoso', secret: 'k' });
    useWizardStore.setState({ task: 'repair', step: 'plan' });
    const repairFile = (await screen.findByRole('textbox', { name: 'Repair file' })) as HTMLInputElement;
    expect(repairFile.value).toBe('C:\\WAImportExport\\repair.rep');
    expect((screen.getByRole('textbox', { name: 'Log folder' }) as HTMLInputElement).value).toBe('C:\\WAImportExport');
    expect(await screen.findByText('There may be too little free space')).toBeTruthy();
    await waitFor(() => expect(isDisabled(nextButton('Start repair'))).toBe(false));
    await userEvent.click(nextButton('Start repair'));
    await waitFor(() => expect(heading().textContent).toBe('Repair'));
    expect(bridge.callsOf('repair.start')[0]?.request.targetDir).toBe('G:\\');
  });

  it('shows why the repair could not start and stays on the plan', async () => {
    const bridge = createFakeIpcBridge({
      'repair.plan': () => ok(repairPlan()),
      'repair.start': () => fail({ code: 'JOB_RUNNING', title: 'A repair is already running', detail: 'Wait for it to finish.' }),
    });
    await renderApp(bridge);
    useInputsStore.setState({ targetSource: 'folder', targetDir: '/mnt/copy', copyLogFile: '/logs/x_error.xml', accountName: 'contoso', secret: 'k' });
    useWizardStore.setState({ task: 'repair', step: 'plan' });
    await waitFor(() => expect(isDisabled(nextButton('Start repair'))).toBe(false));
    await userEvent.click(nextButton('Start repair'));
    expect(await screen.findByText('A repair is already running')).toBeTruthy();
    expect(heading().textContent).toBe('Plan');
  });
});
