import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createBlobClientFactory, parseContainerSas, resolveBlobEndpoint, secretsOf } from './credentials.ts';
import { WaieError } from '../../../src-shared/errors.ts';

test('container SAS in its three forms', () => {
  assert.deepEqual(parseContainerSas('sv=2020-01-01&sr=c&sig=abc%2Bdef'), { token: 'sv=2020-01-01&sr=c&sig=abc%2Bdef', container: undefined });
  assert.deepEqual(parseContainerSas('?sv=1&sig=x'), { token: 'sv=1&sig=x', container: undefined });
  assert.deepEqual(parseContainerSas('mycontainer?sv=1&sig=x'), { token: 'sv=1&sig=x', container: 'mycontainer' });
  assert.deepEqual(parseContainerSas('https://acct.blob.core.windows.net/mycontainer?sv=1&sig=x'), { token: 'sv=1&sig=x', container: 'mycontainer' });
  assert.deepEqual(parseContainerSas('http://127.0.0.1:10000/devstoreaccount1/c1c?sv=1&sig=x'), { token: 'sv=1&sig=x', container: 'c1c' });
  assert.throws(() => parseContainerSas('mycontainer?sv=1'), /signature/);
  assert.throws(() => parseContainerSas('Bad_Name?sv=1&sig=x'), /invalid container/);
});

test('endpoint default and override; bad endpoints refused', () => {
  assert.equal(resolveBlobEndpoint({ accountName: 'bob' }), 'https://bob.blob.core.windows.net');
  assert.equal(resolveBlobEndpoint({ accountName: 'x', blobEndpoint: 'http://127.0.0.1:10000/devstoreaccount1/' }), 'http://127.0.0.1:10000/devstoreaccount1');
  assert.throws(() => resolveBlobEndpoint({ accountName: 'x', blobEndpoint: 'ftp://h/' }), WaieError);
  assert.throws(() => resolveBlobEndpoint({ accountName: 'x', blobEndpoint: 'https://h/?sig=1' }), WaieError);
});

test('factory validates the account name and key, and keeps blobs inside the SAS container', () => {
  assert.throws(() => createBlobClientFactory({ accountName: 'Bad Name', accountKey: 'a2V5' }), /account name/);
  assert.throws(() => createBlobClientFactory({ accountName: 'acct', accountKey: 'not base64!' }), /account key/);
  assert.throws(() => createBlobClientFactory({ accountName: 'acct' }), /account key or a container SAS/);
  const f = createBlobClientFactory({ accountName: 'acct', containerSas: 'pics?sv=1&sig=s3cr3t' });
  assert.match(f.blobClient('pics', 'a/b.jpg').url, /^https:\/\/acct\.blob\.core\.windows\.net\/pics\/a\/b\.jpg\?sv=1&sig=s3cr3t$/);
  assert.throws(() => f.blobClient('other', 'x'), (e: unknown) => e instanceof WaieError && e.info.statusCode === 'BlobRequestForbidden');
  const k = createBlobClientFactory({ accountName: 'acct', accountKey: 'a2V5a2V5', blobEndpoint: 'http://127.0.0.1:9/devstoreaccount1' });
  assert.equal(k.blobClient('$root', 'x y.txt', '2024-01-01T00:00:00.0000000Z').url, 'http://127.0.0.1:9/devstoreaccount1/%24root/x%20y.txt?snapshot=2024-01-01T00%3A00%3A00.0000000Z');
});

test('secretsOf lists the key and the SAS signature, raw and decoded', () => {
  assert.deepEqual(secretsOf({ accountName: 'a', accountKey: ' a2V5 ' }), ['a2V5']);
  assert.deepEqual(secretsOf({ accountName: 'a', containerSas: 'c?sv=1&sig=ab%2Bc' }), ['ab%2Bc', 'ab+c']);
});
