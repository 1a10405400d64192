/** The recovery key field's messages, as typed, in English and Dutch, and the unlock it leads to. */
import { describe, expect, it } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createFakeIpcBridge, fail, fakeAppInfo, ok } from '../../test/fake-ipc-bridge.ts';
import { isDisabled, renderApp } from '../../test/render.tsx';
import { volume } from '../../test/fixtures/data.ts';
import { useWizardStore } from '../../stores/wizard.ts';
import { useInputsStore } from '../../stores/inputs.ts';

const VALID = '238810-662376-448998-450120-652806-203390-606320-483076';

async function showLockedDrive(lang: 'en' | 'nl' = 'en', more = {}) {
  const bridge = createFakeIpcBridge({
    'app.info': () => ok(fakeAppInfo({ systemLanguage: lang === 'nl' ? 'nl-NL' : 'en-US' })),
    'drives.list': () => ok([volume({ bitLocker: 'locked', mountPath: undefined })]),
    ...more,
  });
  const app = await renderApp(bridge, lang);
  useWizardStore.setState({ task: 'repair', step: 'drive' });
  await screen.findByRole('table');
  return { bridge, app };
}

function keyInput(): HTMLInputElement {
  return document.querySelector('input[inputmode="numeric"]') as HTMLInputElement;
}

describe('recovery key field', () => {
  it('counts digits while the key can still be right', async () => {
    await showLockedDrive();
    await waitFor(() => expect(useInputsStore.getState().volumeId).toBe('G:'));
    await userEvent.type(keyInput(), '238810-66');
    expect(screen.getByText('8 of 48 digits')).toBeTruthy();
    expect(keyInput().getAttribute('aria-invalid')).not.toBe('true');
    expect(isDisabled(screen.getByRole('button', { name: 'Unlock' }))).toBe(true);
  });

  it('names a group that is not a multiple of 11 as soon as it is complete', async () => {
    await showLockedDrive();
    await userEvent.type(keyInput(), '238810-662377');
    expect(screen.getByText(/^Group 2 is not a valid group\. Every group of a recovery key is a multiple of 11/)).toBeTruthy();
    expect(keyInput().getAttribute('aria-invalid')).toBe('true');
  });

  it('names a group that is too large, and a character that is not a digit', async () => {
    await showLockedDrive();
    await userEvent.type(keyInput(), '9');
    expect(screen.getByText(/^Group 1 will be too large\./)).toBeTruthy();
    await userEvent.clear(keyInput());
    await userEvent.type(keyInput(), '2388O0');
    expect(screen.getByText(/^The key contains “O” \(character 5\)\./)).toBeTruthy();
  });

  it('says when the key is well formed and unlocks with the normalised key', async () => {
    const { bridge } = await showLockedDrive('en', { 'drives.unlock': () => ok({ mountPath: 'G:\\' }) });
    await userEvent.click(keyInput());
    await userEvent.paste(VALID.replace(/-/g, ' '));
    expect(screen.getByText('The key is well formed.')).toBeTruthy();
    const unlock = screen.getByRole('button', { name: 'Unlock' });
    expect(isDisabled(unlock)).toBe(false);
    await userEvent.click(unlock);
    await waitFor(() => expect(useInputsStore.getState().targetDir).toBe('G:\\'));
    expect(bridge.callsOf('drives.unlock')).toEqual([{ volumeId: 'G:', recoveryPassword: VALID }]);
  });

  it('shows why the drive did not unlock, with the status explanation', async () => {
    await showLockedDrive('en', {
      'drives.unlock': () => fail({ code: 'UNLOCK_FAILED', title: 'The key did not unlock the drive', detail: 'manage-bde refused the key.', statusCode: 'BitLockerKeyInvalid' }),
    });
    await userEvent.click(keyInput());
    await userEvent.paste(VALID);
    await userEvent.click(screen.getByRole('button', { name: 'Unlock' }));
    expect(await screen.findByText('The key did not unlock the drive')).toBeTruthy();
    expect(screen.getByText('BitLocker key does not unlock the drive')).toBeTruthy();
    expect(useInputsStore.getState().targetDir).toBe('');
  });

  it('speaks Dutch', async () => {
    await showLockedDrive('nl');
    await userEvent.type(keyInput(), '238810-662377');
    expect(screen.getByText(/^Groep 2 is geen geldige groep\./)).toBeTruthy();
    await userEvent.clear(keyInput());
    await userEvent.type(keyInput(), '2388');
    expect(screen.getByText('4 van 48 cijfers')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Ontgrendelen' })).toBeTruthy();
  });
});
