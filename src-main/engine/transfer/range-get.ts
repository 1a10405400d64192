/**
 * Ranged GETs of a blob over undici's dispatcher: the response body goes from the HTTP parser to a
 * callback chunk by chunk, with no stream objects in between. This is the engine's hot path (bench 2:
 * every repaired byte passes here); the SDK's `BlobClient.download` hands the body through two readable
 * streams and an async iterator per 64 KiB chunk (BENCHMARKS.md, "What limits each figure": the engine
 * thread used 1.5 times the SDK's own download's CPU per byte before, about the same after).
 *
 * Requests are the Blob service's Get Blob (REST: `GET <blob URL>`, `x-ms-range: bytes=<first>-<last>`,
 * `If-Match: <ETag>`), authorised by the SAS in the URL: the user's container SAS, or a read-only SAS
 * for that one blob that the SDK signs with the account key (credentials.ts `readUrl`). Proxies are
 * taken from `HTTPS_PROXY`/`HTTP_PROXY`/`NO_PROXY`, as the SDK does.
 */
import { EnvHttpProxyAgent, type Dispatcher } from 'undici';

/** REST API version sent with every range request (Get Blob with `x-ms-range` and `If-Match`). */
export const RANGE_API_VERSION = '2021-08-06';

/** What {@link RangeSource.read} is asked for. Offsets and lengths in bytes. */
export interface RangeReadOptions {
  /** Only when the blob still has this ETag (else HTTP 412). */
  ifMatch?: string;
  /** Aborting it cuts the request off; `read` rejects with the signal's reason. */
  signal: AbortSignal;
  /**
   * Each chunk of the body, in order. A returned promise holds the next chunk back (the socket is
   * paused) until it settles; a rejection cuts the request off with that error.
   */
  onData(chunk: Buffer): void | Promise<void>;
}

/** Where the bytes of one blob come from. */
export interface RangeSource {
  /**
   * GETs [offset, offset+count) of the blob and hands the body to `onData`. Resolves when the body has
   * ended (the caller checks that all bytes came). Rejects with an Error carrying `statusCode` and
   * `code` (the service's `x-ms-error-code`) for an answer other than 200/206, with undici's error
   * (`code` `UND_ERR_*`, `ECONNRESET`, …) when the connection fails, and with the signal's reason when
   * aborted. Never puts the URL in an error (it carries a SAS).
   */
  read(offset: number, count: number, o: RangeReadOptions): Promise<void>;
}

/** Error for an HTTP answer other than 200/206: `statusCode`, and `code` from `x-ms-error-code`. */
export class RangeHttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string | undefined,
  ) {
    super(`The Blob service answered HTTP ${statusCode}${code ? ` (${code})` : ''}.`);
    this.name = 'RangeHttpError';
  }
}

function header(h: Record<string, string | string[] | undefined>, name: string): string | undefined {
  const v = h[name];
  return Array.isArray(v) ? v[0] : v;
}

/**
 * The ranged-GET client of a run: one connection pool (undici agent) shared by its transfers. Close it
 * when the run ends.
 */
export class BlobRangeReader {
  private readonly agent: Dispatcher;

  /** `connections`: most connections per endpoint (the run's transfer concurrency is enough). */
  constructor(connections = 16) {
    this.agent = new EnvHttpProxyAgent({ connections, keepAliveTimeout: 10_000 });
  }

  /** A {@link RangeSource} for the blob at `url` (the blob's URL with its SAS query). */
  source(url: string): RangeSource {
    const u = new URL(url);
    const origin = u.origin;
    const path = u.pathname + u.search;
    return { read: (offset, count, o) => this.read(origin, path, offset, count, o) };
  }

  /** Closes idle connections and refuses new requests. */
  async close(): Promise<void> {
    await this.agent.close();
  }

  private read(origin: string, path: string, offset: number, count: number, o: RangeReadOptions): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      o.signal.throwIfAborted();
      let settled = false;
      let controller: Dispatcher.DispatchController | undefined;
      let status = 0;
      let errorCode: string | undefined;
      const finish = (err?: unknown): void => {
        if (settled) return;
        settled = true;
        o.signal.removeEventListener('abort', onAbort);
        if (err === undefined) resolve();
        else reject(err);
      };
      const onAbort = (): void => {
        controller?.abort(o.signal.reason as Error);
        finish(o.signal.reason);
      };
      o.signal.addEventListener('abort', onAbort, { once: true });
      const headers: Record<string, string> = {
        'x-ms-version': RANGE_API_VERSION,
        'x-ms-range': `bytes=${offset}-${offset + count - 1}`,
        'user-agent': 'waie',
      };
      if (o.ifMatch) headers['if-match'] = o.ifMatch;
      this.agent.dispatch(
        { origin, path, method: 'GET', headers },
        {
          onRequestStart(c) {
            controller = c;
            if (o.signal.aborted) c.abort(o.signal.reason as Error);
          },
          onResponseStart(c, statusCode, h) {
            if (statusCode < 200) return;
            status = statusCode;
            errorCode = header(h, 'x-ms-error-code');
            if (statusCode !== 200 && statusCode !== 206) return; // the error body is read and dropped
            // A 200 answers the whole blob: only right when the range starts at 0.
            const range = header(h, 'content-range');
            if (statusCode === 206 ? !range?.startsWith(`bytes ${offset}-`) : offset !== 0) {
              c.abort(Object.assign(new Error(`the answer does not start at byte ${offset} (Content-Range ${range ?? 'missing'})`), { code: 'RANGE_MISMATCH' }));
            }
          },
          onResponseData(c, chunk) {
            if (settled || (status !== 200 && status !== 206)) return;
            let r: void | Promise<void>;
            try {
              r = o.onData(chunk);
            } catch (err) {
              c.abort(err as Error);
              return;
            }
            if (r) {
              c.pause();
              r.then(
                () => c.resume(),
                (err: unknown) => c.abort(err as Error),
              );
            }
          },
          onResponseEnd() {
            finish(status === 200 || status === 206 ? undefined : new RangeHttpError(status, errorCode));
          },
          onResponseError(_c, err) {
            finish(o.signal.aborted ? o.signal.reason : err);
          },
        },
      );
    });
  }
}
