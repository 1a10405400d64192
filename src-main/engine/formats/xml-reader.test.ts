import { test } from 'node:test';
import assert from 'node:assert/strict';
import { open, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CHUNK_BYTES, MAX_DEPTH, MAX_TEXT_CHARS, parseXmlString, readXmlEvents, type XmlEvent, type XmlReadOptions } from './xml-reader.ts';
import { expectWaie, withTempDir } from './test-support.ts';

async function eventsOf(file: string, options: XmlReadOptions = {}): Promise<XmlEvent[]> {
  const all: XmlEvent[] = [];
  for await (const batch of readXmlEvents(file, options)) all.push(...batch);
  return all;
}

async function parseFile(dir: string, content: string | Buffer, options: XmlReadOptions = {}): Promise<XmlEvent[]> {
  const file = join(dir, 'doc.xml');
  await writeFile(file, content);
  return eventsOf(file, options);
}

/** Writes `head`, then `size` bytes of `fill`, then `tail`, without holding the whole file in memory. */
async function writeHuge(file: string, head: string, fill: string, size: number, tail: string): Promise<void> {
  const fh = await open(file, 'w');
  try {
    await fh.write(head);
    const block = Buffer.from(fill.repeat(Math.ceil((1 << 20) / fill.length)).slice(0, 1 << 20));
    for (let written = 0; written < size; written += block.length) await fh.write(block);
    await fh.write(tail);
  } finally {
    await fh.close();
  }
}

test('open/close events carry depth, attributes, text and the 1-based position of "<"', async () => {
  await withTempDir(async (dir) => {
    const ev = await parseFile(dir, '<?xml version="1.0"?>\n<a x="1">\n  <b>hi &amp; bye</b><c/>\n\t<d\n y="2">t</d>\n</a>\n');
    assert.deepEqual(
      ev.map((e) => [e.kind, e.name, e.depth, e.line, e.column]),
      [
        ['open', 'a', 1, 2, 1],
        ['open', 'b', 2, 3, 3],
        ['close', 'b', 2, 3, 3],
        ['open', 'c', 2, 3, 22],
        ['close', 'c', 2, 3, 22],
        ['open', 'd', 2, 4, 2],
        ['close', 'd', 2, 4, 2],
        ['close', 'a', 1, 2, 1],
      ],
    );
    const b = ev.find((e) => e.kind === 'close' && e.name === 'b');
    assert.equal(b?.kind === 'close' ? b.text : undefined, 'hi & bye');
    const a = ev.find((e) => e.kind === 'close' && e.name === 'a');
    assert.ok(a?.kind === 'close' && a.hasChildren && a.text === '', 'text between children is dropped');
    assert.deepEqual({ ...ev[0]?.attrs }, { x: '1' });
  });
});

test('start-tag positions stay right after comments, PIs and CDATA, and with a line break after the name', () => {
  const ev = parseXmlString('<a><!-- c --><b/><?pi x?><c\r\n/><![CDATA[<x>]]><d\n>t</d><!--\n--><e\r/><中\n/></a>', 'p.xml');
  assert.deepEqual(
    ev.filter((e) => e.kind === 'open').map((e) => [e.name, e.line, e.column]),
    [
      ['a', 1, 1],
      ['b', 1, 14],
      ['c', 1, 26],
      ['d', 2, 18],
      ['e', 4, 4],
      ['中', 5, 3],
    ],
  );
});

test('a UTF-8 BOM and CRLF line ends are tolerated; lines count CRLF once', async () => {
  await withTempDir(async (dir) => {
    const xml = '<?xml version="1.0" encoding="utf-8"?>\r\n<a>\r\n  <b>x\r\ny</b>\r\n</a>\r\n';
    const ev = await parseFile(dir, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(xml)]));
    const b = ev.find((e) => e.kind === 'close' && e.name === 'b');
    assert.ok(b?.kind === 'close');
    assert.equal(b.text, 'x\ny');
    assert.equal(b.line, 3);
    assert.equal(b.column, 3);
  });
});

test('fragment mode accepts several top-level elements and a leading XML declaration', async () => {
  await withTempDir(async (dir) => {
    const ev = await parseFile(dir, '\uFEFF<?xml version="1.0" encoding="utf-8"?>\n<File a="1">\n</File><File a="2"/>\n', { fragment: true });
    assert.deepEqual(
      ev.filter((e) => e.kind === 'open').map((e) => [e.attrs.a, e.line, e.column]),
      [
        ['1', 2, 1],
        ['2', 3, 8],
      ],
    );
    // Without fragment mode the second root is an error.
    await expectWaie(parseFile(dir, '<a/><b/>'), { code: 'XML_PARSE', line: 1 });
    // In fragment mode a declaration that is not at the very start is still refused.
    await expectWaie(parseFile(dir, '<a/><?xml version="1.0"?>', { fragment: true }), { code: 'XML_PARSE' });
  });
});

test('DOCTYPE, external entities, <!ENTITY and billion laughs are refused', async () => {
  await withTempDir(async (dir) => {
    const laughs =
      '<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n' +
      Array.from({ length: 9 }, (_, i) => ` <!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">\n`).join('') +
      ']>\n<lolz>&lol9;</lolz>\n';
    await expectWaie(parseFile(dir, laughs), { code: 'XML_PARSE', detail: /DOCTYPE/ });
    await expectWaie(parseFile(dir, '<!DOCTYPE a SYSTEM "file:///etc/passwd"><a>&x;</a>'), { code: 'XML_PARSE', detail: /DOCTYPE/ });
    await expectWaie(parseFile(dir, '<a><!ENTITY x "y"></a>'), { code: 'XML_PARSE', line: 1 });
    await expectWaie(parseFile(dir, '<a>&undefined;</a>'), { code: 'XML_PARSE', line: 1 });
    assert.throws(() => parseXmlString('<!DOCTYPE a [<!ENTITY b "c">]><a>&b;</a>', 'x.xml'), /DOCTYPE/);
  });
});

test('truncated files give an XML_PARSE error with file, line and column of the end', async () => {
  await withTempDir(async (dir) => {
    const file = join(dir, 'doc.xml');
    await writeFile(file, '<DriveLog>\n  <Blob>\n    <BlobPath>a/b</Blo');
    const err = await expectWaie(eventsOf(file, { statusCode: 'ManifestFormatInvalid' }), {
      code: 'XML_PARSE',
      statusCode: 'ManifestFormatInvalid',
      file,
      line: 3,
      column: 22,
    });
    assert.match(err.info.detail, /doc\.xml:3:22: /);
    await writeFile(file, '<DriveLog>\n  <Blob>\n');
    await expectWaie(eventsOf(file), { code: 'XML_PARSE', file, line: 3, column: 1, detail: /unclosed tag/ });
    await writeFile(file, '<DriveLog Version="2014');
    await expectWaie(eventsOf(file), { code: 'XML_PARSE', file, line: 1 });
    await writeFile(file, '');
    await expectWaie(eventsOf(file), { code: 'XML_PARSE', file, line: 1 });
  });
});

test('a 100 MB attribute value is refused after a few chunks, not buffered', async () => {
  await withTempDir(async (dir) => {
    const file = join(dir, 'huge-attr.xml');
    const size = 100 * 1024 * 1024;
    await writeHuge(file, '<DriveLog>\n<DriveId a="', 'A', size, '"/></DriveLog>');
    let bytesRead = 0;
    const before = process.memoryUsage().rss;
    await expectWaie(eventsOf(file, { onProgress: (n) => (bytesRead = n) }), { code: 'XML_PARSE', file, line: 2 });
    assert.ok(bytesRead > 0 && bytesRead <= 4 * CHUNK_BYTES, `stopped after ${bytesRead} bytes`);
    assert.ok(process.memoryUsage().rss - before < 64 * 1024 * 1024, 'memory did not grow with the attribute');
  });
});

test('attribute, text, comment and name lengths are bounded at 64 KiB', async () => {
  await withTempDir(async (dir) => {
    const max = MAX_TEXT_CHARS;
    // Exactly at the limit is fine.
    const ok = await parseFile(dir, `<a x="${'v'.repeat(max)}">${'t'.repeat(max)}</a>`);
    assert.equal(ok[0]?.attrs.x?.length, max);
    await expectWaie(parseFile(dir, `<a x="${'v'.repeat(max + 1)}"/>`), { code: 'XML_PARSE', detail: /attribute "x" is longer/ });
    await expectWaie(parseFile(dir, `<a>${'t'.repeat(max + 1)}</a>`), { code: 'XML_PARSE', detail: /text of <a> is longer/ });
    // Text split by comments is counted as a whole.
    await expectWaie(parseFile(dir, `<a>${`${'t'.repeat(1000)}<!---->`.repeat(70)}</a>`), { code: 'XML_PARSE', detail: /text of <a>/ });
    await expectWaie(parseFile(dir, `<a><!--${'c'.repeat(3 * max)}--></a>`), { code: 'XML_PARSE', detail: /without a complete XML token/ });
    await expectWaie(parseFile(dir, `<${'n'.repeat(3 * max)}/>`), { code: 'XML_PARSE', detail: /without a complete XML token/ });
    const file = join(dir, 'huge-text.xml');
    await writeHuge(file, '<a>', 'x', 20 * 1024 * 1024, '</a>');
    let bytesRead = 0;
    await expectWaie(eventsOf(file, { onProgress: (n) => (bytesRead = n) }), { code: 'XML_PARSE' });
    assert.ok(bytesRead <= 4 * CHUNK_BYTES, `stopped after ${bytesRead} bytes`);
  });
});

test(`nesting deeper than ${MAX_DEPTH} is refused`, async () => {
  await withTempDir(async (dir) => {
    const nest = (n: number): string => '<e>'.repeat(n) + '</e>'.repeat(n);
    const ok = await parseFile(dir, nest(MAX_DEPTH));
    assert.equal(Math.max(...ok.map((e) => e.depth)), MAX_DEPTH);
    await expectWaie(parseFile(dir, nest(MAX_DEPTH + 1)), { code: 'XML_PARSE', line: 1, column: 3 * MAX_DEPTH + 1, detail: /nested more than 32/ });
  });
});

test('invalid UTF-8, UTF-16 and other encodings are refused with a position', async () => {
  await withTempDir(async (dir) => {
    await expectWaie(parseFile(dir, Buffer.concat([Buffer.from('<a>\n  <b>ok'), Buffer.from([0xff, 0xfe, 0x41]), Buffer.from('</b></a>')])), {
      code: 'XML_PARSE',
      line: 2,
      column: 8,
      detail: /invalid UTF-8/,
    });
    await expectWaie(parseFile(dir, Buffer.from('\uFEFF<a/>', 'utf16le')), { code: 'XML_PARSE', detail: /UTF-16/ });
    await expectWaie(parseFile(dir, '<?xml version="1.0" encoding="ISO-8859-1"?><a/>'), { code: 'XML_PARSE', detail: /encoding/ });
  });
});

test('secret elements are reported empty and their content never reaches events or errors', async () => {
  await withTempDir(async (dir) => {
    const secret = 'VkGbrUqBWLYJ6zg1m29VOTrxpBgd+secret==';
    const ev = await parseFile(dir, `<r><StorageAccountKey k="${secret}">${secret}<x>${secret}</x></StorageAccountKey><y>keep</y></r>`, {
      secretElements: ['StorageAccountKey'],
    });
    assert.ok(!JSON.stringify(ev).includes('secret'), JSON.stringify(ev));
    assert.deepEqual(
      ev.map((e) => [e.kind, e.name]),
      [
        ['open', 'r'],
        ['open', 'StorageAccountKey'],
        ['close', 'StorageAccountKey'],
        ['open', 'y'],
        ['close', 'y'],
        ['close', 'r'],
      ],
    );
    const err = await expectWaie(parseFile(dir, `<r><ContainerSas>sv=1&sig=${secret}</ContainerSas></r>`, { secretElements: ['ContainerSas'] }), {
      code: 'XML_PARSE',
    });
    assert.ok(!err.message.includes('sig') && !err.info.detail.includes(secret), err.info.detail);
    const err2 = await expectWaie(parseFile(dir, `<r><ContainerSas>abc<${secret}</ContainerSas></r>`, { secretElements: ['ContainerSas'] }), {
      code: 'XML_PARSE',
    });
    assert.ok(!err2.info.detail.includes('VkGb'), err2.info.detail);
  });
});

test('a missing file is a FILE_READ error with the caller status code', async () => {
  await withTempDir(async (dir) => {
    const file = join(dir, 'nope.xml');
    await expectWaie(eventsOf(file, { ioStatusCodes: { notFound: 'ManifestNotFound' } }), { code: 'FILE_READ', statusCode: 'ManifestNotFound', file });
  });
});

test('parseXmlString strips a BOM and reports positions like the file reader', () => {
  const ev = parseXmlString('\uFEFF<Properties>\r\n  <Etag>x</Etag>\r\n</Properties>', 'p.properties');
  assert.deepEqual(
    ev.map((e) => [e.kind, e.name, e.line, e.column]),
    [
      ['open', 'Properties', 1, 1],
      ['open', 'Etag', 2, 3],
      ['close', 'Etag', 2, 3],
      ['close', 'Properties', 1, 1],
    ],
  );
  assert.throws(() => parseXmlString('<a>', 'p.xml'), (e: unknown) => e instanceof Error && /p\.xml:1:\d+: /.test(e.message));
});
