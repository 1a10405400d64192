/**
 * BitLocker recovery password rules (the `/bk` key of WAImportExport and `waie`). Pure (src-shared).
 *
 * Source of the rules (platform.md §"BitLocker recovery password", Microsoft's BitLocker recovery-key
 * documentation): 48 digits in 8 groups of 6, usually joined by dashes (55 characters). Each group is
 * divisible by 11 and below 720896 (group / 11 fits in 16 bits). Microsoft's written checksum formula
 * has its sign reversed; `group % 11 == 0` is the rule real keys follow (seen on 21 real keys).
 *
 * What this module accepts as input (lenient, so a pasted key works):
 * - ASCII digits `0`–`9`;
 * - separators: any white space (including no-break spaces, tabs and line breaks), `-`, and the Unicode
 *   dashes U+2010–U+2015, U+2212 (minus), U+FE63 and U+FF0D (from documents and web pages). A run of
 *   separators counts as one; separators before the first and after the last digit are ignored;
 * - either no separator at all (48 digits, split into groups of 6), or separators between groups, in which
 *   case every separated group must have exactly 6 digits (so a dropped digit is named by its group).
 *
 * Problems are reported as codes with numbers (1-based group and character positions); the texts for them
 * in English and Dutch are in `texts.ts`. No problem ever carries digits of the key.
 */

/** Digits in a recovery password. */
export const RECOVERY_KEY_DIGITS = 48;
/** Groups in a recovery password. */
export const RECOVERY_KEY_GROUPS = 8;
/** Digits per group. */
export const RECOVERY_KEY_GROUP_DIGITS = 6;
/** Every group is below this value (group / 11 < 65536). */
export const RECOVERY_KEY_GROUP_LIMIT = 720896;

/**
 * What can be wrong with a (complete or partly typed) recovery password:
 * - `empty`: nothing but separators (or nothing) was given;
 * - `invalidCharacter`: a character that is neither a digit nor a separator (`position`, `character`);
 * - `tooFewDigits` / `tooManyDigits`: without separators, the number of digits (`digits`) is not 48;
 * - `groupLength`: with separators, group `group` has `digits` digits instead of 6;
 * - `groupCount`: with separators, every group has 6 digits but there are `groups` groups instead of 8;
 * - `groupTooLarge`: group `group` is 720896 or more;
 * - `groupNotDivisibleBy11`: group `group` is not a multiple of 11;
 * - `partialGroupTooLarge` (while typing): the digits typed so far of group `group` make it 720896 or more
 *   whatever follows (e.g. it starts with 8 or 9);
 * - `partialGroupNotDivisibleBy11` (while typing): no last digit can make group `group` a multiple of 11.
 */
export type RecoveryKeyProblemCode =
  | 'empty'
  | 'invalidCharacter'
  | 'tooFewDigits'
  | 'tooManyDigits'
  | 'groupLength'
  | 'groupCount'
  | 'groupTooLarge'
  | 'groupNotDivisibleBy11'
  | 'partialGroupTooLarge'
  | 'partialGroupNotDivisibleBy11';

/** Every problem code, in the order problems are checked. */
export const RECOVERY_KEY_PROBLEM_CODES: readonly RecoveryKeyProblemCode[] = Object.freeze([
  'empty',
  'invalidCharacter',
  'tooFewDigits',
  'tooManyDigits',
  'groupLength',
  'groupCount',
  'groupTooLarge',
  'groupNotDivisibleBy11',
  'partialGroupTooLarge',
  'partialGroupNotDivisibleBy11',
] as const);

/**
 * One problem. Only the fields its code needs are set; none holds digits of the key:
 * `group` 1-based group number (1–8, or more when too many groups were typed); `digits` a count of digits;
 * `groups` a count of groups; `position` 1-based character position in the input (in code points);
 * `character` the offending character (one code point, or `U+XXXX` for invisible ones).
 */
export interface RecoveryKeyProblem {
  code: RecoveryKeyProblemCode;
  group?: number;
  digits?: number;
  groups?: number;
  position?: number;
  character?: string;
}

/** Result of {@link checkRecoveryKey}: `ok` with the normalised key, or the problems (never both). */
export type RecoveryKeyCheck =
  | { ok: true; normalized: string; problems: readonly [] }
  | { ok: false; normalized?: undefined; problems: readonly RecoveryKeyProblem[] };

/**
 * Result of {@link checkRecoveryKeyPrefix}, for checking as the user types:
 * - `empty`: nothing typed yet (no problem to show);
 * - `incomplete`: what is typed so far can still become a valid key (no problem to show yet);
 * - `complete`: a valid key; `normalized` holds it;
 * - `invalid`: something already typed is wrong whatever follows; `problems` says what.
 * `digits` is how many digits were typed (0–48+), `groupsComplete` how many groups of 6 are complete.
 */
export interface RecoveryKeyPrefixCheck {
  state: 'empty' | 'incomplete' | 'complete' | 'invalid';
  problems: readonly RecoveryKeyProblem[];
  normalized?: string;
  digits: number;
  groupsComplete: number;
}

const SEPARATOR = /^[\s\u00a0\u2010-\u2015\u2212\ufe63\uff0d-]$/u;
const DIGIT = /^[0-9]$/;

interface Tokens {
  /** Digit groups between separators (leading/trailing separators dropped). */
  groups: string[];
  /** True when any separator stood between two digits. */
  separated: boolean;
  /** True when the input ends with a separator after at least one digit. */
  trailingSeparator: boolean;
  bad?: { position: number; character: string };
}

/** Shows a character safely: visible ones as they are, invisible or control ones as `U+XXXX`. */
function showCharacter(ch: string): string {
  const cp = ch.codePointAt(0) ?? 0;
  if (cp < 0x20 || (cp >= 0x7f && cp <= 0xa0) || /[\p{Z}\p{C}]/u.test(ch)) return `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  return ch;
}

function tokenize(input: string): Tokens {
  const groups: string[] = [];
  let current = '';
  let sawSeparator = false;
  let separated = false;
  let position = 0;
  for (const ch of input) {
    position++;
    if (DIGIT.test(ch)) {
      if (sawSeparator && (current !== '' || groups.length > 0)) {
        if (current !== '') groups.push(current);
        current = '';
        separated = true;
      }
      sawSeparator = false;
      current += ch;
    } else if (SEPARATOR.test(ch)) {
      sawSeparator = true;
    } else {
      return { groups: [], separated: false, trailingSeparator: false, bad: { position, character: showCharacter(ch) } };
    }
  }
  if (current !== '') groups.push(current);
  return { groups, separated, trailingSeparator: sawSeparator && groups.length > 0 };
}

/** Problem for a complete 6-digit group `value` (1-based `group`), or undefined when it is valid. */
function groupProblem(value: number, group: number): RecoveryKeyProblem | undefined {
  if (value >= RECOVERY_KEY_GROUP_LIMIT) return { code: 'groupTooLarge', group };
  if (value % 11 !== 0) return { code: 'groupNotDivisibleBy11', group };
  return undefined;
}

/**
 * Problem for the first `digits.length` (1–5) digits of group `group` when no way of finishing the group
 * gives a valid one (some completion below 720896 and divisible by 11), else undefined. Exact: the
 * completions form the range [p·10^k, p·10^k + 10^k − 1] with k digits still to type.
 */
export function partialGroupProblem(digits: string, group: number): RecoveryKeyProblem | undefined {
  const k = RECOVERY_KEY_GROUP_DIGITS - digits.length;
  if (k <= 0 || digits === '' || !/^[0-9]+$/.test(digits)) return undefined;
  const scale = 10 ** k;
  const min = Number(digits) * scale;
  if (min >= RECOVERY_KEY_GROUP_LIMIT) return { code: 'partialGroupTooLarge', group };
  const max = Math.min(min + scale - 1, RECOVERY_KEY_GROUP_LIMIT - 1);
  const firstMultiple = Math.ceil(min / 11) * 11;
  if (firstMultiple > max) return { code: 'partialGroupNotDivisibleBy11', group };
  return undefined;
}

function splitSixes(digits: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < digits.length; i += RECOVERY_KEY_GROUP_DIGITS) out.push(digits.slice(i, i + RECOVERY_KEY_GROUP_DIGITS));
  return out;
}

function valueProblems(groups: readonly string[]): RecoveryKeyProblem[] {
  const problems: RecoveryKeyProblem[] = [];
  groups.forEach((g, i) => {
    const p = groupProblem(Number(g), i + 1);
    if (p) problems.push(p);
  });
  return problems;
}

/**
 * Checks a complete recovery password and normalises it to 8 dash-joined groups of 6 digits
 * (`238810-662376-448998-450120-652806-203390-606320-483076`).
 *
 * Order of checks (later checks run only when earlier ones pass): `empty`; `invalidCharacter` (the first
 * one only); structure — without separators `tooFewDigits`/`tooManyDigits`, with separators one
 * `groupLength` per group that does not have 6 digits and `groupCount` when there are not 8 groups;
 * then, per group, `groupTooLarge` (≥ 720896) or else `groupNotDivisibleBy11`, every failing group listed
 * in order. Every single wrong digit and every swap of two different adjacent digits within a group is
 * caught (10^k is never divisible by 11).
 *
 * @param input what the user typed or pasted (any length; never logged by this function)
 * @returns `{ ok: true, normalized }` or `{ ok: false, problems }` with at least one problem. Never throws.
 */
export function checkRecoveryKey(input: string): RecoveryKeyCheck {
  const t = tokenize(typeof input === 'string' ? input : '');
  if (t.bad) return { ok: false, problems: [{ code: 'invalidCharacter', position: t.bad.position, character: t.bad.character }] };
  if (t.groups.length === 0) return { ok: false, problems: [{ code: 'empty' }] };
  let groups: string[];
  if (!t.separated) {
    const digits = t.groups[0] ?? '';
    if (digits.length < RECOVERY_KEY_DIGITS) return { ok: false, problems: [{ code: 'tooFewDigits', digits: digits.length }] };
    if (digits.length > RECOVERY_KEY_DIGITS) return { ok: false, problems: [{ code: 'tooManyDigits', digits: digits.length }] };
    groups = splitSixes(digits);
  } else {
    const structure: RecoveryKeyProblem[] = [];
    t.groups.forEach((g, i) => {
      if (g.length !== RECOVERY_KEY_GROUP_DIGITS) structure.push({ code: 'groupLength', group: i + 1, digits: g.length });
    });
    if (t.groups.length !== RECOVERY_KEY_GROUPS) structure.push({ code: 'groupCount', groups: t.groups.length });
    if (structure.length) return { ok: false, problems: structure };
    groups = t.groups;
  }
  const problems = valueProblems(groups);
  if (problems.length) return { ok: false, problems };
  return { ok: true, normalized: groups.join('-'), problems: [] };
}

/**
 * Checks a recovery password while it is being typed: says nothing is wrong (`incomplete`) as long as the
 * input is the start of some valid key, and names the problem as soon as it is certain (`invalid`).
 *
 * Rules on top of {@link checkRecoveryKey}'s: a group closed by a separator must have 6 digits; an open
 * group (the last one, no separator after it) may have 1–6; without separators every 6 digits close a
 * group; a 9th group or a 49th digit is too many; a complete group is checked for its value at once, and
 * an open group as soon as no way of finishing it can give a valid group ({@link partialGroupProblem}).
 * A separator after the 8th group is allowed.
 *
 * @param input the text typed so far
 * @returns state, problems (only for `invalid`), the normalised key (only for `complete`), digits typed
 *   and complete groups. Never throws.
 */
export function checkRecoveryKeyPrefix(input: string): RecoveryKeyPrefixCheck {
  const t = tokenize(typeof input === 'string' ? input : '');
  if (t.bad) return { state: 'invalid', problems: [{ code: 'invalidCharacter', position: t.bad.position, character: t.bad.character }], digits: 0, groupsComplete: 0 };
  const digits = t.groups.reduce((n, g) => n + g.length, 0);
  if (t.groups.length === 0) return { state: 'empty', problems: [], digits: 0, groupsComplete: 0 };

  // Groups as they stand: closed ones must be complete; the open one (if any) is the last.
  let closed: string[];
  let open: string | undefined;
  const problems: RecoveryKeyProblem[] = [];
  if (!t.separated) {
    const all = splitSixes(t.groups[0] ?? '');
    const last = all[all.length - 1] ?? '';
    if (last.length < RECOVERY_KEY_GROUP_DIGITS && !t.trailingSeparator) {
      open = last;
      closed = all.slice(0, -1);
    } else closed = all;
    if (digits > RECOVERY_KEY_DIGITS) problems.push({ code: 'tooManyDigits', digits });
    else if (t.trailingSeparator && last.length < RECOVERY_KEY_GROUP_DIGITS) problems.push({ code: 'groupLength', group: all.length, digits: last.length });
  } else {
    closed = t.trailingSeparator ? t.groups.slice() : t.groups.slice(0, -1);
    open = t.trailingSeparator ? undefined : t.groups[t.groups.length - 1];
    closed.forEach((g, i) => {
      if (g.length !== RECOVERY_KEY_GROUP_DIGITS) problems.push({ code: 'groupLength', group: i + 1, digits: g.length });
    });
    if (open !== undefined && open.length > RECOVERY_KEY_GROUP_DIGITS) problems.push({ code: 'groupLength', group: t.groups.length, digits: open.length });
    if (t.groups.length > RECOVERY_KEY_GROUPS) problems.push({ code: 'groupCount', groups: t.groups.length });
  }
  if (open !== undefined && open.length === RECOVERY_KEY_GROUP_DIGITS) {
    closed = [...closed, open];
    open = undefined;
  }
  const groupsComplete = closed.filter((g) => g.length === RECOVERY_KEY_GROUP_DIGITS).length;
  if (problems.length) return { state: 'invalid', problems, digits, groupsComplete };

  problems.push(...valueProblems(closed));
  if (open !== undefined) {
    const p = partialGroupProblem(open, closed.length + 1);
    if (p) problems.push(p);
  }
  if (problems.length) return { state: 'invalid', problems, digits, groupsComplete };
  if (closed.length === RECOVERY_KEY_GROUPS && open === undefined) {
    return { state: 'complete', problems: [], normalized: closed.join('-'), digits, groupsComplete };
  }
  return { state: 'incomplete', problems: [], digits, groupsComplete };
}

/**
 * The normalised key (`dddddd-…-dddddd`, 55 characters) when `input` is a valid recovery password, else
 * undefined. Shorthand for {@link checkRecoveryKey}.
 */
export function normalizeRecoveryKey(input: string): string | undefined {
  const r = checkRecoveryKey(input);
  return r.ok ? r.normalized : undefined;
}
