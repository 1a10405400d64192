/**
 * Operator texts for recovery password problems ({@link RecoveryKeyProblemCode}), in English and Dutch,
 * shaped like the status catalogue's (`{ title, explanation, nextStep }`). The templates use i18next's
 * interpolation syntax (`{{group}}`, `{{digits}}`, `{{groups}}`, `{{position}}`, `{{character}}`), so the
 * wizard can load {@link recoveryKeyResources} into i18next; {@link describeRecoveryKeyProblem} fills them
 * in without i18next. No text ever contains digits of the key. Pure (src-shared).
 */
import type { Language, StatusText } from '../status/types.ts';
import type { RecoveryKeyCheck, RecoveryKeyPrefixCheck, RecoveryKeyProblem, RecoveryKeyProblemCode } from './rules.ts';

const WHERE_EN = 'Copy the key again from the Azure portal (your job → Encryption, the row of this drive ID) or from the BitLocker recovery key file.';
const WHERE_NL = 'Kopieer de sleutel opnieuw uit de Azure-portal (uw taak → Versleuteling, de regel van deze schijf-ID) of uit het bestand met de BitLocker-herstelsleutel.';

/** English templates, one per problem code. */
export const RECOVERY_KEY_TEXTS_EN: Readonly<Record<RecoveryKeyProblemCode, StatusText>> = Object.freeze({
  empty: {
    title: 'No recovery key given',
    explanation: 'A BitLocker recovery key is 48 digits in 8 groups of 6, e.g. 123456-123456-… .',
    nextStep: `Type or paste the drive's 48-digit recovery key. ${WHERE_EN}`,
  },
  invalidCharacter: {
    title: 'The key contains “{{character}}” (character {{position}})',
    explanation: 'A recovery key holds only digits, with dashes or spaces between the groups. Character {{position}} is “{{character}}”. A letter O or l is often a mistyped 0 or 1.',
    nextStep: `Remove or correct that character. ${WHERE_EN}`,
  },
  tooFewDigits: {
    title: 'The key has {{digits}} digits, not 48',
    explanation: 'A recovery key has 48 digits (8 groups of 6). This one has {{digits}}, so digits are missing.',
    nextStep: `Check that the whole key was copied. ${WHERE_EN}`,
  },
  tooManyDigits: {
    title: 'The key has {{digits}} digits, not 48',
    explanation: 'A recovery key has 48 digits (8 groups of 6). This one has {{digits}}, so there are digits too many.',
    nextStep: `Check that nothing else was copied along with the key. ${WHERE_EN}`,
  },
  groupLength: {
    title: 'Group {{group}} has {{digits}} digits, not 6',
    explanation: 'Every group of a recovery key has exactly 6 digits. Group {{group}} (counting from the left) has {{digits}}.',
    nextStep: `Correct group {{group}}. ${WHERE_EN}`,
  },
  groupCount: {
    title: 'The key has {{groups}} groups, not 8',
    explanation: 'A recovery key has 8 groups of 6 digits. This one has {{groups}} groups.',
    nextStep: `Check that the whole key was copied, and nothing more. ${WHERE_EN}`,
  },
  groupTooLarge: {
    title: 'Group {{group}} is too large',
    explanation: 'Every group of a recovery key is a number below 720896. Group {{group}} is 720896 or more, so a digit in it is wrong.',
    nextStep: `Compare group {{group}} digit by digit with the key. ${WHERE_EN}`,
  },
  groupNotDivisibleBy11: {
    title: 'Group {{group}} is not a valid group',
    explanation: 'Every group of a recovery key is a multiple of 11 (its built-in check). Group {{group}} is not, so a digit in it is wrong or two digits are swapped.',
    nextStep: `Compare group {{group}} digit by digit with the key. ${WHERE_EN}`,
  },
  partialGroupTooLarge: {
    title: 'Group {{group}} will be too large',
    explanation: 'Every group of a recovery key is a number below 720896. The digits typed so far make group {{group}} 720896 or more, whatever follows, so one of them is wrong.',
    nextStep: `Correct the start of group {{group}}. ${WHERE_EN}`,
  },
  partialGroupNotDivisibleBy11: {
    title: 'Group {{group}} cannot become a valid group',
    explanation: 'Every group of a recovery key is a multiple of 11. No last digit can make group {{group}} one below 720896, so one of the digits typed so far is wrong.',
    nextStep: `Correct the start of group {{group}}. ${WHERE_EN}`,
  },
});

/** Dutch templates, one per problem code. */
export const RECOVERY_KEY_TEXTS_NL: Readonly<Record<RecoveryKeyProblemCode, StatusText>> = Object.freeze({
  empty: {
    title: 'Geen herstelsleutel opgegeven',
    explanation: 'Een BitLocker-herstelsleutel bestaat uit 48 cijfers in 8 groepen van 6, bijvoorbeeld 123456-123456-… .',
    nextStep: `Typ of plak de herstelsleutel van 48 cijfers van deze schijf. ${WHERE_NL}`,
  },
  invalidCharacter: {
    title: 'De sleutel bevat “{{character}}” (teken {{position}})',
    explanation: 'Een herstelsleutel bevat alleen cijfers, met streepjes of spaties tussen de groepen. Teken {{position}} is “{{character}}”. Een letter O of l is vaak een verkeerd getypte 0 of 1.',
    nextStep: `Verwijder of verbeter dat teken. ${WHERE_NL}`,
  },
  tooFewDigits: {
    title: 'De sleutel heeft {{digits}} cijfers, geen 48',
    explanation: 'Een herstelsleutel heeft 48 cijfers (8 groepen van 6). Deze heeft er {{digits}}, er ontbreken dus cijfers.',
    nextStep: `Controleer of de hele sleutel is gekopieerd. ${WHERE_NL}`,
  },
  tooManyDigits: {
    title: 'De sleutel heeft {{digits}} cijfers, geen 48',
    explanation: 'Een herstelsleutel heeft 48 cijfers (8 groepen van 6). Deze heeft er {{digits}}, dat zijn er te veel.',
    nextStep: `Controleer of er niets anders mee is gekopieerd. ${WHERE_NL}`,
  },
  groupLength: {
    title: 'Groep {{group}} heeft {{digits}} cijfers, geen 6',
    explanation: 'Elke groep van een herstelsleutel heeft precies 6 cijfers. Groep {{group}} (van links geteld) heeft er {{digits}}.',
    nextStep: `Verbeter groep {{group}}. ${WHERE_NL}`,
  },
  groupCount: {
    title: 'De sleutel heeft {{groups}} groepen, geen 8',
    explanation: 'Een herstelsleutel heeft 8 groepen van 6 cijfers. Deze heeft er {{groups}}.',
    nextStep: `Controleer of de hele sleutel is gekopieerd, en niets meer. ${WHERE_NL}`,
  },
  groupTooLarge: {
    title: 'Groep {{group}} is te groot',
    explanation: 'Elke groep van een herstelsleutel is een getal onder 720896. Groep {{group}} is 720896 of meer, dus een cijfer daarin klopt niet.',
    nextStep: `Vergelijk groep {{group}} cijfer voor cijfer met de sleutel. ${WHERE_NL}`,
  },
  groupNotDivisibleBy11: {
    title: 'Groep {{group}} is geen geldige groep',
    explanation: 'Elke groep van een herstelsleutel is een veelvoud van 11 (de ingebouwde controle). Groep {{group}} is dat niet, dus een cijfer daarin klopt niet of twee cijfers zijn omgewisseld.',
    nextStep: `Vergelijk groep {{group}} cijfer voor cijfer met de sleutel. ${WHERE_NL}`,
  },
  partialGroupTooLarge: {
    title: 'Groep {{group}} wordt te groot',
    explanation: 'Elke groep van een herstelsleutel is een getal onder 720896. Met de cijfers die tot nu toe getypt zijn, wordt groep {{group}} 720896 of meer, wat er ook volgt; een ervan klopt dus niet.',
    nextStep: `Verbeter het begin van groep {{group}}. ${WHERE_NL}`,
  },
  partialGroupNotDivisibleBy11: {
    title: 'Groep {{group}} kan geen geldige groep meer worden',
    explanation: 'Elke groep van een herstelsleutel is een veelvoud van 11. Geen enkel laatste cijfer maakt van groep {{group}} een veelvoud van 11 onder 720896, dus een van de cijfers die tot nu toe getypt zijn klopt niet.',
    nextStep: `Verbeter het begin van groep {{group}}. ${WHERE_NL}`,
  },
});

const TEXTS: Readonly<Record<Language, Readonly<Record<RecoveryKeyProblemCode, StatusText>>>> = { en: RECOVERY_KEY_TEXTS_EN, nl: RECOVERY_KEY_TEXTS_NL };

function fill(template: string, p: RecoveryKeyProblem): string {
  return template.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => {
    const v = (p as unknown as Record<string, unknown>)[name];
    return v === undefined ? whole : String(v);
  });
}

/**
 * The texts of one problem in `lang` (default English; anything else than `nl` falls back to English),
 * with its numbers filled in: `{ title, explanation, nextStep }`, plain strings without digits of the key.
 */
export function describeRecoveryKeyProblem(problem: RecoveryKeyProblem, lang: Language = 'en'): StatusText {
  const language: Language = lang === 'nl' ? 'nl' : 'en';
  const t = TEXTS[language][problem.code] ?? TEXTS[language].empty;
  return { title: fill(t.title, problem), explanation: fill(t.explanation, problem), nextStep: fill(t.nextStep, problem) };
}

/**
 * One paragraph for a command line or an error detail: the first problem's title, then the explanation
 * of every problem, then the first problem's next step. Empty string when the check found nothing wrong.
 */
export function recoveryKeyMessage(check: RecoveryKeyCheck | RecoveryKeyPrefixCheck, lang: Language = 'en'): string {
  const problems = check.problems;
  const first = problems[0];
  if (!first) return '';
  const texts = problems.map((p) => describeRecoveryKeyProblem(p, lang));
  const titles = texts.map((t) => t.title);
  return `${titles.join('; ')}. ${[...new Set(texts.map((t) => t.explanation))].join(' ')} ${texts[0]!.nextStep}`;
}

/**
 * i18next-ready resources for one language: `{ [code]: { title, explanation, nextStep } }` with
 * `{{…}}` placeholders, a fresh plain object (for `i18next.addResourceBundle(lang, 'recoveryKey', …)`).
 */
export function recoveryKeyResources(lang: Language): Record<RecoveryKeyProblemCode, StatusText> {
  const language: Language = lang === 'nl' ? 'nl' : 'en';
  const out = {} as Record<RecoveryKeyProblemCode, StatusText>;
  for (const [code, t] of Object.entries(TEXTS[language]) as [RecoveryKeyProblemCode, StatusText][]) out[code] = { ...t };
  return out;
}
