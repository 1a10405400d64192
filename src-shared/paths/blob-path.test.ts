// Tests of the blob-path safety rules (copy-log / manifest BlobPath). The property tests build real URLs
// (the global WHATWG URL, as Node and browsers parse them) and check that nothing accepted can move the
// request to another host, account or container.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  MAX_BLOB_NAME_LENGTH,
  MAX_BLOB_NAME_SEGMENTS,
  SPECIAL_CONTAINER_NAMES,
  isValidContainerName,
  parseBlobPath,
  sameBlobPath,
} from './index.ts';

const ACCEPTED: [input: string, container: string, blobName: string][] = [
  // Samples of seed 000 and formats.md
  ['pictures/bob/wild/desert.jpg', 'pictures', 'bob/wild/desert.jpg'],
  ['pictures/animals/koala.jpg', 'pictures', 'animals/koala.jpg'],
  ['pictures/wild/canyon.jpg', 'pictures', 'wild/canyon.jpg'],
  ['databox-c2073fd1cc379d83e03d6b7acce23a6cf29d1eef/private.vhd', 'databox-c2073fd1cc379d83e03d6b7acce23a6cf29d1eef', 'private.vhd'],
  ['waimportexport/waies/myjob_9WM35C2V_20130921-034307-902_error.xml', 'waimportexport', 'waies/myjob_9WM35C2V_20130921-034307-902_error.xml'],
  // Special containers
  ['$root/file.txt', '$root', 'file.txt'],
  ['$web/index.html', '$web', 'index.html'],
  ['$web/css/site.css', '$web', 'css/site.css'],
  ['$logs/blob/2024/01/01/0000/000000.log', '$logs', 'blob/2024/01/01/0000/000000.log'],
  // Container names at the limits
  ['abc/x', 'abc', 'x'],
  ['a-b-c/x', 'a-b-c', 'x'],
  ['123/x', '123', 'x'],
  ['a1-2b/x', 'a1-2b', 'x'],
  ['c'.repeat(63) + '/x', 'c'.repeat(63), 'x'],
  // Blob names Azure allows and that are harmless once each segment is encoded
  ['container/a b c.txt', 'container', 'a b c.txt'],
  ['container/名前/ファイル.txt', 'container', '名前/ファイル.txt'],
  ['container/\u{1F600}.png', 'container', '\u{1F600}.png'],
  ['container/a:b', 'container', 'a:b'],
  // `?` and `#` are legal in blob names; the SDK encodes them per segment (%3F, %23)
  ['container/scans/scan?.tiff', 'container', 'scans/scan?.tiff'],
  ['container/a?sv=2020&sig=x', 'container', 'a?sv=2020&sig=x'],
  ['container/a#b', 'container', 'a#b'],
  ['container/?', 'container', '?'],
  ['container/2024-01-01T12:00:00Z.log', 'container', '2024-01-01T12:00:00Z.log'],
  ['container/https:/not-a-host', 'container', 'https:/not-a-host'],
  ["container/a+b&c=d'e;f,g!h@i$j(k)l*m~n", 'container', "a+b&c=d'e;f,g!h@i$j(k)l*m~n"],
  ['container/.hidden', 'container', '.hidden'],
  ['container/a..b', 'container', 'a..b'],
  ['container/..a/b..', 'container', '..a/b..'],
  ['container/...', 'container', '...'],
  ['container/%41%42', 'container', '%41%42'],
  ['container/100%', 'container', '100%'],
  ['container/%zz', 'container', '%zz'],
  ['container/ leading and trailing ', 'container', ' leading and trailing '],
  ['container/UPPER/Case', 'container', 'UPPER/Case'],
  ['container/a\u0080b', 'container', 'a\u0080b'],
  ['container/' + 'n'.repeat(1024), 'container', 'n'.repeat(1024)],
  ['container/' + Array.from({ length: 254 }, () => 's').join('/'), 'container', Array.from({ length: 254 }, () => 's').join('/')],
];

const REFUSED: [input: string, reasonPattern: RegExp][] = [
  // Empty and shape
  ['', /empty/],
  ['pictures', /no "\/"/],
  ['$root', /no "\/"/],
  ['container/', /ends with "\/"/],
  ['container/a/', /ends with "\/"/],
  ['container//x', /empty segment/],
  ['container/a//b', /empty segment/],
  ['/', /starts with "\/"/],
  // Host and scheme
  ['https://evil.example/container/x', /URL scheme \("https:"\)/],
  ['http://evil.example/x', /URL scheme/],
  ['HTTPS://evil/x', /URL scheme/],
  ['javascript:alert(1)/x', /URL scheme/],
  ['file:///etc/passwd', /URL scheme/],
  ['data:text/plain,hi', /URL scheme/],
  ['c:/x', /URL scheme/],
  ['mailto:x@y/z', /URL scheme/],
  ['//evil.example/container/x', /"\/\/".*another host/],
  ['///x', /"\/\/"/],
  ['/container/x', /starts with "\/"/],
  // Backslash
  ['container\\x', /backslash/],
  ['container/a\\b', /backslash/],
  ['container/a\\..\\..\\b', /backslash/],
  ['\\\\evil\\x', /backslash/],
  // Query and fragment
  // Percent-encoded separators, dots and friends, any case
  ['container/a%2fb', /"%2f"/],
  ['container/a%2Fb', /"%2F"/],
  ['container%2Fx/y', /"%2F"/],
  ['container/a%5cb', /"%5c"/],
  ['container/a%5Cb', /"%5C"/],
  ['container/%2e%2e/x', /"%2e"/],
  ['container/%2E%2E/x', /"%2E"/],
  ['container/.%2e/x', /"%2e"/],
  ['container/%2e/x', /"%2e"/],
  ['container/a%3fb', /"%3f"/],
  ['container/a%3Fb', /"%3F"/],
  ['container/a%23b', /"%23"/],
  ['container/%252e%252e/x', /"%25"/],
  ['container/a%25b', /"%25"/],
  ['container/a%00b', /"%00"/],
  ['container/a%0Ab', /"%0A"/],
  ['container/a%1fb', /"%1f"/],
  ['container/a%7Fb', /"%7F"/],
  // Traversal
  ['container/../x', /segment "\.\."/],
  ['container/..', /segment "\.\."/],
  ['container/a/../../x', /segment "\.\."/],
  ['container/./x', /segment "\."/],
  ['container/.', /segment "\."/],
  ['../container/x', /segment "\.\."/],
  ['./container/x', /segment "\."/],
  ['..', /segment "\.\."/],
  ['container/a/..', /segment "\.\."/],
  // Control characters
  ['container/a\nb', /control character U\+000A/],
  ['container/a\rb', /control character U\+000D/],
  ['container/a\tb', /control character U\+0009/],
  ['container/a\u0000b', /control character U\+0000/],
  ['container/a\u001fb', /control character U\+001F/],
  ['container/a\u007fb', /control character U\+007F/],
  ['contai\nner/x', /control character/],
  // Broken Unicode (cannot be URL-encoded)
  ['container/a\ud800', /broken Unicode/],
  ['container/\udc00b', /broken Unicode/],
  // Container names
  ['Pictures/x', /"Pictures" is not a valid container name/],
  ['ab/x', /"ab" is not a valid container name/],
  ['a/x', /not a valid container name/],
  ['c'.repeat(64) + '/x', /not a valid container name/],
  ['-abc/x', /not a valid container name/],
  ['abc-/x', /not a valid container name/],
  ['a--b/x', /not a valid container name/],
  ['a_b/x', /not a valid container name/],
  ['a.b/x', /not a valid container name/],
  ['a b/x', /not a valid container name/],
  ['$other/x', /not a valid container name/],
  ['$ROOT/x', /not a valid container name/],
  ['$/x', /not a valid container name/],
  ['cönt/x', /not a valid container name/],
  ['evil.example:443/x', /URL scheme|not a valid container/],
  ['user@evil/x', /not a valid container name/],
  // Dot segments with spaces around the dots: a URL parser strips the spaces at the end of a URL
  ['aaa/.. ', /segment "\.\. "/],
  ['container/a/. ', /segment "\. "/],
  ['container/ ../x', /segment " \.\."/],
  ['pictures/..#', /segment "\.\.#"/],
  ['pictures/a/.?x=1', /segment "\.\?x=1"/],
  // Root container
  ['$root/a/b', /root container/],
  // Lengths
  ['container/' + 'n'.repeat(1025), /1025 characters long.*at most 1024/],
  ['container/' + Array.from({ length: 255 }, () => 's').join('/'), /255 "\/"-separated parts.*at most 254/],
];

describe('parseBlobPath: accepted paths', () => {
  for (const [input, container, blobName] of ACCEPTED) {
    test(`accepts ${JSON.stringify(input.length > 60 ? input.slice(0, 60) + '…' : input)}`, () => {
      assert.deepEqual(parseBlobPath(input), { ok: true, container, blobName });
    });
  }
});

describe('parseBlobPath: refused paths', () => {
  for (const [input, reasonPattern] of REFUSED) {
    test(`refuses ${JSON.stringify(input.length > 60 ? input.slice(0, 60) + '…' : input)}`, () => {
      const r = parseBlobPath(input);
      assert.equal(r.ok, false, `accepted: ${JSON.stringify(r)}`);
      if (r.ok) return;
      assert.match(r.reason, reasonPattern);
      assert.doesNotMatch(r.reason, /[\u0000-\u001f]/, 'reason must not carry raw control characters');
      assert.ok(r.reason.length < 400);
      assert.deepEqual(Object.keys(r).sort(), ['ok', 'reason']);
    });
  }

  test('non-string input is refused, not thrown', () => {
    for (const value of [undefined, null, 42, {}, ['a/b']]) {
      assert.equal(parseBlobPath(value as unknown as string).ok, false);
    }
  });

  test('limits are the documented ones', () => {
    assert.equal(MAX_BLOB_NAME_LENGTH, 1024);
    assert.equal(MAX_BLOB_NAME_SEGMENTS, 254);
    assert.deepEqual([...SPECIAL_CONTAINER_NAMES], ['$root', '$web', '$logs']);
  });
});

describe('isValidContainerName', () => {
  test('valid names', () => {
    for (const name of ['abc', 'a-b', '0a0', 'waimportexport', 'c'.repeat(63), '$root', '$web', '$logs']) {
      assert.equal(isValidContainerName(name), true, name);
    }
  });
  test('invalid names', () => {
    for (const name of ['', 'ab', 'ABC', 'a--b', '-ab', 'ab-', 'a_b', 'a.b', 'c'.repeat(64), '$Root', '$root ', ' abc', 'abc/', undefined as unknown as string]) {
      assert.equal(isValidContainerName(name), false, String(name));
    }
  });
});

describe('sameBlobPath', () => {
  test('same container and blob name', () => {
    assert.equal(sameBlobPath('pictures/a/b.jpg', 'pictures/a/b.jpg'), true);
    assert.equal(sameBlobPath('$root/x', '$root/x'), true);
  });
  test('blob names are case-sensitive; containers differ', () => {
    assert.equal(sameBlobPath('pictures/A.jpg', 'pictures/a.jpg'), false);
    assert.equal(sameBlobPath('pictures/a.jpg', 'photos/a.jpg'), false);
    assert.equal(sameBlobPath('pictures/a/b', 'pictures/a%2Fb'), false);
  });
  test('invalid paths are never the same, not even as themselves', () => {
    assert.equal(sameBlobPath('container/../x', 'container/../x'), false);
    assert.equal(sameBlobPath('', ''), false);
    assert.equal(sameBlobPath('pictures/a', 'Pictures/a'), false);
  });
});

// ── Properties ────────────────────────────────────────────────────────────

const HOST = 'acct.blob.core.windows.net';
const BASE = `https://${HOST}/`;

/** How @azure/storage-blob builds a blob URL: each "/"-separated part percent-encoded. */
const encodeBlobPath = (container: string, blobName: string) =>
  [container, ...blobName.split('/')].map((part) => encodeURIComponent(part)).join('/');

const validContainer = fc.oneof(
  fc.constantFrom('pictures', 'abc', 'a-b', 'waimportexport', '$root', '$web', '$logs'),
  fc.stringMatching(/^[a-z0-9]{1,6}(?:-[a-z0-9]{1,6}){0,3}$/).filter((s) => s.length >= 3),
);
const NAME_CHARS = ['a', 'b', 'Z', '0', '.', '.', '/', '/', '%', '2', 'e', 'f', 'F', '5', 'c', '?', '#', '\\', ':', '@', ' ', '+', '&', '=', ';', '~', 'é', '\u0000', '\n', '\ud800'];
const trickyName = fc.array(fc.constantFrom(...NAME_CHARS), { minLength: 0, maxLength: 30 }).map((cs) => cs.join(''));
const candidate = fc.oneof(
  { weight: 4, arbitrary: fc.tuple(validContainer, trickyName).map(([c, n]) => `${c}/${n}`) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('https:', 'http:', '', '/', '//', '.', '..', 'C:'), validContainer, trickyName).map(([p, c, n]) => `${p}${c}/${n}`) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
);

describe('parseBlobPath: properties', () => {
  test('accepted paths, encoded per segment, stay on the host, in the container, with every segment intact', () => {
    fc.assert(
      fc.property(candidate, (input) => {
        const r = parseBlobPath(input);
        if (!r.ok) return;
        const url = new URL(BASE + encodeBlobPath(r.container, r.blobName));
        assert.equal(url.host, HOST);
        assert.equal(url.protocol, 'https:');
        assert.equal(url.search, '');
        assert.equal(url.hash, '');
        const parts = url.pathname.slice(1).split('/').map((p) => decodeURIComponent(p));
        assert.deepEqual(parts, [r.container, ...r.blobName.split('/')]);
        assert.equal(`${r.container}/${r.blobName}`, input);
      }),
      { numRuns: Number(process.env.FC_RUNS ?? 3000) },
    );
  });

  test('accepted paths stay on the host and in the container even when concatenated without encoding', () => {
    // `?` and `#` are legal blob-name characters, so unencoded they may end the path early; they can
    // never change the host or the container, and dot segments never appear.
    fc.assert(
      fc.property(candidate, (input) => {
        const r = parseBlobPath(input);
        if (!r.ok) return;
        const url = new URL(BASE + input);
        assert.equal(url.host, HOST);
        const parts = url.pathname.slice(1).split('/');
        assert.equal(decodeURIComponent(parts[0]!), r.container);
        for (const p of parts) {
          assert.notEqual(p, '..');
          assert.notEqual(p, '.');
        }
      }),
      { numRuns: Number(process.env.FC_RUNS ?? 3000) },
    );
  });

  test('accepted paths contain no control character, backslash, "//" or dot segment', () => {
    fc.assert(
      fc.property(candidate, (input) => {
        const r = parseBlobPath(input);
        if (!r.ok) return;
        assert.doesNotMatch(input, /[\u0000-\u001f\u007f\\]/);
        assert.ok(!input.includes('//'));
        assert.ok(!input.startsWith('/'));
        for (const p of input.split('/')) assert.ok(p !== '.' && p !== '..' && p !== '');
        assert.ok(isValidContainerName(r.container));
        assert.ok(r.blobName.length >= 1 && r.blobName.length <= MAX_BLOB_NAME_LENGTH);
      }),
      { numRuns: Number(process.env.FC_RUNS ?? 3000) },
    );
  });

  test('never throws and always returns a well-formed result', () => {
    fc.assert(
      fc.property(fc.oneof(candidate, fc.string({ unit: 'grapheme', maxLength: 80 })), (input) => {
        const r = parseBlobPath(input);
        if (r.ok) assert.equal(typeof r.container, 'string');
        else assert.ok(typeof r.reason === 'string' && r.reason.length > 0);
      }),
      { numRuns: 2000 },
    );
  });

  test('blob names from ordinary characters are accepted and round-trip', () => {
    const part = fc.stringMatching(/^[A-Za-z0-9 _\-+=@:;,é]{1,12}$/).filter((s) => s !== '.' && s !== '..');
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z0-9]{3,20}$/), fc.array(part, { minLength: 1, maxLength: 6 }), (container, parts) => {
        const r = parseBlobPath(`${container}/${parts.join('/')}`);
        assert.deepEqual(r, { ok: true, container, blobName: parts.join('/') });
        assert.equal(sameBlobPath(`${container}/${parts.join('/')}`, `${container}/${parts.join('/')}`), true);
      }),
      { numRuns: 500 },
    );
  });
});
