/**
 * Classifies errors from the Blob service into what the engine does next and which Import/Export
 * status code (seed `000_…`) describes them.
 *
 * - `retry`: transient (5xx, 408, 429, connection reset or cut mid-body, stall timeout): try again
 *   with backoff, resuming from the bytes already written (platform.md: the SDK does not).
 * - `fatal`: the whole run cannot go on (403: wrong account key or SAS; endpoint unreachable).
 * - `component`: only this blob/range failed (404 blob gone, 412 blob changed, 416 range).
 */
export type ErrorDisposition = 'retry' | 'fatal' | 'component';

export interface ClassifiedError {
  disposition: ErrorDisposition;
  /** Import/Export status code: BlobRequestForbidden, BlobRequestFailed, BlobUnexpectedChange. */
  statusCode: string;
  /** HTTP status when there was a response. */
  httpStatus?: number;
  /** Plain words, no URL (URLs may carry a SAS). */
  detail: string;
  /** True when the endpoint could not be reached at all (connection refused, no such host): once retries are spent, the run stops. */
  unreachable?: boolean;
}

const TRANSIENT_CODES = new Set(['ECONNRESET', 'ECONNABORTED', 'EPIPE', 'ETIMEDOUT', 'ESOCKETTIMEDOUT', 'EAI_AGAIN', 'UND_ERR_SOCKET', 'ERR_STREAM_PREMATURE_CLOSE', 'REQUEST_SEND_ERROR']);
const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH']);

/** Reads `statusCode`, `code` and `name` from anything thrown by the SDK or by Node streams. */
export function classifyStorageError(err: unknown): ClassifiedError {
  const e = (err ?? {}) as { statusCode?: number; code?: string; name?: string; message?: string; cause?: { code?: string } };
  const status = typeof e.statusCode === 'number' ? e.statusCode : undefined;
  const code = e.code ?? e.cause?.code ?? '';
  const msg = String(e.message ?? '');
  if (status === 403 || status === 401) {
    return { disposition: 'fatal', statusCode: 'BlobRequestForbidden', httpStatus: status, detail: 'The storage account refused the request (HTTP 403). The account key or container SAS is wrong, expired, or lacks read permission.' };
  }
  if (status === 404) return { disposition: 'component', statusCode: 'BlobRequestFailed', httpStatus: status, detail: 'The blob (or its snapshot) no longer exists in the storage account (HTTP 404).' };
  if (status === 412) return { disposition: 'component', statusCode: 'BlobUnexpectedChange', httpStatus: status, detail: 'The blob changed since it was exported (its ETag no longer matches, HTTP 412).' };
  if (status === 416) return { disposition: 'component', statusCode: 'BlobRequestFailed', httpStatus: status, detail: 'The requested range is beyond the end of the blob (HTTP 416).' };
  if (status !== undefined && (status >= 500 || status === 408 || status === 429)) {
    return { disposition: 'retry', statusCode: 'BlobRequestFailed', httpStatus: status, detail: `The Blob service answered HTTP ${status}; retrying.` };
  }
  if (UNREACHABLE_CODES.has(code) || /ECONNREFUSED|ENOTFOUND|EHOSTUNREACH|ENETUNREACH/.test(msg)) {
    return { disposition: 'retry', statusCode: 'BlobRequestFailed', detail: `The blob endpoint cannot be reached (${code || 'connection refused'}).`, unreachable: true };
  }
  if (TRANSIENT_CODES.has(code) || e.name === 'AbortError' || e.name === 'StallError' || /socket hang up|aborted|premature|terminated|ECONNRESET/i.test(msg)) {
    return { disposition: 'retry', statusCode: 'BlobRequestFailed', detail: `The connection was interrupted (${code || e.name || 'reset'}); resuming.` };
  }
  if (status !== undefined) return { disposition: 'component', statusCode: 'BlobRequestFailed', httpStatus: status, detail: `The Blob service answered HTTP ${status}.` };
  return { disposition: 'component', statusCode: 'Failed', detail: msg.replace(/https?:\/\/\S+/g, '<url>') || 'Unknown error.' };
}
