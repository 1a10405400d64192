/** Status catalogue of Import/Export copy-log codes, with English and Dutch operator texts. Pure (src-shared). */
export {
  STATUS_CATALOGUE,
  STATUS_CATEGORIES,
  LANGUAGES,
  lookupStatus,
  describeStatus,
  describeStatusCode,
  isCompletedStatus,
  statusResources,
} from './catalogue.ts';
export type {
  Language,
  StatusCategory,
  StatusEntry,
  StatusSeverity,
  StatusText,
  StatusDescription,
  StatusKey,
} from './catalogue.ts';
