import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { ContainerSASPermissions, type ContainerClient } from '@azure/storage-blob';
import { startAzurite, blobServiceClientFor, type AzuriteInstance } from '../../testing/azurite.ts';
import { createBlobClientFactory, type BlobClientFactory } from '../storage/credentials.ts';
import { classifyStorageError } from '../storage/errors.ts';
import { BlobRangeReader, RangeHttpError, type RangeSource } from './range-get.ts';
import { downloadRange } from './download-range.ts';

let az: AzuriteInstance;
let container: ContainerClient;
let keyed: BlobClientFactory;
let sased: BlobClientFactory;
const reader = new BlobRangeReader(4);
const data = randomBytes(3 * 1024 * 1024 + 777);

before(async () => {
  az = await startAzurite();
  container = blobServiceClientFor(az).getContainerClient('ranges');
  await container.create();
  await container.getBlockBlobClient('dir/a b.bin').uploadData(data);
  keyed = createBlobClientFactory({ accountName: az.accountName, accountKey: az.accountKey, blobEndpoint: az.endpoint });
  const sas = await container.generateSasUrl({ permissions: ContainerSASPermissions.parse('r'), expiresOn: new Date(Date.now() + 3600_000) });
  sased = createBlobClientFactory({ accountName: az.accountName, containerSas: sas, blobEndpoint: az.endpoint });
});
after(async () => {
  await reader.close();
  await az.stop();
});

async function sourceFor(f: BlobClientFactory, name: string, snapshot?: string): Promise<RangeSource> {
  const url = await f.readUrl?.(f.blobClient('ranges', name, snapshot));
  assert.ok(url, 'the factory gives a read URL');
  return reader.source(url);
}

async function read(src: RangeSource, offset: number, count: number, ifMatch?: string): Promise<Buffer> {
  const parts: Buffer[] = [];
  await src.read(offset, count, { signal: new AbortController().signal, ifMatch, onData: (c) => void parts.push(Buffer.from(c)) });
  return Buffer.concat(parts);
}

test('a range read through the read SAS signed from the account key, and through the container SAS, is the blob\'s bytes', async () => {
  for (const f of [keyed, sased]) {
    const src = await sourceFor(f, 'dir/a b.bin');
    assert.deepEqual(await read(src, 0, 1000), data.subarray(0, 1000));
    assert.deepEqual(await read(src, 1_000_001, 2_000_000), data.subarray(1_000_001, 3_000_001));
    assert.deepEqual(await read(src, data.length - 5, 5), data.subarray(data.length - 5));
  }
});

test('the account-key read URL is a read-only SAS for that one blob', async () => {
  const url = new URL((await keyed.readUrl?.(keyed.blobClient('ranges', 'dir/a b.bin'))) ?? '');
  assert.equal(url.searchParams.get('sp'), 'r');
  assert.equal(url.searchParams.get('sr'), 'b');
  assert.ok(url.searchParams.get('sig'));
  assert.ok(Date.parse(url.searchParams.get('se') ?? '') > Date.now() + 6 * 24 * 3600_000, 'valid for days, not minutes');
});

test('If-Match with the blob\'s ETag reads; a stale ETag answers 412, classified BlobUnexpectedChange', async () => {
  const props = await container.getBlobClient('dir/a b.bin').getProperties();
  const src = await sourceFor(keyed, 'dir/a b.bin');
  assert.deepEqual(await read(src, 10, 20, props.etag), data.subarray(10, 30));
  const err = await read(src, 10, 20, '"0x8D000000000000"').then(() => undefined, (e: unknown) => e);
  assert.ok(err instanceof RangeHttpError, String(err));
  assert.equal(err.statusCode, 412);
  assert.equal(classifyStorageError(err).statusCode, 'BlobUnexpectedChange');
});

test('a missing blob answers 404 (component failure); a forged signature 403 (stops the run); no URL in the error', async () => {
  const missing = await read(await sourceFor(keyed, 'nope.bin'), 0, 10).then(() => undefined, (e: unknown) => e);
  assert.ok(missing instanceof RangeHttpError);
  assert.equal(missing.statusCode, 404);
  assert.equal(missing.code, 'BlobNotFound');
  assert.equal(classifyStorageError(missing).disposition, 'component');
  const url = new URL((await keyed.readUrl?.(keyed.blobClient('ranges', 'dir/a b.bin'))) ?? '');
  url.searchParams.set('sig', 'Zm9yZ2Vk');
  const forged = await read(reader.source(url.toString()), 0, 10).then(() => undefined, (e: unknown) => e);
  assert.ok(forged instanceof RangeHttpError);
  assert.equal(forged.statusCode, 403);
  assert.equal(classifyStorageError(forged).disposition, 'fatal');
  assert.doesNotMatch(String(forged.message) + String(forged.stack), /sig=|http:\/\//);
});

test('a snapshot is read through its own read SAS, not the blob as it is now', async () => {
  const blob = container.getBlockBlobClient('snap.bin');
  const old = randomBytes(5000);
  await blob.uploadData(old);
  const { snapshot } = await blob.createSnapshot();
  await blob.uploadData(randomBytes(5000));
  assert.ok(snapshot);
  assert.deepEqual(await read(await sourceFor(keyed, 'snap.bin', snapshot), 100, 1000), old.subarray(100, 1100));
});

test('a chunk handler that returns a promise holds the body back: bytes arrive in order, none lost', async () => {
  const src = await sourceFor(keyed, 'dir/a b.bin');
  const got = Buffer.alloc(data.length);
  let at = 0;
  let busy = false;
  await src.read(0, data.length, {
    signal: new AbortController().signal,
    onData: async (c) => {
      assert.equal(busy, false, 'no chunk while the previous one is being handled');
      busy = true;
      c.copy(got, at);
      at += c.length;
      await new Promise((r) => setTimeout(r, 1));
      busy = false;
    },
  });
  assert.equal(at, data.length);
  assert.deepEqual(got, data);
});

test('aborting cuts the request off mid-body and rejects with the signal\'s reason; the reader still works', async () => {
  const src = await sourceFor(keyed, 'dir/a b.bin');
  const ac = new AbortController();
  let n = 0;
  const reason = new Error('stop here');
  const err = await src
    .read(0, data.length, {
      signal: ac.signal,
      onData: (c) => {
        n += c.length;
        if (n > 100_000) ac.abort(reason);
      },
    })
    .then(() => undefined, (e: unknown) => e);
  assert.equal(err, reason);
  assert.ok(n < data.length, 'stopped before the end');
  assert.deepEqual(await read(src, 0, 100), data.subarray(0, 100));
});

test('downloadRange with a range source: the bytes and their MD5, as with the SDK', async () => {
  const src = await sourceFor(keyed, 'dir/a b.bin');
  const viaSource = Buffer.alloc(2_000_000);
  const viaSdk = Buffer.alloc(2_000_000);
  const blob = keyed.blobClient('ranges', 'dir/a b.bin');
  const a = await downloadRange({ blob, source: src, offset: 500_000, length: viaSource.length, sink: (c, o) => void c.copy(viaSource, o) });
  const b = await downloadRange({ blob, offset: 500_000, length: viaSdk.length, sink: (c, o) => void c.copy(viaSdk, o) });
  assert.deepEqual(viaSource, data.subarray(500_000, 2_500_000));
  assert.deepEqual(viaSdk, viaSource);
  assert.equal(a.md5, b.md5);
  assert.equal(a.requests, 1);
});
