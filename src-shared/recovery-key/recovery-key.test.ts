/**
 * Recovery password rules, exhaustively: every value of a group in every position, every prefix of every
 * real key, every single wrong digit and every swap of adjacent digits of every real key, every partly typed
 * group, and the real keys of cryptsetup's BitLocker test images (../shared/testdata/bitlk/images.conf).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  RECOVERY_KEY_PROBLEM_CODES,
  RECOVERY_KEY_TEXTS_EN,
  RECOVERY_KEY_TEXTS_NL,
  checkRecoveryKey,
  checkRecoveryKeyPrefix,
  describeRecoveryKeyProblem,
  normalizeRecoveryKey,
  partialGroupProblem,
  recoveryKeyMessage,
  recoveryKeyResources,
  type RecoveryKeyProblem,
} from './index.ts';

const MS_EXAMPLE = '238810-662376-448998-450120-652806-203390-606320-483076';
const IMAGES_CONF = fileURLToPath(new URL('../../../shared/testdata/bitlk/images.conf', import.meta.url));

/** `RP=` / `RP2=` values of images.conf (empty ones skipped), or undefined when the file is absent. */
function realKeys(): string[] | undefined {
  let text: string;
  try {
    text = readFileSync(IMAGES_CONF, 'utf8');
  } catch {
    return undefined;
  }
  return [...text.matchAll(/^RP2?=(.+)$/gm)].map((m) => m[1]!.trim()).filter((k) => k !== '');
}

const KEYS = realKeys();
const ALL_KEYS = [MS_EXAMPLE, ...(KEYS ?? [])];

function problems(input: string): RecoveryKeyProblem[] {
  const r = checkRecoveryKey(input);
  return r.ok ? [] : [...r.problems];
}

test('every real key of the BitLocker test images is valid and normalises to itself', (t) => {
  if (!KEYS) {
    t.skip(`skipped: ${IMAGES_CONF} is absent (the shared test data is not beside this clone)`);
    console.log(`# skipped real keys: ${IMAGES_CONF} is absent`);
    return;
  }
  assert.ok(KEYS.length >= 21, `images.conf holds at least 21 recovery passwords (found ${KEYS.length})`);
  for (const key of KEYS) {
    assert.match(key, /^\d{6}(-\d{6}){7}$/);
    assert.deepEqual(checkRecoveryKey(key), { ok: true, normalized: key, problems: [] }, key);
    assert.equal(checkRecoveryKeyPrefix(key).state, 'complete');
  }
});

test("Microsoft's documented example passes", () => {
  assert.equal(normalizeRecoveryKey(MS_EXAMPLE), MS_EXAMPLE);
});

test('accepts dashes, spaces, no separators, Unicode dashes, no-break spaces, line breaks and surrounding blanks', () => {
  for (const key of ALL_KEYS) {
    const groups = key.split('-');
    const forms = [
      groups.join(' '),
      groups.join(''),
      groups.join(' - '),
      groups.join('\u2013'),
      groups.join('\u2212'),
      groups.join('\u00a0'),
      groups.slice(0, 4).join('-') + '\n' + groups.slice(4).join('-'),
      `  ${key}\t\n`,
      `-${key}-`,
      groups.join('--'),
    ];
    for (const f of forms) assert.equal(normalizeRecoveryKey(f), key, JSON.stringify(f));
  }
});

test('every value of a group in every position: valid exactly when below 720896 and divisible by 11 (all 10^6 values)', () => {
  const base = MS_EXAMPLE.split('-');
  let valid = 0;
  for (let v = 0; v < 1_000_000; v++) {
    const g = v % 8;
    const groups = base.slice();
    groups[g] = String(v).padStart(6, '0');
    const key = groups.join('-');
    const r = checkRecoveryKey(key);
    const expected: RecoveryKeyProblem[] = v >= 720896 ? [{ code: 'groupTooLarge', group: g + 1 }] : v % 11 !== 0 ? [{ code: 'groupNotDivisibleBy11', group: g + 1 }] : [];
    if (expected.length === 0) {
      valid++;
      if (!r.ok || r.normalized !== key) assert.fail(`${v} in group ${g + 1} should be valid`);
    } else if (r.ok || r.problems.length !== 1 || r.problems[0]!.code !== expected[0]!.code || r.problems[0]!.group !== g + 1) {
      assert.fail(`${v} in group ${g + 1}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(r)}`);
    }
  }
  assert.equal(valid, 65536, 'exactly 65536 valid group values (0, 11, …, 720885)');
});

test('every single wrong digit and every swap of adjacent different digits of every key is caught in its group', () => {
  for (const key of ALL_KEYS) {
    const digits = key.replace(/-/g, '');
    for (let i = 0; i < 48; i++) {
      for (const d of '0123456789') {
        if (d === digits[i]) continue;
        const changed = digits.slice(0, i) + d + digits.slice(i + 1);
        const p = problems(changed);
        assert.equal(p.length, 1, `${i}:${d}`);
        assert.equal(p[0]!.group, Math.floor(i / 6) + 1);
        assert.ok(p[0]!.code === 'groupNotDivisibleBy11' || p[0]!.code === 'groupTooLarge');
      }
      if (i < 47 && digits[i] !== digits[i + 1]) {
        const swapped = digits.slice(0, i) + digits[i + 1] + digits[i] + digits.slice(i + 2);
        const p = problems(swapped);
        assert.ok(p.length >= 1, `swap at ${i} of ${key} is caught`);
        assert.equal(p[0]!.group, Math.floor(i / 6) + 1);
      }
    }
  }
});

test('length and grouping problems are named exactly', () => {
  const groups = MS_EXAMPLE.split('-');
  assert.deepEqual(problems(''), [{ code: 'empty' }]);
  assert.deepEqual(problems(' - \t'), [{ code: 'empty' }]);
  assert.deepEqual(problems(groups.join('').slice(0, 47)), [{ code: 'tooFewDigits', digits: 47 }]);
  assert.deepEqual(problems(groups.join('') + '0'), [{ code: 'tooManyDigits', digits: 49 }]);
  assert.deepEqual(problems('1'), [{ code: 'tooFewDigits', digits: 1 }]);
  const short3 = groups.slice();
  short3[2] = short3[2]!.slice(0, 5);
  assert.deepEqual(problems(short3.join('-')), [{ code: 'groupLength', group: 3, digits: 5 }]);
  const long8 = groups.slice();
  long8[7] = long8[7]! + '1';
  assert.deepEqual(problems(long8.join(' ')), [{ code: 'groupLength', group: 8, digits: 7 }]);
  assert.deepEqual(problems(groups.slice(0, 7).join('-')), [{ code: 'groupCount', groups: 7 }]);
  assert.deepEqual(problems([...groups, '000000'].join('-')), [{ code: 'groupCount', groups: 9 }]);
  assert.deepEqual(problems(groups.slice(0, 3).join('-') + '-12'), [{ code: 'groupLength', group: 4, digits: 2 }, { code: 'groupCount', groups: 4 }]);
  assert.deepEqual(problems(MS_EXAMPLE.replace('662376', '66237O')), [{ code: 'invalidCharacter', position: 13, character: 'O' }]);
  assert.deepEqual(problems(MS_EXAMPLE.replace('-', '_')), [{ code: 'invalidCharacter', position: 7, character: '_' }]);
  assert.deepEqual(problems('\u0007' + MS_EXAMPLE), [{ code: 'invalidCharacter', position: 1, character: 'U+0007' }]);
  assert.deepEqual(problems('\u{1F511}' + MS_EXAMPLE), [{ code: 'invalidCharacter', position: 1, character: '\u{1F511}' }]);
  // Several failing groups are all listed, in order.
  const bad = groups.slice();
  bad[1] = '999999';
  bad[4] = '000001';
  bad[6] = '720896';
  assert.deepEqual(problems(bad.join('-')), [
    { code: 'groupTooLarge', group: 2 },
    { code: 'groupNotDivisibleBy11', group: 5 },
    { code: 'groupTooLarge', group: 7 },
  ]);
  assert.deepEqual(problems(groups.slice(0, 7).join('-') + '-720885'), []);
  // Non-strings never throw.
  assert.deepEqual(problems(undefined as unknown as string), [{ code: 'empty' }]);
});

test('while typing: every prefix of every key, in every form, is fine until it is complete', () => {
  for (const key of ALL_KEYS) {
    for (const form of [key, key.replace(/-/g, ' '), key.replace(/-/g, ''), key.replace(/-/g, ' - ')]) {
      const chars = [...form];
      for (let n = 0; n <= chars.length; n++) {
        const typed = chars.slice(0, n).join('');
        const r = checkRecoveryKeyPrefix(typed);
        const digits = typed.replace(/\D/g, '').length;
        if (digits === 0) assert.equal(r.state, 'empty', JSON.stringify(typed));
        else if (digits < 48) {
          assert.equal(r.state, 'incomplete', JSON.stringify(typed));
          assert.deepEqual(r.problems, []);
          assert.equal(r.digits, digits);
          assert.equal(r.groupsComplete, Math.floor(digits / 6));
        } else {
          assert.equal(r.state, 'complete', JSON.stringify(typed));
          assert.equal(r.normalized, key);
        }
      }
    }
    assert.equal(checkRecoveryKeyPrefix(key + '-').state, 'complete', 'a separator after the 8th group is allowed');
  }
});

test('while typing: problems are named as soon as they are certain', () => {
  const p = (s: string) => checkRecoveryKeyPrefix(s);
  assert.deepEqual(p('8').problems, [{ code: 'partialGroupTooLarge', group: 1 }]);
  assert.deepEqual(p('238810-9').problems, [{ code: 'partialGroupTooLarge', group: 2 }]);
  assert.deepEqual(p('73').problems, [{ code: 'partialGroupTooLarge', group: 1 }]);
  assert.equal(p('72').state, 'incomplete', '720000…720895 holds multiples of 11');
  assert.deepEqual(p('72089').problems, [{ code: 'partialGroupNotDivisibleBy11', group: 1 }], '720890…720895 holds none');
  assert.deepEqual(p('238810-66237').state, 'incomplete');
  assert.deepEqual(p('238811').problems, [{ code: 'groupNotDivisibleBy11', group: 1 }]);
  assert.deepEqual(p('2388116').problems, [{ code: 'groupNotDivisibleBy11', group: 1 }], 'without separators the group closes after 6 digits');
  assert.deepEqual(p('2388-').problems, [{ code: 'groupLength', group: 1, digits: 4 }]);
  assert.deepEqual(p('2388 1').problems, [{ code: 'groupLength', group: 1, digits: 4 }]);
  assert.deepEqual(p('238810-6623761').problems, [{ code: 'groupLength', group: 2, digits: 7 }]);
  assert.deepEqual(p('2388x').problems, [{ code: 'invalidCharacter', position: 5, character: 'x' }]);
  assert.deepEqual(p(MS_EXAMPLE.replace(/-/g, '') + '1').problems, [{ code: 'tooManyDigits', digits: 49 }]);
  assert.deepEqual(p(MS_EXAMPLE + '-1').problems, [{ code: 'groupCount', groups: 9 }]);
  assert.equal(p('').state, 'empty');
  assert.equal(p('  -').state, 'empty');
  const r = p('238810-662376-');
  assert.equal(r.state, 'incomplete');
  assert.equal(r.groupsComplete, 2);
});

test('a partly typed group is flagged exactly when no way of finishing it gives a valid group (all 111110 prefixes)', () => {
  const valid = new Uint8Array(1_000_000);
  for (let v = 0; v < 720896; v += 11) valid[v] = 1;
  for (let len = 1; len <= 5; len++) {
    const scale = 10 ** (6 - len);
    for (let prefix = 0; prefix < 10 ** len; prefix++) {
      const digits = String(prefix).padStart(len, '0');
      let possible = false;
      for (let c = prefix * scale; c < (prefix + 1) * scale; c++) {
        if (valid[c]) {
          possible = true;
          break;
        }
      }
      const problem = partialGroupProblem(digits, 3);
      if (possible !== (problem === undefined)) assert.fail(`${digits}: possible=${possible}, problem=${JSON.stringify(problem)}`);
      if (problem) {
        assert.equal(problem.code, prefix * scale >= 720896 ? 'partialGroupTooLarge' : 'partialGroupNotDivisibleBy11');
        assert.equal(problem.group, 3);
        const typed = checkRecoveryKeyPrefix('238810-662376-' + digits);
        assert.deepEqual(typed.problems, [problem]);
      }
    }
  }
});

test('texts: every code in English and Dutch, numbers filled in, never a digit of the key', () => {
  for (const code of RECOVERY_KEY_PROBLEM_CODES) {
    for (const table of [RECOVERY_KEY_TEXTS_EN, RECOVERY_KEY_TEXTS_NL]) {
      const t = table[code];
      assert.ok(t && t.title && t.explanation && t.nextStep, code);
    }
    assert.notEqual(RECOVERY_KEY_TEXTS_EN[code].explanation, RECOVERY_KEY_TEXTS_NL[code].explanation, code);
    const problem: RecoveryKeyProblem = { code, group: 3, digits: 5, groups: 7, position: 9, character: 'O' };
    for (const lang of ['en', 'nl'] as const) {
      const d = describeRecoveryKeyProblem(problem, lang);
      assert.doesNotMatch(d.title + d.explanation + d.nextStep, /\{\{/, `${code} ${lang}: all placeholders filled`);
    }
  }
  assert.match(describeRecoveryKeyProblem({ code: 'groupNotDivisibleBy11', group: 4 }).title, /Group 4/);
  assert.match(describeRecoveryKeyProblem({ code: 'groupNotDivisibleBy11', group: 4 }, 'nl').title, /Groep 4/);
  assert.match(describeRecoveryKeyProblem({ code: 'tooFewDigits', digits: 47 }, 'nl').title, /47 cijfers/);
  assert.equal(describeRecoveryKeyProblem({ code: 'empty' }, 'fr' as 'en').title, RECOVERY_KEY_TEXTS_EN.empty.title);
  const resources = recoveryKeyResources('nl');
  assert.equal(resources.groupTooLarge.title, 'Groep {{group}} is te groot');
  resources.groupTooLarge.title = 'changed';
  assert.equal(recoveryKeyResources('nl').groupTooLarge.title, 'Groep {{group}} is te groot', 'a fresh copy each time');

  const wrong = MS_EXAMPLE.replace('450120', '450121');
  const message = recoveryKeyMessage(checkRecoveryKey(wrong));
  assert.match(message, /^Group 4 is not a valid group\. .*multiple of 11.*Azure portal/);
  for (const g of wrong.split('-')) assert.ok(!message.includes(g), 'no group of the key in the message');
  assert.equal(recoveryKeyMessage(checkRecoveryKey(MS_EXAMPLE)), '');
  assert.match(recoveryKeyMessage(checkRecoveryKeyPrefix('9'), 'nl'), /^Groep 1 wordt te groot\./);
});
