/** Every control on every step has an accessible name. */
import { describe, expect, it } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import { createFakeIpcBridge, fakeAppInfo, ok } from '../test/fake-ipc-bridge.ts';
import { renderApp } from '../test/render.tsx';
import { copyLogSummary, manifestSummary, repairPlan, repairResult, volume } from '../test/fixtures/data.ts';
import { useWizardStore, type StepId, type Task } from '../stores/wizard.ts';
import { useInputsStore } from '../stores/inputs.ts';
import { files } from '../stores/files.ts';
import { importPlan, importResult, reviewModel } from '../test/fixtures/import-review.ts';

const ROLES = ['button', 'textbox', 'radio', 'checkbox', 'combobox', 'progressbar', 'table', 'navigation', 'radiogroup', 'menuitemradio'] as const;

function unnamedControls(): string[] {
  const out: string[] = [];
  for (const role of ROLES) {
    const all = screen.queryAllByRole(role);
    const named = new Set(screen.queryAllByRole(role, { name: /\S/ }));
    for (const el of all) if (!named.has(el)) out.push(`${role}: ${el.outerHTML.slice(0, 120)}`);
  }
  // Inputs without a role query (password fields) need a label too.
  for (const input of document.querySelectorAll('input[type=password]')) {
    if (!document.querySelector(`label[for="${input.id}"]`) && !input.getAttribute('aria-label') && !input.getAttribute('aria-labelledby')) out.push(`password: ${input.outerHTML}`);
  }
  return out;
}

async function at(step: StepId, task: Task, expectText: RegExp | string): Promise<void> {
  useWizardStore.setState({ task, step });
  await screen.findAllByText(expectText);
}

describe('accessible names', () => {
  it('every control of every step has one', async () => {
    const bridge = createFakeIpcBridge({
      'app.info': () => ok(fakeAppInfo({ platform: 'win32', elevated: true, canRememberSecrets: true })),
      'drives.list': () => ok([volume(), volume({ id: 'H:', mountPath: undefined, bitLocker: 'locked', serialNumber: 'X', matchesDriveId: false })]),
      'copyLog.inspect': ({ path }) => ok(copyLogSummary({ path })),
      'manifest.inspect': () => ok(manifestSummary()),
      'storage.test': () => ok({ endpoint: 'e', checked: 2, readable: 1, problems: [{ blobPath: 'a/b', statusCode: 'BlobRequestFailed', detail: 'x' }] }),
      'repair.plan': () => ok(repairPlan({ refused: [{ filePath: '\\..\\evil', statusCode: 'FileNameInvalid', reason: 'outside the drive' }] })),
      'secrets.recall': () => ok(null),
    });
    await renderApp(bridge);
    expect(unnamedControls()).toEqual([]);

    await at('drive', 'repair', 'This is the drive the copy log names');
    useInputsStore.setState({ targetSource: 'volume', volumeId: 'H:', targetDir: '' });
    await screen.findByText('Recovery key');
    expect(unnamedControls()).toEqual([]);

    useInputsStore.setState({ targetSource: 'volume', volumeId: 'G:', volumeSerial: '9WM35C3U', targetDir: 'G:\\', copyLogFile: '/l/x_error.xml', manifestFile: '/l/x.manifest' });
    await at('copyLog', 'repair', 'What the copy log says');
    expect(unnamedControls()).toEqual([]);

    useInputsStore.setState({ accountName: 'contoso', secret: 'k' });
    await at('storage', 'repair', 'Test connection');
    screen.getByRole('button', { name: 'Test connection' }).click();
    await screen.findByText('1 of 2 blobs can be read');
    expect(unnamedControls()).toEqual([]);

    useInputsStore.setState({ repairFile: '/l/x.rep', logDir: '/l' });
    await at('plan', 'repair', 'What will be repaired');
    expect(unnamedControls()).toEqual([]);

    files.seed(['\\a', '\\b']);
    bridge.emit({ type: 'progress', progress: { phase: 'repairing', bytesDownloaded: 1, bytesVerified: 0, bytesToDownload: 2, bytesToVerify: 0, bytesUploaded: 0, bytesToUpload: 0, componentsDone: 0, componentsTotal: 2, componentsFailed: 0, elapsedMs: 1 } });
    await at('repair', 'repair', 'Files');
    expect(unnamedControls()).toEqual([]);

    bridge.emit({ type: 'done', result: repairResult() });
    await at('report', 'repair', /What could not be repaired/);
    await waitFor(() => expect(unnamedControls()).toEqual([]));
  });

  it('every control of the import, review and life-cycle steps has one', async () => {
    const bridge = createFakeIpcBridge({
      'copyLog.inspect': ({ path }) => ok(copyLogSummary({ path })),
      'repairImport.plan': () => ok(importPlan({ conflicts: [...importPlan().conflicts, { drivePath: '\\gone.jpg', reason: 'not-found', statusCode: 'FileNotFound', candidates: [], detail: 'Not found.' }], conflictCount: 2 })),
      'review.run': () => ok(reviewModel(5)),
    });
    await renderApp(bridge);
    useInputsStore.setState({ sourceDirs: ['/a', ''], copyLogFile: '/l/x_error.xml', accountName: 'contoso', secret: 'k', repairFile: '/l/x.rep', logDir: '/l' });
    await at('sources', 'repairImport', 'Add a folder');
    expect(unnamedControls()).toEqual([]);
    await at('copyLog', 'repairImport', 'What the copy log says');
    screen.getByRole('button', { name: 'Find in storage account…' }).click();
    await screen.findByText('Find the copy log in the storage account');
    expect(unnamedControls()).toEqual([]);
    screen.getByRole('button', { name: 'Cancel', hidden: true }).click();
    await at('plan', 'repairImport', 'What will be uploaded');
    expect(unnamedControls()).toEqual([]);
    bridge.emit({ type: 'done', result: importResult() });
    await at('report', 'repairImport', /Choose the original files/);
    screen.getByRole('radio', { name: 'Another file…' }).click();
    await waitFor(() => expect(unnamedControls()).toEqual([]));
    await at('review', 'review', 'What to do');
    expect(unnamedControls()).toEqual([]);
    await at('status', 'status', 'The life cycle of the job');
    expect(unnamedControls()).toEqual([]);
  });
});
