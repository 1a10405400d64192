import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { XmlFileWriter, escapeXml } from './xml-writer.ts';
import { parseXmlString } from './xml-reader.ts';
import { expectWaie, withTempDir } from './test-support.ts';

test('escapeXml escapes markup, quotes and CR/LF/TAB, and leaves plain text untouched', () => {
  assert.equal(escapeXml(`a&b<c>d"e'f`), 'a&amp;b&lt;c&gt;d&quot;e&apos;f');
  assert.equal(escapeXml('x\r\ny\tz'), 'x&#xD;&#xA;y&#x9;z');
  const plain = 'pictures/bob/wild/desert.jpg';
  assert.equal(escapeXml(plain), plain);
  assert.equal(escapeXml('😀 中'), '😀 中');
});

test('escapeXml refuses characters XML 1.0 cannot carry', async () => {
  for (const bad of ['\u0000', 'a\u0001', '\u000b', '\uFFFE', '\uD800', 'x\uDC00y']) {
    await expectWaie(() => escapeXml(bad), { code: 'XML_WRITE' });
  }
});

test('property: escaped text and attribute values parse back to the original string', () => {
  const charArb = fc.oneof(
    fc.constantFrom('&', '<', '>', '"', "'", '\r', '\n', '\t', ' ', '\r\n', ']]>', '😀'),
    fc.integer({ min: 0x20, max: 0xd7ff }).map((c) => String.fromCharCode(c)),
  );
  fc.assert(
    fc.property(fc.string({ unit: charArb, maxLength: 40 }), (s) => {
      const ev = parseXmlString(`<a v="${escapeXml(s)}">${escapeXml(s)}</a>`, 'x.xml');
      const close = ev.find((e) => e.kind === 'close');
      assert.equal(close?.attrs.v, s);
      assert.equal(close?.kind === 'close' ? close.text : undefined, s);
    }),
    { numRuns: 200, seed: 11 },
  );
});

test('XmlFileWriter writes large output through backpressure and refuses writes after end', async () => {
  await withTempDir(async (dir) => {
    const file = join(dir, 'out.xml');
    const w = await XmlFileWriter.open(file);
    const line = `${'x'.repeat(99)}\n`;
    for (let i = 0; i < 100_000; i++) {
      w.append(line);
      await w.flush();
    }
    await w.end();
    const text = await readFile(file, 'utf8');
    assert.equal(text.length, 100 * 100_000);
    assert.throws(() => w.append('more'), /after end/);
    await expectWaie(XmlFileWriter.open(join(dir, 'no-such-dir', 'x.xml')), { code: 'FILE_WRITE' });
  });
});
