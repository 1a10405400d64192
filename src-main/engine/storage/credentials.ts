/**
 * Blob clients made from one credential and one endpoint (design card: "clients made from one
 * credential + endpoint", as in @azure/storage-blob and AzCopy).
 *
 * Rules (seed `003_…`, formats.md §4): `/sn` is required with exactly one of `/sk` (account key) or
 * `/csas` (container SAS). The tool's documented SAS form is `<ContainerName>?<SasString>`; a bare
 * token and a full container URL are accepted too. Endpoint `https://<account>.blob.core.windows.net`
 * unless `/BlobEndpoint` overrides it.
 */
import { AnonymousCredential, BlobClient, BlobSASPermissions, ContainerClient, StorageSharedKeyCredential, type StoragePipelineOptions } from '@azure/storage-blob';
import { WaieError } from '../../../src-shared/errors.ts';
import type { StorageCredentials } from '../../../src-shared/engine-protocol.ts';

/** A parsed container SAS: the token without `?`, and the container it names when the form said so. */
export interface ParsedContainerSas {
  token: string;
  container?: string;
}

const CONTAINER_NAME = /^(\$root|[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){2,62})$/;

function badInput(title: string, detail: string, statusCode?: string): WaieError {
  return new WaieError({ code: 'BAD_INPUT', title, detail, statusCode });
}

/**
 * Parses `/csas` in its three forms. Throws WaieError `BAD_INPUT` when no `sig=` is present or the
 * container name is invalid. The returned token still contains the signature: keep it in memory only.
 */
export function parseContainerSas(input: string): ParsedContainerSas {
  const s = input.trim();
  let token: string;
  let container: string | undefined;
  if (/^https?:\/\//i.test(s)) {
    let url: URL;
    try {
      url = new URL(s);
    } catch {
      throw badInput('The container SAS is not a valid URL', 'Give /csas as a token, as <ContainerName>?<SasString>, or as the container URL with its SAS.');
    }
    token = url.search.replace(/^\?/, '');
    const parts = url.pathname.split('/').filter(Boolean);
    // https://acct.blob.core.windows.net/<container> or http://127.0.0.1:port/<account>/<container>
    container = decodeURIComponent(parts[parts.length - 1] ?? '');
  } else {
    const q = s.indexOf('?');
    if (q > 0) {
      container = s.slice(0, q);
      token = s.slice(q + 1);
    } else {
      token = s.replace(/^\?/, '');
    }
  }
  if (!/(^|&)sig=/.test(token)) {
    throw badInput('The container SAS has no signature', 'A container SAS contains "sig=…". Copy the whole SAS from the Azure portal (Shared access tokens) or Storage Explorer.');
  }
  if (container !== undefined && !CONTAINER_NAME.test(container)) {
    throw badInput('The container SAS names an invalid container', `"${container}" is not a valid container name. Use the form <ContainerName>?<SasString>.`);
  }
  return { token, container };
}

/** Returns the blob endpoint without a trailing slash. Throws `BAD_INPUT` for non-http(s) URLs or URLs with a query. */
export function resolveBlobEndpoint(c: Pick<StorageCredentials, 'accountName' | 'blobEndpoint'>): string {
  if (!c.blobEndpoint) return `https://${c.accountName}.blob.core.windows.net`;
  let url: URL;
  try {
    url = new URL(c.blobEndpoint);
  } catch {
    throw badInput('The blob endpoint is not a URL', `"${c.blobEndpoint}" is not a URL. Example: /BlobEndpoint:http://127.0.0.1:10000/devstoreaccount1`);
  }
  if (!/^https?:$/.test(url.protocol) || url.search || url.hash || url.username || url.password) {
    throw badInput('The blob endpoint is not usable', 'Give /BlobEndpoint as an http(s) URL without query, fragment or user name, e.g. https://myaccount.blob.core.windows.net');
  }
  return url.toString().replace(/\/+$/, '');
}

/** Makes {@link BlobClient}s for container/blob names under one credential and endpoint. */
export interface BlobClientFactory {
  /** The endpoint in use (no secrets in it). */
  readonly endpoint: string;
  /** Container named by the SAS, when the SAS form named one: every BlobPath must be in it. */
  readonly sasContainer?: string;
  /** A client for `container`/`blobName`, at `snapshot` when given. */
  blobClient(container: string, blobName: string, snapshot?: string): BlobClient;
  /** A client for a container. */
  containerClient(container: string): ContainerClient;
  /**
   * The URL that reads `client`'s blob (or snapshot) without further authorisation, for the engine's
   * ranged GETs (transfer/range-get.ts): with a container SAS, the blob's URL with that SAS; with an
   * account key, the blob's URL with a read-only SAS for that blob alone, signed by the SDK, valid
   * {@link READ_SAS_LIFETIME_MS}. Holds a secret: never log it.
   */
  readUrl?(client: BlobClient): Promise<string>;
}

/**
 * How long a read SAS made from the account key is valid, ms: 7 days, beyond any one blob's repair
 * (a pin, and so its SAS, is made per blob as its repair starts). No start time: clock skew between
 * this machine and the service cannot make it "not yet valid".
 */
export const READ_SAS_LIFETIME_MS = 7 * 24 * 3600 * 1000;

/**
 * Creates the factory. Validates the account name (3–24 lowercase letters/digits, or any name with a
 * custom endpoint) and that the account key is base64. Throws `BAD_INPUT` on bad input.
 * Retries inside the SDK are kept short: the engine retries ranges itself (platform.md: the SDK does
 * not resume a body cut mid-way).
 */
export function createBlobClientFactory(c: StorageCredentials, pipeline: StoragePipelineOptions = {}): BlobClientFactory {
  if (!c.accountName || !/^[a-z0-9]{3,24}$/.test(c.accountName)) {
    throw badInput('The storage account name is not valid', 'A storage account name (/sn) has 3 to 24 lowercase letters and digits, e.g. /sn:bobmediaaccount.');
  }
  if (Boolean(c.accountKey) === Boolean(c.containerSas)) {
    throw badInput('Give an account key or a container SAS', 'Use exactly one of /sk:<StorageAccountKey> or /csas:<ContainerSas>.');
  }
  const endpoint = resolveBlobEndpoint(c);
  const options: StoragePipelineOptions = { retryOptions: { maxTries: 3, retryDelayInMs: 200, maxRetryDelayInMs: 2000 }, ...pipeline };
  if (c.accountKey) {
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(c.accountKey.trim()) || c.accountKey.trim().length % 4 !== 0) {
      throw badInput('The account key is not valid', 'An account key is base64 text ending in "==" (Azure portal: storage account → Access keys). Check that it was copied whole.', 'BlobRequestForbidden');
    }
    const cred = new StorageSharedKeyCredential(c.accountName, c.accountKey.trim());
    return {
      endpoint,
      containerClient: (container) => new ContainerClient(`${endpoint}/${container}`, cred, options),
      blobClient(container, blobName, snapshot) {
        const b = new ContainerClient(`${endpoint}/${container}`, cred, options).getBlobClient(blobName);
        return snapshot ? b.withSnapshot(snapshot) : b;
      },
      readUrl: (client) => client.generateSasUrl({ permissions: BlobSASPermissions.parse('r'), expiresOn: new Date(Date.now() + READ_SAS_LIFETIME_MS) }),
    };
  }
  const sas = parseContainerSas(c.containerSas ?? '');
  const containerClient = (container: string): ContainerClient => {
    if (sas.container && container !== sas.container) {
      throw new WaieError({
        code: 'SAS_CONTAINER_MISMATCH',
        title: 'The blob is outside the SAS container',
        detail: `The container SAS is for "${sas.container}", but the blob is in "${container}". Use an account key or a SAS for that container.`,
        statusCode: 'BlobRequestForbidden',
      });
    }
    return new ContainerClient(`${endpoint}/${container}?${sas.token}`, new AnonymousCredential(), options);
  };
  return {
    endpoint,
    sasContainer: sas.container,
    containerClient,
    blobClient(container, blobName, snapshot) {
      const b = containerClient(container).getBlobClient(blobName);
      return snapshot ? b.withSnapshot(snapshot) : b;
    },
    readUrl: async (client) => client.url,
  };
}

/** The secrets of `c` (account key, SAS token and its signature) for {@link redact}. */
export function secretsOf(c: StorageCredentials): string[] {
  const out: string[] = [];
  if (c.accountKey) out.push(c.accountKey.trim());
  if (c.containerSas) {
    const m = /sig=([^&\s]+)/.exec(c.containerSas);
    if (m?.[1]) {
      out.push(m[1]);
      try {
        out.push(decodeURIComponent(m[1]));
      } catch {
        /* not URL-encoded */
      }
    }
  }
  return out;
}
