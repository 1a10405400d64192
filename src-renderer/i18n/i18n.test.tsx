/** English and Dutch: every text the wizard asks for exists in both, and the header's menu switches. */
import { describe, expect, it } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createI18n, resources } from './index.ts';
import { toUiLanguage } from './language.ts';
import { en } from './en.ts';
import { nl } from './nl.ts';
import { createFakeIpcBridge, fakeAppInfo, ok } from '../test/fake-ipc-bridge.ts';
import { renderApp } from '../test/render.tsx';
import { useSettingsStore } from '../stores/settings.ts';

const sources = import.meta.glob(['../**/*.ts', '../**/*.tsx', '!../**/*.test.tsx', '!../test/**'], { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

function flatten(o: object, prefix = ''): string[] {
  return Object.entries(o).flatMap(([k, v]) => (typeof v === 'string' ? [prefix + k] : flatten(v as object, `${prefix}${k}.`)));
}

/** Static keys in t('…') calls and in `key: 'blockers…'` (dynamic ones with ${…} are checked by their static parts). */
function usedKeys(): string[] {
  const keys = new Set<string>();
  for (const text of Object.values(sources)) {
    for (const m of text.matchAll(/\bt\(\s*'([a-zA-Z][\w.]*)'/g)) keys.add(m[1]!);
    for (const m of text.matchAll(/key: '(blockers\.[\w]+)'/g)) keys.add(m[1]!);
    for (const m of text.matchAll(/\? '(blockers\.\w+)' : '(blockers\.\w+)'/g)) keys.add(m[1]!).add(m[2]!);
  }
  return [...keys];
}

describe('texts', () => {
  it('has every key the source uses, in English and in Dutch', () => {
    const used = usedKeys();
    expect(used.length).toBeGreaterThan(150);
    const i18n = createI18n({ lng: 'en' });
    for (const lng of ['en', 'nl'] as const) {
      const missing = used.filter((k) => !i18n.exists(k, { lng, count: 2 }) && !i18n.exists(k, { lng }));
      expect(missing, lng).toEqual([]);
    }
  });

  it('has the same keys in both languages, none empty except on purpose', () => {
    expect(flatten(nl).sort()).toEqual(flatten(en).sort());
    const empty = flatten(nl).filter((k) => k.split('.').reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], nl) === '');
    expect(empty).toEqual([]);
  });

  it('loads the status catalogue and recovery-key texts for both languages', () => {
    expect(resources.en.status.drive.CompletedWithErrors?.title).toBe('Drive finished with errors');
    expect(resources.nl.status.drive.CompletedWithErrors?.title).not.toBe(resources.en.status.drive.CompletedWithErrors?.title);
    const i18n = createI18n({ lng: 'nl' });
    expect(i18n.t('status:range.Corrupted.title')).toBe(resources.nl.status.range.Corrupted?.title);
    expect(i18n.t('recoveryKey:groupTooLarge.title', { group: 3 })).toBe('Groep 3 is te groot');
  });

  it('maps system languages to the wizard’s', () => {
    expect(toUiLanguage('nl-NL')).toBe('nl');
    expect(toUiLanguage('nl_BE')).toBe('nl');
    expect(toUiLanguage('NL')).toBe('nl');
    expect(toUiLanguage('nld')).toBe('en');
    expect(toUiLanguage('en-GB')).toBe('en');
    expect(toUiLanguage('de-DE')).toBe('en');
    expect(toUiLanguage(undefined)).toBe('en');
  });
});

describe('language', () => {
  it('follows the system language the app reports', async () => {
    const bridge = createFakeIpcBridge({ 'app.info': () => ok(fakeAppInfo({ systemLanguage: 'nl-NL' })) });
    await renderApp(bridge, 'en');
    await waitFor(() => expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('Begin'));
    expect(document.documentElement.lang).toBe('nl');
  });

  it('in the browser host, follows the browser\'s language rather than the server\'s', async () => {
    const bridge = createFakeIpcBridge({ 'app.info': () => ok(fakeAppInfo({ host: 'browser', systemLanguage: 'nl-NL' })) });
    await renderApp(bridge, 'en');
    await waitFor(() => expect(screen.getByRole('heading', { level: 2 }).textContent).toBe(navigator.language.startsWith('nl') ? 'Begin' : 'Start'));
    expect(document.documentElement.lang).toBe(navigator.language.startsWith('nl') ? 'nl' : 'en');
  });

  it('a saved choice wins over the system language', async () => {
    const bridge = createFakeIpcBridge({
      'app.info': () => ok(fakeAppInfo({ systemLanguage: 'en-US' })),
      'settings.get': () => ok({ language: 'nl' }),
    });
    await renderApp(bridge, 'en');
    await waitFor(() => expect(screen.getByText('Wat wilt u doen?')).toBeTruthy());
  });

  it('switches from the header menu and keeps the choice in the settings', async () => {
    const bridge = createFakeIpcBridge();
    await renderApp(bridge, 'en');
    await userEvent.click(screen.getByRole('button', { name: 'Language: System language' }));
    await userEvent.click(await screen.findByRole('menuitemradio', { name: 'Nederlands' }));
    await waitFor(() => expect(screen.getByText('Wat wilt u doen?')).toBeTruthy());
    expect(screen.getByRole('button', { name: 'Volgende' })).toBeTruthy();
    expect(bridge.callsOf('settings.set')).toEqual([{ language: 'nl' }]);
    expect(useSettingsStore.getState().settings.language).toBe('nl');

    await userEvent.click(screen.getByRole('button', { name: 'Taal: Nederlands' }));
    await userEvent.click(await screen.findByRole('menuitemradio', { name: 'Systeemtaal' }));
    await waitFor(() => expect(screen.getByText('What do you want to do?')).toBeTruthy());
    expect(bridge.callsOf('settings.set')[1]).toEqual({});
  });
});
