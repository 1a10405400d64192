/**
 * i18next for the wizard: the UI texts (`ui` namespace), the status catalogue's texts (`status`
 * namespace, from `statusResources(lang)`) and the recovery-key problem texts (`recoveryKey`), in
 * English and Dutch. The language detector follows the system language (`navigator.language`, which
 * Electron sets from the OS); the header's menu overrides it and the choice is kept in the app's
 * settings (not in the browser).
 */
import i18next, { type i18n as I18n } from 'i18next';
import LanguageDetector from 'i18next-browser-languagedetector';
import { initReactI18next } from 'react-i18next';
import { statusResources } from '../../src-shared/status/index.ts';
import { recoveryKeyResources } from '../../src-shared/recovery-key/index.ts';
import { en } from './en.ts';
import { nl } from './nl.ts';
import { toUiLanguage, type UiLanguage } from './language.ts';

export { toUiLanguage, UI_LANGUAGES, type UiLanguage } from './language.ts';

export const resources = {
  en: { ui: en, status: statusResources('en'), recoveryKey: recoveryKeyResources('en') },
  nl: { ui: nl, status: statusResources('nl'), recoveryKey: recoveryKeyResources('nl') },
};

export interface CreateI18nOptions {
  /** Fixed language (tests, or a saved choice); without it the detector picks the system language. */
  lng?: UiLanguage;
}

/** A new, initialised i18next instance (synchronous: the resources are bundled). */
export function createI18n(options: CreateI18nOptions = {}): I18n {
  const instance = i18next.createInstance();
  if (!options.lng) instance.use(LanguageDetector);
  instance.use(initReactI18next);
  void instance.init({
    resources,
    lng: options.lng,
    fallbackLng: 'en',
    supportedLngs: ['en', 'nl'],
    nonExplicitSupportedLngs: true,
    load: 'languageOnly',
    ns: ['ui', 'status', 'recoveryKey'],
    defaultNS: 'ui',
    interpolation: { escapeValue: false },
    initAsync: false,
    detection: { order: ['navigator', 'htmlTag'], caches: [] },
    react: { useSuspense: false },
  });
  return instance;
}

/** The instance's current language as a UI language. */
export function languageOf(instance: I18n): UiLanguage {
  return toUiLanguage(instance.resolvedLanguage ?? instance.language);
}
