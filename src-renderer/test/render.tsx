/** Renders the whole wizard against a fake IPC bridge, in a fixed language. */
import { render, screen, type RenderResult } from '@testing-library/react';
import { App } from '../app/App.tsx';
import { createI18n, type UiLanguage } from '../i18n/index.ts';
import type { FakeIpcBridge } from './fake-ipc-bridge.ts';
import type { i18n as I18n } from 'i18next';

export interface RenderedApp extends RenderResult {
  i18n: I18n;
}

export async function renderApp(bridge: FakeIpcBridge, lng: UiLanguage = 'en'): Promise<RenderedApp> {
  const i18n = createI18n({ lng });
  const result = render(<App api={bridge.api} i18n={i18n} />);
  // Start-up is done once app.info has arrived (the sample button stops saying "Checking…").
  await screen.findByRole('heading', { level: 2 });
  await new Promise((r) => setTimeout(r, 0));
  return { ...result, i18n };
}

/** The Next button (English). */
export function nextButton(name: RegExp | string = /^(Next|Start repair|See the report)$/): HTMLElement {
  return screen.getByRole('button', { name });
}

export function isDisabled(el: HTMLElement): boolean {
  return el.getAttribute('aria-disabled') === 'true' || (el as HTMLButtonElement).disabled === true;
}
