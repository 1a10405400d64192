/**
 * The status catalogue: every status code of the Import/Export copy-log status tables (seed `000_…`) and
 * the extra 2018-10-01 codes (formats.md §1.3), keyed by (category, code), each with a severity, whether
 * `waie RepairExport` / `waie RepairImport` can fix it, and operator texts in English and Dutch.
 *
 * All data is plain, frozen, JSON-able objects, so i18next resources can be built from it
 * ({@link statusResources}). Pure (src-shared).
 */
import { STATUS_DEFINITIONS, type StatusKey } from './definitions.ts';
import { STATUS_TEXTS_EN } from './texts.en.ts';
import { STATUS_TEXTS_NL } from './texts.nl.ts';
import { STATUS_CATEGORIES, type Language, type StatusCategory, type StatusEntry, type StatusSeverity, type StatusText } from './types.ts';

export type { Language, StatusCategory, StatusEntry, StatusSeverity, StatusText } from './types.ts';
export { LANGUAGES, STATUS_CATEGORIES } from './types.ts';
export type { StatusKey } from './definitions.ts';

const TEXTS: Readonly<Record<Language, Readonly<Record<StatusKey, StatusText>>>> = {
  en: STATUS_TEXTS_EN,
  nl: STATUS_TEXTS_NL,
};

function freezeText(text: StatusText): StatusText {
  return Object.freeze({ title: text.title, explanation: text.explanation, nextStep: text.nextStep });
}

/**
 * Every catalogue entry, in the order of the seed's tables (drive, blob, import disposition, page
 * range/block, metadata and properties), then the 2018-10-01 `dataBox` codes. Frozen; entries are
 * `{ category, code, severity, repairable, texts: { en, nl } }` with `texts.*` = `{ title, explanation,
 * nextStep }`.
 */
export const STATUS_CATALOGUE: readonly StatusEntry[] = Object.freeze(
  STATUS_DEFINITIONS.map((def): StatusEntry => {
    const key = `${def.category}.${def.code}` as StatusKey;
    return Object.freeze({
      category: def.category,
      code: def.code,
      severity: def.severity,
      repairable: def.repairable,
      texts: Object.freeze({ en: freezeText(TEXTS.en[key]), nl: freezeText(TEXTS.nl[key]) }),
    });
  }),
);

const mapKey = (category: string, code: string): string => `${category}\u0000${code}`;
const EXACT = new Map<string, StatusEntry>();
const FOLDED = new Map<string, StatusEntry>();
for (const entry of STATUS_CATALOGUE) {
  EXACT.set(mapKey(entry.category, entry.code), entry);
  FOLDED.set(mapKey(entry.category, entry.code.toLowerCase()), entry);
}

/**
 * The entry for `code` in `category`, or `undefined` when the catalogue does not have it.
 * Exact match first; then, tolerating hand-edited logs, the code with surrounding white space removed and
 * compared case-insensitively (`' completed '` finds `Completed`). Only the given category is searched: a
 * code means different things in different tables (seed `000_…`).
 */
export function lookupStatus(category: StatusCategory, code: string): StatusEntry | undefined {
  if (typeof code !== 'string') return undefined;
  return EXACT.get(mapKey(category, code)) ?? FOLDED.get(mapKey(category, code.trim().toLowerCase()));
}

/** Categories whose items in a 2018-10-01 log can carry a `dataBox` code (formats.md §1.3). */
const DATA_BOX_FALLBACK: ReadonlySet<StatusCategory> = new Set<StatusCategory>(['drive', 'blob', 'range', 'sidecar']);

/** Result of {@link describeStatus}. */
export interface StatusDescription extends StatusText {
  severity: StatusSeverity;
  /** True when the code is in the catalogue; false for the generic text of an unknown code. */
  known: boolean;
}

const CATEGORY_WORDS: Record<Language, Record<StatusCategory, string>> = {
  en: {
    drive: 'the drive',
    blob: 'a blob',
    importDisposition: 'the import rule of a blob',
    range: 'a block or page range',
    sidecar: 'a metadata or properties file',
    dataBox: 'an uploaded item',
  },
  nl: {
    drive: 'de schijf',
    blob: 'een blob',
    importDisposition: 'de importregel van een blob',
    range: 'een blok of paginabereik',
    sidecar: 'een bestand met metagegevens of eigenschappen',
    dataBox: 'een geüpload item',
  },
};

/** Shows a code from a log safely inside a text: control characters replaced, long codes cut, empty named. */
function displayCode(code: unknown, lang: Language): string {
  if (typeof code !== 'string' || code.trim() === '') return lang === 'nl' ? '(leeg)' : '(empty)';
  const clean = code.trim().replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, '?');
  return clean.length > 64 ? clean.slice(0, 64) + '…' : clean;
}

function unknownText(category: StatusCategory, code: unknown, lang: Language): StatusText {
  const shown = displayCode(code, lang);
  const what = CATEGORY_WORDS[lang][category] ?? CATEGORY_WORDS[lang].blob;
  if (lang === 'nl') {
    return {
      title: `Onbekende status “${shown}”`,
      explanation: `Het kopieerlog geeft ${what} de status “${shown}”. Deze versie van waie kent die code niet en kan dus niet zeggen of er iets mis is. Mogelijk komt hij uit een nieuwere logindeling.`,
      nextStep: `Zoek “${shown}” op in de documentatie van Microsoft over de kopieerlogs van Import/Export of Data Box. Zijn er blokken of bestanden mislukt, dan kan \`waie RepairExport\` of \`waie RepairImport\` die nog steeds opnieuw proberen.`,
    };
  }
  return {
    title: `Unknown status “${shown}”`,
    explanation: `The copy log gives ${what} the status “${shown}”. This version of waie does not know that code, so it cannot tell whether something is wrong. It may come from a newer log format.`,
    nextStep: `Look up “${shown}” in Microsoft’s documentation of Import/Export or Data Box copy logs. If blocks or files failed, \`waie RepairExport\` or \`waie RepairImport\` can still retry them.`,
  };
}

/**
 * Texts and severity for (`category`, `code`) in `lang` (default English; an unsupported language falls
 * back to English).
 *
 * Known codes: the catalogue's texts, `known: true`. For `drive`, `blob`, `range` and `sidecar`, a code
 * missing from that table but present in `dataBox` (2018-10-01 logs put e.g. `ContainerRenamed` or
 * `StorageRequestFailed` on items) is described from `dataBox`, also `known: true`.
 *
 * Unknown codes: a generic text that says plainly that this version does not know the code and quotes it
 * (trimmed, control characters replaced by `?`, cut after 64 characters), severity `warning`,
 * `known: false`. Never throws.
 */
export function describeStatus(category: StatusCategory, code: string, lang: Language = 'en'): StatusDescription {
  const language: Language = lang === 'nl' ? 'nl' : 'en';
  const entry =
    lookupStatus(category, code) ?? (DATA_BOX_FALLBACK.has(category) ? lookupStatus('dataBox', code) : undefined);
  if (entry) {
    const text = entry.texts[language];
    return { title: text.title, explanation: text.explanation, nextStep: text.nextStep, severity: entry.severity, known: true };
  }
  return { ...unknownText(category, code, language), severity: 'warning', known: false };
}

/**
 * Describes a status code whose category the caller does not know (e.g. an error's `statusCode`):
 * the first of `prefer` (default drive, blob, range, sidecar, dataBox) that has the code, else the
 * honest unknown-code text of the first category.
 */
export function describeStatusCode(code: string, lang: Language = 'en', prefer: readonly StatusCategory[] = ['drive', 'blob', 'range', 'sidecar', 'dataBox']): StatusDescription {
  const category = prefer.find((c) => lookupStatus(c, code)) ?? prefer[0] ?? 'blob';
  return describeStatus(category, code, lang);
}

/**
 * Codes per category that mean "this part is done, nothing failed":
 * - `drive`: `Completed`, and `CompletedWithWarnings` (all data copied; the warnings are import rules that
 *   were applied, which are not failures either);
 * - `blob`, `range`, `sidecar`: `Completed` only (`Committed`/`Uncommitted` blocks leave the blob unfinished);
 * - `importDisposition`: `Created`, `Renamed`, `Skipped`, `Overwritten` (the rule did what it was asked);
 *   `Cancelled` is not;
 * - `dataBox`: the renamed and moved codes (the data arrived, under another name or share).
 */
const COMPLETED_CODES: Readonly<Record<StatusCategory, ReadonlySet<string>>> = {
  drive: new Set(['Completed', 'CompletedWithWarnings']),
  blob: new Set(['Completed']),
  range: new Set(['Completed']),
  sidecar: new Set(['Completed']),
  importDisposition: new Set(['Created', 'Renamed', 'Skipped', 'Overwritten']),
  dataBox: new Set([
    'Renamed',
    'ContainerRenamed',
    'ShareRenamed',
    'BlobRenamed',
    'FileRenamed',
    'DiskRenamed',
    'MovedToOverflowShare',
    'MovedToDefaultAzureShare',
  ]),
};

/**
 * True when (`category`, `code`) means the part finished without failure (see the lists above), so a
 * repair can skip it. Uses {@link lookupStatus}'s matching (exact, then trimmed and case-insensitive).
 * Unknown codes are never completed: when in doubt, the part is looked at.
 */
export function isCompletedStatus(category: StatusCategory, code: string): boolean {
  const entry = lookupStatus(category, code);
  return entry !== undefined && (COMPLETED_CODES[category]?.has(entry.code) ?? false);
}

/**
 * i18next-ready resources for one language: `{ [category]: { [code]: { title, explanation, nextStep } } }`,
 * a fresh plain object (safe to hand to `i18next.addResourceBundle(lang, 'status', …)`; keys then read
 * `status:range.Corrupted.title`).
 */
export function statusResources(lang: Language): Record<StatusCategory, Record<string, StatusText>> {
  const language: Language = lang === 'nl' ? 'nl' : 'en';
  const out = {} as Record<StatusCategory, Record<string, StatusText>>;
  for (const category of STATUS_CATEGORIES) out[category] = {};
  for (const entry of STATUS_CATALOGUE) {
    const text = entry.texts[language];
    out[entry.category][entry.code] = { title: text.title, explanation: text.explanation, nextStep: text.nextStep };
  }
  return out;
}
