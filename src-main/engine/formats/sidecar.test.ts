import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { BlobMetadataFile, BlobPropertiesFile } from '../../../src-shared/formats/types.ts';
import { formatMetadataFile, formatPropertiesFile, isValidMetadataName, parseMetadataFile, parsePropertiesFile, propertiesEqualByValue } from './sidecar.ts';
import { expectWaie } from './test-support.ts';

const FULL: BlobPropertiesFile = {
  lastModified: 'Tue, 18 Sep 2012 23:47:08 GMT',
  etag: '"0x8CF6A5EA95B2C90"',
  contentLength: 163840,
  contentType: 'image/jpeg; name="a&b"',
  contentMD5: 'nIrhSlUkH5hTPE2A2FzcaA==',
  contentEncoding: 'gzip',
  contentLanguage: 'nl-NL',
  cacheControl: 'max-age=3600, <private>',
};

test('formatPropertiesFile writes the documented shape: declaration, eight elements in order, CRLF, two spaces, escaped', () => {
  assert.equal(
    formatPropertiesFile(FULL),
    [
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<Properties>',
      '  <Last-Modified>Tue, 18 Sep 2012 23:47:08 GMT</Last-Modified>',
      '  <Etag>&quot;0x8CF6A5EA95B2C90&quot;</Etag>',
      '  <Content-Length>163840</Content-Length>',
      '  <Content-Type>image/jpeg; name=&quot;a&amp;b&quot;</Content-Type>',
      '  <Content-MD5>nIrhSlUkH5hTPE2A2FzcaA==</Content-MD5>',
      '  <Content-Encoding>gzip</Content-Encoding>',
      '  <Content-Language>nl-NL</Content-Language>',
      '  <Cache-Control>max-age=3600, &lt;private&gt;</Cache-Control>',
      '</Properties>',
      '',
    ].join('\r\n'),
  );
  // Only present elements, still in documented order regardless of object key order.
  assert.equal(
    formatPropertiesFile({ contentType: 'text/plain', lastModified: 'x' }),
    '<?xml version="1.0" encoding="UTF-8"?>\r\n<Properties>\r\n  <Last-Modified>x</Last-Modified>\r\n  <Content-Type>text/plain</Content-Type>\r\n</Properties>\r\n',
  );
  assert.throws(() => formatPropertiesFile({ contentLength: -1 }), /Content-Length/);
});

test('properties round trip, and parsing tolerates BOM, CRLF, whitespace, element case and unknown elements', () => {
  assert.deepEqual(parsePropertiesFile(formatPropertiesFile(FULL), 'a.properties'), FULL);
  const loose =
    '\uFEFF<?xml version="1.0" encoding="utf-8"?>\r\n<Properties>\r\n\t<ETag>  "0x1"  </ETag>\r\n<Content-Length>\r\n 42 \r\n</Content-Length>' +
    '<Content-Disposition>attachment</Content-Disposition><Content-Encoding/></Properties>';
  assert.deepEqual(parsePropertiesFile(loose, 'b.properties'), { etag: '"0x1"', contentLength: 42, contentEncoding: '' });
});

test('parsePropertiesFile errors: DOCTYPE, wrong root, bad Content-Length, truncation — with file, line, column', async () => {
  await expectWaie(() => parsePropertiesFile('<!DOCTYPE Properties [<!ENTITY x "y">]><Properties/>', 'p.properties'), { code: 'XML_PARSE', file: 'p.properties', detail: /DOCTYPE/ });
  await expectWaie(() => parsePropertiesFile('<Metadata/>', 'p.properties'), { code: 'XML_PARSE', line: 1, column: 1, detail: /<Properties>/ });
  await expectWaie(() => parsePropertiesFile('<Properties>\n  <Content-Length>1e3</Content-Length>\n</Properties>', 'p.properties'), {
    code: 'XML_PARSE',
    file: 'p.properties',
    line: 2,
    column: 3,
    detail: /Content-Length must be a whole number/,
  });
  await expectWaie(() => parsePropertiesFile('<Properties>\n  <Etag>x</Etag>\n', 'p.properties'), { code: 'XML_PARSE', file: 'p.properties', line: 3, column: 1 });
});

test('formatMetadataFile / parseMetadataFile: documented shape, order kept, escaping, round trip', () => {
  const m: BlobMetadataFile = { Owner: 'Bob & Alice', _kind: '<photo>', région: 'Zuid-Holland', __proto__x: 'a' };
  const xml = formatMetadataFile(m);
  assert.equal(
    xml,
    '<?xml version="1.0" encoding="UTF-8"?>\r\n<Metadata>\r\n  <Owner>Bob &amp; Alice</Owner>\r\n  <_kind>&lt;photo&gt;</_kind>\r\n  <région>Zuid-Holland</région>\r\n  <__proto__x>a</__proto__x>\r\n</Metadata>\r\n',
  );
  const back = parseMetadataFile(xml, 'x.metadata');
  assert.deepEqual(back, m);
  assert.deepEqual(Object.keys(back), Object.keys(m));
  assert.equal(formatMetadataFile({}), '<?xml version="1.0" encoding="UTF-8"?>\r\n<Metadata>\r\n</Metadata>\r\n');
  assert.deepEqual(parseMetadataFile(formatMetadataFile({}), 'e.metadata'), {});
  // "__proto__" is an ordinary name after parsing, not a prototype change.
  const proto = parseMetadataFile('<Metadata><__proto__>v</__proto__></Metadata>', 'p.metadata');
  assert.equal(Object.getPrototypeOf(proto), Object.prototype);
  assert.deepEqual(Object.entries(proto), [['__proto__', 'v']]);
});

test('metadata names must be C# identifiers / XML names; duplicates are refused', async () => {
  for (const bad of ['1abc', 'a-b', 'a.b', 'a b', '', 'ª', 'x:y', 'naïve\u200d']) {
    assert.equal(isValidMetadataName(bad), false, bad);
    await expectWaie(() => formatMetadataFile({ [bad]: 'v' }), { code: 'METADATA_NAME_INVALID' });
  }
  for (const good of ['a', '_', 'Owner2', 'région', 'данные', '名前', 'a_b']) assert.equal(isValidMetadataName(good), true, good);
  await expectWaie(() => formatMetadataFile({ Name: '1', name: '2' }), { code: 'METADATA_NAME_INVALID', detail: /twice/ });
  await expectWaie(() => parseMetadataFile('<Metadata>\n<a>1</a>\n<A>2</A>\n</Metadata>', 'd.metadata'), { code: 'XML_PARSE', line: 3, column: 1, detail: /more than once/ });
  await expectWaie(() => parseMetadataFile('<Properties/>', 'd.metadata'), { code: 'XML_PARSE', detail: /<Metadata>/ });
  await expectWaie(() => formatMetadataFile({ a: 'bell\u0007' }), { code: 'XML_WRITE' });
});

test('propertiesEqualByValue: ETag quotes, dates as instants, numbers as numbers', () => {
  assert.equal(propertiesEqualByValue(FULL, { ...FULL }), true);
  assert.equal(propertiesEqualByValue(FULL, { ...FULL, etag: '0x8CF6A5EA95B2C90' }), true);
  assert.equal(propertiesEqualByValue(FULL, { ...FULL, lastModified: '2012-09-18T23:47:08Z' }), true);
  assert.equal(propertiesEqualByValue(FULL, { ...FULL, lastModified: '2012-09-18T23:47:09Z' }), false);
  assert.equal(propertiesEqualByValue(FULL, { ...FULL, etag: '"0x8CF6A5EA95B2C91"' }), false);
  assert.equal(propertiesEqualByValue(FULL, { ...FULL, contentLength: 163841 }), false);
  assert.equal(propertiesEqualByValue(FULL, { ...FULL, contentType: 'image/png' }), false);
  assert.equal(propertiesEqualByValue({ contentEncoding: '' }, {}), true);
  assert.equal(propertiesEqualByValue({ cacheControl: 'x' }, {}), false);
  const parsed = parsePropertiesFile(formatPropertiesFile({ ...FULL, etag: '0x8CF6A5EA95B2C90', lastModified: '2012-09-18T23:47:08.000Z' }), 'p');
  assert.equal(propertiesEqualByValue(FULL, parsed), true);
});

test('property: random metadata and properties round trip', () => {
  const nameArb = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,15}$/);
  const valueArb = fc
    .string({ unit: fc.oneof(fc.constantFrom('&', '<', '>', '"', "'", 'é', '中', '😀', ' '), fc.integer({ min: 0x21, max: 0x7e }).map((c) => String.fromCharCode(c))), maxLength: 30 })
    .map((s) => s.trim());
  fc.assert(
    fc.property(fc.uniqueArray(fc.tuple(nameArb, valueArb), { selector: ([n]) => n.toLowerCase(), maxLength: 8 }), (pairs) => {
      const m: BlobMetadataFile = {};
      for (const [n, v] of pairs) Object.defineProperty(m, n, { value: v, enumerable: true, writable: true, configurable: true });
      assert.deepEqual(parseMetadataFile(formatMetadataFile(m), 'r.metadata'), m);
    }),
    { numRuns: 200, seed: 7 },
  );
  fc.assert(
    fc.property(fc.record({ contentType: valueArb, contentLength: fc.nat(), etag: valueArb }, { requiredKeys: [] }), (p) => {
      const plain: BlobPropertiesFile = { ...p };
      assert.deepEqual(parsePropertiesFile(formatPropertiesFile(plain), 'r.properties'), plain);
    }),
    { numRuns: 200, seed: 8 },
  );
});
