// Tests of the drive-path safety rules (copy-log / manifest FilePath). Every rule of parseDrivePath has
// rows below; the property tests check that nothing accepted can leave the target directory.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  MAX_DRIVE_PATH_LENGTH,
  MAX_DRIVE_SEGMENT_LENGTH,
  isReservedDeviceName,
  parseDrivePath,
  toDriveRelativePath,
} from './index.ts';

type Refusal = [input: string, statusCode: 'FileNameInvalid' | 'FileNameTooLong', reasonPattern: RegExp];

const ok = (input: string, segments: string[]): [string, string[]] => [input, segments];
const bad = (input: string, reasonPattern: RegExp): Refusal => [input, 'FileNameInvalid', reasonPattern];
const long = (input: string, reasonPattern: RegExp): Refusal => [input, 'FileNameTooLong', reasonPattern];

const ACCEPTED: [string, string[]][] = [
  // Samples of seed 000 and formats.md
  ok('\\pictures\\wild\\desert.jpg', ['pictures', 'wild', 'desert.jpg']),
  ok('\\Users\\bob\\Pictures\\wild\\desert.jpg', ['Users', 'bob', 'Pictures', 'wild', 'desert.jpg']),
  ok('\\animals\\koala.jpg', ['animals', 'koala.jpg']),
  ok('\\Users\\bob\\Pictures\\animals\\koala.jpg.properties', ['Users', 'bob', 'Pictures', 'animals', 'koala.jpg.properties']),
  ok('\\PageBlob\\pageblob test\\private.vhd', ['PageBlob', 'pageblob test', 'private.vhd']),
  // Separators
  ok('/pictures/wild/desert.jpg', ['pictures', 'wild', 'desert.jpg']),
  ok('\\a/b\\c', ['a', 'b', 'c']),
  ok('pictures\\wild\\desert.jpg', ['pictures', 'wild', 'desert.jpg']),
  ok('desert.jpg', ['desert.jpg']),
  ok('\\x', ['x']),
  // Dots that are not traversal
  ok('\\.hidden', ['.hidden']),
  ok('\\..a', ['..a']),
  ok('\\a..b', ['a..b']),
  ok('\\.a.b', ['.a.b']),
  ok('\\dir.d\\file.tar.gz', ['dir.d', 'file.tar.gz']),
  ok('\\..%2f', ['..%2f']), // a literal name on disk, never decoded
  ok('\\%2e%2e\\x', ['%2e%2e', 'x']),
  ok('\\\u2024\u2024\\x', ['\u2024\u2024', 'x']), // ONE DOT LEADER: a plain character for NTFS
  // Spaces that Windows keeps
  ok('\\ leading space', [' leading space']),
  ok('\\a b\\c d.txt', ['a b', 'c d.txt']),
  // Characters NTFS allows
  ok("\\a+b=c&d;e,f'g!h@i#j$k%l^m(n)o[p]q{r}s~t`u", ["a+b=c&d;e,f'g!h@i#j$k%l^m(n)o[p]q{r}s~t`u"]),
  ok('\\file~1.txt', ['file~1.txt']),
  ok('\\tab\u007fdel', ['tab\u007fdel']),
  ok('\\名前\\ファイル.txt', ['名前', 'ファイル.txt']),
  ok('\\Ünïcödé\\naïve café.doc', ['Ünïcödé', 'naïve café.doc']),
  ok('\\emoji\\\u{1F600}.png', ['emoji', '\u{1F600}.png']),
  // Names close to device names that are not reserved
  ok('\\COM0', ['COM0']),
  ok('\\LPT0.txt', ['LPT0.txt']),
  ok('\\COM10', ['COM10']),
  ok('\\LPT10.log', ['LPT10.log']),
  ok('\\CON1', ['CON1']),
  ok('\\CONSOLE', ['CONSOLE']),
  ok('\\NULL', ['NULL']),
  ok('\\AUXX.txt', ['AUXX.txt']),
  ok('\\xCON', ['xCON']),
  ok('\\CONIN', ['CONIN']),
  ok('\\CONOUT$x', ['CONOUT$x']),
  ok('\\COM\u00b90', ['COM\u00b90']),
  ok('\\COM\u2074', ['COM\u2074']), // superscript four is not a port
  ok('\\my-con.txt', ['my-con.txt']),
  ok('\\con_backup', ['con_backup']),
  ok('\\docs\\prn-report.pdf', ['docs', 'prn-report.pdf']),
  // Lengths at the limits
  ok('\\' + 'x'.repeat(255), ['x'.repeat(255)]),
  ok('\\' + '\u{1F600}'.repeat(127) + 'x', ['\u{1F600}'.repeat(127) + 'x']),
];

const RESERVED_BASES = [
  'CON',
  'PRN',
  'AUX',
  'NUL',
  ...[1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => `COM${n}`),
  ...[1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => `LPT${n}`),
  'COM\u00b9',
  'COM\u00b2',
  'COM\u00b3',
  'LPT\u00b9',
  'LPT\u00b2',
  'LPT\u00b3',
  'CONIN$',
  'CONOUT$',
];

const reservedRows: Refusal[] = RESERVED_BASES.flatMap((name) => {
  const lower = name.toLowerCase();
  const mixed = name[0] + name.slice(1).toLowerCase();
  const device = /reserved Windows device name/;
  return [
    bad(`\\${name}`, device),
    bad(`\\${lower}`, device),
    bad(`\\${mixed}`, device),
    bad(`\\${name}.txt`, device),
    bad(`\\${lower}.tar.gz`, device),
    bad(`\\${name} .txt`, device),
    bad(`\\${name}.`, /ends with a period/),
    bad(`\\${name} `, /ends with a space/),
    bad(`\\dir\\${name}\\file.txt`, device),
    bad(`/${lower}/x`, device),
    bad(`${name}`, device),
  ];
});

const controlRows: Refusal[] = Array.from({ length: 0x20 }, (_, c) =>
  bad(`\\dir\\a${String.fromCharCode(c)}b.txt`, new RegExp(`control character U\\+${c.toString(16).toUpperCase().padStart(4, '0')}`)),
);

const reservedCharRows: Refusal[] = ['<', '>', '"', '|', '?', '*'].flatMap((ch) => [
  bad(`\\dir\\a${ch}b.txt`, /character .* which Windows does not allow/),
  bad(`\\a${ch}\\b.txt`, /which Windows does not allow/),
]);

const REFUSED: Refusal[] = [
  // Empty
  bad('', /empty/),
  bad('\\', /only the root/),
  bad('/', /only the root/),
  bad('\\a\\\\b', /empty part \(part 2 of 3\)/),
  bad('\\a//b', /empty part/),
  bad('\\a\\', /ends with a separator/),
  bad('a\\', /ends with a separator/),
  bad('\\a\\b/', /ends with a separator/),
  // Traversal, every spelling
  bad('..', /"\.\."/),
  bad('.', /"\."/),
  bad('\\..', /"\.\."/),
  bad('\\.', /"\."/),
  bad('\\..\\', /"\.\."/),
  bad('\\..\\x', /"\.\.".*outside/),
  bad('/../x', /"\.\."/),
  bad('../x', /"\.\."/),
  bad('..\\x', /"\.\."/),
  bad('\\a\\..\\..\\x', /"\.\." \(part 2 of 4\)/),
  bad('\\a/../b', /"\.\."/),
  bad('\\a\\..', /"\.\."/),
  bad('\\a\\.\\b', /"\." \(part 2 of 3\)/),
  bad('\\a\\.', /"\."/),
  bad('./x', /"\."/),
  bad('\\a\\..\\/x', /"\.\."/),
  bad('\\...', /ends with a period/),
  bad('\\...\\x', /ends with a period/),
  bad('\\.. \\x', /ends with a space/),
  bad('\\. \\x', /ends with a space/),
  bad('\\..\u0000\\x', /control character U\+0000/),
  bad('\\..:x', /":"/),
  // Drive letters
  bad('C:\\x', /drive letter "C:"/),
  bad('c:/x', /drive letter "c:"/),
  bad('C:x', /drive letter/),
  bad('C:', /drive letter/),
  bad('Z:\\', /drive letter/),
  bad('\\C:\\x', /drive letter/),
  bad('\\a\\C:x', /drive letter/),
  // UNC
  bad('\\\\server\\share\\x', /network \(UNC\) path/),
  bad('//server/share/x', /network \(UNC\) path/),
  bad('\\/server\\share', /network \(UNC\) path/),
  bad('/\\server/share', /network \(UNC\) path/),
  bad('\\\\', /network \(UNC\) path/),
  bad('\\\\\\x', /network \(UNC\) path/),
  // Device and object namespaces
  bad('\\\\?\\C:\\x', /device path/),
  bad('\\\\.\\PhysicalDrive0', /device path/),
  bad('\\\\.\\C:', /device path/),
  bad('//?/C:/x', /device path/),
  bad('//./pipe/x', /device path/),
  bad('\\\\?\\UNC\\server\\share\\x', /device path/),
  bad('\\\\?', /device path/),
  bad('\\\\.', /device path/),
  bad('\\??\\C:\\x', /object path/),
  bad('/??/C:/x', /object path/),
  // Alternate data streams
  bad('\\file.txt:stream', /alternate data stream/),
  bad('\\file.txt::$DATA', /alternate data stream/),
  bad('\\file.txt:stream:$DATA', /alternate data stream/),
  bad('\\dir:stream\\file', /alternate data stream/),
  bad('\\a:', /drive letter/), // a one-letter name with a colon reads as a drive
  bad('\\ab:', /alternate data stream/),
  bad('\\:x', /alternate data stream/),
  // Trailing dots and spaces
  bad('\\a.', /ends with a period/),
  bad('\\a ', /ends with a space/),
  bad('\\dir.\\x', /ends with a period/),
  bad('\\dir \\x', /ends with a space/),
  bad('\\a. .', /ends with a period/),
  bad('\\a . ', /ends with a space/),
  bad('\\ ', /ends with a space/),
  bad('\\   \\x', /ends with a space/),
  bad('\\file.txt.', /ends with a period/),
  // Broken Unicode
  bad('\\a\ud800', /broken Unicode character \(U\+D800/),
  bad('\\\udc00b', /broken Unicode character \(U\+DC00/),
  bad('\\a\ud83d\ud83db', /broken Unicode/),
  // Lengths
  long('\\' + 'x'.repeat(256), /256 characters long.*at most 255/),
  long('\\dir\\' + 'y'.repeat(1000) + '.txt', /1004 characters long/),
  long('\\' + '\u{1F600}'.repeat(128), /256 characters long/),
  long('\\' + Array.from({ length: 129 }, () => 'z'.repeat(254)).join('\\'), /at most 32767/),
  // Invalid wins over too long
  bad('\\' + 'x'.repeat(300) + '\\..', /"\.\."/),
  bad('\\' + 'x'.repeat(300) + '\\NUL', /device name/),
  ...reservedRows,
  ...controlRows,
  ...reservedCharRows,
];

describe('parseDrivePath: accepted paths', () => {
  for (const [input, segments] of ACCEPTED) {
    test(`accepts ${JSON.stringify(input.length > 60 ? input.slice(0, 60) + '…' : input)}`, () => {
      assert.deepEqual(parseDrivePath(input), { ok: true, segments });
    });
  }

  test('a path of exactly 32767 characters is accepted, one more is not', () => {
    // \ + 128 × (255 chars) + 127 separators = 1 + 32640 + 127 = 32768 → one too many; shorten the last name by one.
    const names = Array.from({ length: 128 }, () => 'n'.repeat(255));
    names[127] = 'n'.repeat(254);
    const exact = toDriveRelativePath(names);
    assert.equal(exact.length, MAX_DRIVE_PATH_LENGTH);
    assert.equal(parseDrivePath(exact).ok, true);
    names[127] = 'n'.repeat(255);
    const over = toDriveRelativePath(names);
    assert.equal(over.length, MAX_DRIVE_PATH_LENGTH + 1);
    const r = parseDrivePath(over);
    assert.equal(r.ok, false);
    assert.equal(!r.ok && r.statusCode, 'FileNameTooLong');
  });
});

describe('parseDrivePath: refused paths', () => {
  for (const [input, statusCode, reasonPattern] of REFUSED) {
    const label = JSON.stringify(input.length > 60 ? input.slice(0, 60) + '…' : input);
    test(`refuses ${label} (${statusCode})`, () => {
      const r = parseDrivePath(input);
      assert.equal(r.ok, false, `accepted: ${JSON.stringify(r)}`);
      if (r.ok) return;
      assert.equal(r.statusCode, statusCode, r.reason);
      assert.match(r.reason, reasonPattern);
      assert.doesNotMatch(r.reason, /[\u0000-\u001f]/, 'reason must not carry raw control characters');
      assert.ok(r.reason.length < 400, 'reason stays one readable sentence');
      assert.deepEqual(Object.keys(r).sort(), ['ok', 'reason', 'statusCode']);
    });
  }

  test('the table covers every reserved name and every control character', () => {
    assert.equal(RESERVED_BASES.length, 4 + 9 + 9 + 6 + 2);
    assert.equal(controlRows.length, 32);
  });

  test('non-string input is refused, not thrown', () => {
    for (const value of [undefined, null, 42, {}, ['\\a']]) {
      const r = parseDrivePath(value as unknown as string);
      assert.equal(r.ok, false);
      assert.equal(!r.ok && r.statusCode, 'FileNameInvalid');
    }
  });

  test('the reason names the offending segment', () => {
    const r = parseDrivePath('\\photos\\2019\\aux.jpg');
    assert.equal(r.ok, false);
    assert.match(!r.ok ? r.reason : '', /"aux\.jpg" \(part 3 of 3\)/);
  });

  test('limits are the documented ones', () => {
    assert.equal(MAX_DRIVE_SEGMENT_LENGTH, 255);
    assert.equal(MAX_DRIVE_PATH_LENGTH, 32767);
  });
});

describe('isReservedDeviceName', () => {
  for (const name of RESERVED_BASES) {
    test(`${name} in every form`, () => {
      for (const form of [name, name.toLowerCase(), `${name}.txt`, `${name}.a.b`, `${name}  .txt`]) {
        assert.equal(isReservedDeviceName(form), true, form);
      }
    });
  }
  test('near misses are not reserved', () => {
    for (const name of ['COM0', 'LPT0', 'COM10', 'CONIN', 'CONSOLE', 'NULL', 'xNUL', 'NUL_', 'COM\u2074', 'COM', 'LPT', '', '.CON']) {
      assert.equal(isReservedDeviceName(name), false, name);
    }
  });
});

describe('toDriveRelativePath', () => {
  test('joins with backslashes under a leading backslash', () => {
    assert.equal(toDriveRelativePath(['a', 'b.txt']), '\\a\\b.txt');
    assert.equal(toDriveRelativePath(['x']), '\\x');
    assert.equal(toDriveRelativePath([]), '\\');
  });
  test('is the inverse of parseDrivePath for accepted paths', () => {
    for (const [input, segments] of ACCEPTED) {
      const again = parseDrivePath(toDriveRelativePath(segments));
      assert.deepEqual(again, { ok: true, segments }, input);
    }
  });
});

// ── Properties ────────────────────────────────────────────────────────────

/** A minimal POSIX normaliser (no Node import in src-shared): resolves `.` and `..`, drops empty parts. */
function normalizePosix(path: string): string {
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return '/' + out.join('/');
}

/** Windows normalisation of one component (what Win32 does to a non-\\?\ path): trailing dots and spaces go. */
const win32Trim = (segment: string) => segment.replace(/[. ]+$/, '');

// Characters that make paths interesting: separators, dots, colons, spaces, device-name letters, superscripts,
// reserved characters, control characters, surrogate halves, and (weighted up) ordinary letters.
const TRICKY = ['.', '.', ':', ' ', 'C', 'O', 'N', 'U', 'L', 'P', 'R', 'T', 'M', 'X', '1', '\u00b9', '$', '?', '*', '<', '"', '|', '\u0000', '\u001f', '\ud800', '\udc00', 'é', '~', '%', '2', 'e', 'f'];
const trickyChar = fc.oneof(
  { weight: 1, arbitrary: fc.constantFrom(...TRICKY) },
  { weight: 8, arbitrary: fc.constantFrom(...'abcdeoxyz'.split('')) },
  { weight: 1, arbitrary: fc.constantFrom('\\', '/', '..') },
);
const trickySegment = fc.array(trickyChar, { minLength: 1, maxLength: 8 }).map((chars) => chars.join(''));
const trickyPath = fc
  .tuple(fc.constantFrom('', '\\', '\\', '/', '\\\\', '//', 'C:', '\\\\?\\'), fc.array(fc.oneof({ weight: 9, arbitrary: trickySegment }, { weight: 1, arbitrary: fc.constantFrom('', '.', '..', '...', 'CON', 'nul.txt', 'COM\u00b9') }), { minLength: 1, maxLength: 6 }), fc.constantFrom('\\', '/'))
  .map(([prefix, segments, sep]) => prefix + segments.join(sep));
const anyPath = fc.oneof(
  { weight: 4, arbitrary: trickyPath },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 60 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 60 }) },
);

describe('parseDrivePath: properties', () => {
  test('accepted segments joined under a root never contain "..", ":" or separators and never leave the root', () => {
    fc.assert(
      fc.property(anyPath, (input) => {
        const r = parseDrivePath(input);
        if (!r.ok) return;
        assert.ok(r.segments.length > 0);
        for (const s of r.segments) {
          assert.notEqual(s, '..');
          assert.notEqual(s, '.');
          assert.ok(!s.includes(':'), s);
          assert.ok(!s.includes('/') && !s.includes('\\'), s);
          assert.ok(!/[\u0000-\u001f]/.test(s), s);
          assert.notEqual(win32Trim(s), '', s); // Windows would not shorten it to nothing or to ".."
          assert.ok(win32Trim(s) === s, s);
          assert.ok(!isReservedDeviceName(s), s);
          assert.ok(s.length <= MAX_DRIVE_SEGMENT_LENGTH);
        }
        const root = '/srv/repair-target';
        const joined = root + '/' + r.segments.join('/');
        assert.equal(normalizePosix(joined), joined);
        assert.ok(joined.startsWith(root + '/'));
        assert.ok(!joined.split('/').includes('..'));
        const winJoined = 'D:\\target\\' + r.segments.join('\\');
        assert.equal(winJoined.indexOf(':', 2), -1, 'no colon after the root drive letter');
        assert.deepEqual(parseDrivePath(toDriveRelativePath(r.segments)), r);
      }),
      { numRuns: 3000 },
    );
  });

  test('never throws and always returns a well-formed result', () => {
    fc.assert(
      fc.property(anyPath, (input) => {
        const r = parseDrivePath(input);
        if (r.ok) {
          assert.ok(Array.isArray(r.segments));
        } else {
          assert.ok(r.statusCode === 'FileNameInvalid' || r.statusCode === 'FileNameTooLong');
          assert.equal(typeof r.reason, 'string');
          assert.ok(r.reason.length > 0);
        }
      }),
      { numRuns: 2000 },
    );
  });

  test('paths built from safe names are accepted with every separator spelling and round-trip', () => {
    const safeChar = fc.constantFrom(...'abcxyzABC0123456789-_()[]{}+=,;!@#$%^&~\'é名'.split(''));
    const safeName = fc
      .array(safeChar, { minLength: 1, maxLength: 20 })
      .map((cs) => cs.join(''))
      .filter((s) => !isReservedDeviceName(s));
    const withDots = fc.tuple(safeName, fc.option(safeName, { nil: undefined })).map(([a, b]) => (b ? `${a}.${b}` : a));
    fc.assert(
      fc.property(
        fc.array(withDots, { minLength: 1, maxLength: 8 }),
        fc.constantFrom('\\', '/'),
        fc.boolean(),
        (segments, sep, leading) => {
          const input = (leading ? sep : '') + segments.join(sep);
          assert.deepEqual(parseDrivePath(input), { ok: true, segments });
          assert.deepEqual(parseDrivePath(toDriveRelativePath(segments)), { ok: true, segments });
        },
      ),
      { numRuns: 1000 },
    );
  });

  test('inserting a traversal segment anywhere is always refused', () => {
    const name = fc.stringMatching(/^[a-z]{1,8}$/);
    fc.assert(
      fc.property(
        fc.array(name, { maxLength: 5 }),
        fc.array(name, { maxLength: 5 }),
        fc.constantFrom('..', '.'),
        fc.constantFrom('\\', '/'),
        (before, after, dots, sep) => {
          const r = parseDrivePath(sep + [...before, dots, ...after].join(sep));
          assert.equal(r.ok, false);
          assert.equal(!r.ok && r.statusCode, 'FileNameInvalid');
        },
      ),
      { numRuns: 500 },
    );
  });
});
