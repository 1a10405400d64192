/**
 * "Where is my job?" from the Start page: the job and drive life cycles as diagrams with the chosen
 * states highlighted, what they mean and what happens next, in English and Dutch.
 */
import { describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describeDriveState, describeJobState } from '../../../src-shared/lifecycle/index.ts';
import { createFakeIpcBridge, fakeAppInfo, ok } from '../../test/fake-ipc-bridge.ts';
import { renderApp } from '../../test/render.tsx';

function current(testId: string): string | null | undefined {
  return within(screen.getByTestId(testId)).getByRole('img').querySelector('g.state[data-current="true"]')?.getAttribute('data-state');
}

describe('where the job is', () => {
  it('is reachable from Start, and highlights the job and drive states chosen, with their meaning', async () => {
    await renderApp(createFakeIpcBridge());
    await userEvent.click(screen.getByRole('button', { name: 'Where is my job?' }));
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('Where the job is');
    expect(within(screen.getByRole('navigation', { name: 'Steps' })).getAllByRole('listitem')).toHaveLength(2);
    // Nothing chosen: both diagrams, nothing highlighted.
    expect(current('job-lifecycle')).toBeUndefined();
    expect(current('drive-lifecycle')).toBeUndefined();

    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Job state' }), 'Transferring');
    expect(current('job-lifecycle')).toBe('Transferring');
    const job = describeJobState('Transferring', 'en');
    const text = screen.getByTestId('lifecycle-job-text');
    expect(within(text).getByRole('heading').textContent).toBe('The job is Transferring');
    expect(text.textContent).toContain(job.meaning.replace(/`/g, ''));
    expect(text.textContent).toContain(job.next.replace(/`/g, ''));

    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Drive state' }), 'CompletedMoreInfo');
    expect(current('drive-lifecycle')).toBe('CompletedMoreInfo');
    expect(screen.getByTestId('lifecycle-drive-text').textContent).toContain(describeDriveState('CompletedMoreInfo', 'en').meaning.replace(/`/g, ''));
    // The time limits of the seed: a finished job is deleted after 90 days.
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Job state' }), 'Completed');
    expect(screen.getByText('The job is deleted 90 days after it reaches this state.')).toBeTruthy();
  });

  it('speaks Dutch, diagrams included', async () => {
    await renderApp(createFakeIpcBridge({ 'app.info': () => ok(fakeAppInfo({ systemLanguage: 'nl-NL' })) }), 'nl');
    await userEvent.click(screen.getByRole('button', { name: 'Waar is mijn taak?' }));
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Status van de taak' }), 'Shipping');
    const nl = describeJobState('Shipping', 'nl');
    expect(nl.meaning).not.toBe(describeJobState('Shipping', 'en').meaning);
    expect(screen.getByTestId('lifecycle-job-text').textContent).toContain(nl.meaning.replace(/`/g, ''));
    expect(screen.getByText('De taak is Shipping')).toBeTruthy();
    const svg = within(screen.getByTestId('job-lifecycle')).getByRole('img');
    expect(svg.getAttribute('aria-label')).not.toBe(within(screen.getByTestId('drive-lifecycle')).getByRole('img').getAttribute('aria-label'));
    expect(svg.querySelector('title')?.textContent).toMatch(/taak/i);
  });
});
