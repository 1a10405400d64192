/** The wizard's languages. */
export type UiLanguage = 'en' | 'nl';

export const UI_LANGUAGES: readonly UiLanguage[] = ['en', 'nl'];

/** `nl`, `nl-NL`, `nl-BE` → `nl`; anything else → `en` (the fallback). */
export function toUiLanguage(code: string | null | undefined): UiLanguage {
  return typeof code === 'string' && /^nl(\b|[-_])/i.test(code.trim()) ? 'nl' : 'en';
}
