/** Hooks for texts that come from the shared catalogues (status codes, recovery-key problems). */
import { useTranslation } from 'react-i18next';
import { describeStatus, lookupStatus, type StatusCategory, type StatusDescription, type StatusEntry } from '../../src-shared/status/index.ts';
import { toUiLanguage, type UiLanguage } from './language.ts';

/** The current UI language (re-renders on change). */
export function useUiLanguage(): UiLanguage {
  const { i18n } = useTranslation();
  return toUiLanguage(i18n.resolvedLanguage ?? i18n.language);
}

const DATA_BOX_FALLBACK = new Set<StatusCategory>(['drive', 'blob', 'range', 'sidecar']);

function entryFor(category: StatusCategory, code: string): StatusEntry | undefined {
  return lookupStatus(category, code) ?? (DATA_BOX_FALLBACK.has(category) ? lookupStatus('dataBox', code) : undefined);
}

/** The category in which `code` is known, trying `prefer` in order (for error status codes). */
export function categoryOfCode(code: string, prefer: readonly StatusCategory[] = ['drive', 'blob', 'range', 'sidecar', 'dataBox']): StatusCategory {
  return prefer.find((c) => lookupStatus(c, code)) ?? prefer[0] ?? 'blob';
}

/**
 * Title, explanation and next step of a status code in the UI language: from i18next's `status`
 * namespace (built from `statusResources(lang)`) for known codes, and the catalogue's honest
 * "unknown code" text for others.
 */
export function useStatusText(): (category: StatusCategory, code: string) => StatusDescription {
  const { t, i18n } = useTranslation('status');
  const lang = toUiLanguage(i18n.resolvedLanguage ?? i18n.language);
  return (category, code) => {
    const entry = entryFor(category, code);
    if (!entry) return describeStatus(category, code, lang);
    const key = `${entry.category}.${entry.code}`;
    return {
      title: t(`${key}.title`),
      explanation: t(`${key}.explanation`),
      nextStep: t(`${key}.nextStep`),
      severity: entry.severity,
      known: true,
    };
  };
}
