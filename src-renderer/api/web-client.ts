/**
 * The browser-host client: the same {@link WindowApi} as the Electron preload, over the loopback browser
 * host (`npx waie ui`). Each channel is `POST /api/<channel>` with the params as the JSON body and the
 * token in the `x-waie-token` header; the answer is the channel's ApiResult JSON. Engine events come as
 * Server-Sent Events from `GET /api/events?token=…`, one EngineEvent JSON per `data:` line.
 *
 * Like the preload, it never throws: transport failures become `{ ok: false, error }`.
 */
import type { ApiResult, Channel, WindowApi } from '../../src-shared/ipc/contract.ts';
import { CHANNELS } from '../../src-shared/ipc/contract.ts';
import type { EngineEvent } from '../../src-shared/engine-protocol.ts';
import type { ErrorInfo } from '../../src-shared/errors.ts';

/** The parts of `EventSource` the client uses (so tests can pass a fake). */
export interface EventSourceLike {
  onmessage: ((e: { data: string }) => void) | null;
  onerror: ((e: unknown) => void) | null;
  close(): void;
}

export interface WebApiOptions {
  /** The host's token (from the page URL). */
  token: string;
  /** Origin + path prefix of the host; '' means this page's origin. */
  baseUrl?: string;
  fetch?: typeof fetch;
  /** Creates the event stream; default `new EventSource(url)`. */
  createEventSource?: (url: string) => EventSourceLike;
}

function transportError(code: string, title: string, detail: string): ErrorInfo {
  return { code, title, detail };
}

function isApiResult(v: unknown): v is ApiResult<unknown> {
  if (typeof v !== 'object' || v === null || !('ok' in v)) return false;
  const r = v as { ok: unknown; error?: unknown };
  if (r.ok === true) return true;
  return r.ok === false && typeof r.error === 'object' && r.error !== null && typeof (r.error as ErrorInfo).code === 'string';
}

function isEngineEvent(v: unknown): v is EngineEvent {
  return typeof v === 'object' && v !== null && typeof (v as { type?: unknown }).type === 'string';
}

/** Creates the browser-host implementation of {@link WindowApi}. */
export function createWebApi(options: WebApiOptions): WindowApi {
  const base = (options.baseUrl ?? '').replace(/\/+$/, '');
  const doFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const createEventSource = options.createEventSource ?? ((url: string) => new EventSource(url) as unknown as EventSourceLike);

  async function call(channel: Channel, params: unknown): Promise<ApiResult<unknown>> {
    let response: Response;
    try {
      response = await doFetch(`${base}/api/${encodeURIComponent(channel)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-waie-token': options.token },
        body: params === undefined ? undefined : JSON.stringify(params),
        credentials: 'same-origin',
        cache: 'no-store',
      });
    } catch (err) {
      return { ok: false, error: transportError('HOST_UNREACHABLE', 'The waie host does not answer', `The request ${channel} did not reach the host (${err instanceof Error ? err.message : String(err)}). Check that \`waie ui\` is still running, then reload this page.`) };
    }
    let text = '';
    try {
      text = await response.text();
    } catch {
      // handled below: an empty body is not an ApiResult
    }
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = undefined;
    }
    if (isApiResult(body)) return body;
    if (response.status === 401) {
      return { ok: false, error: transportError('HOST_TOKEN', 'This page is not allowed to talk to the waie host', 'The access token is missing or wrong. Open the address `waie ui` printed (it ends in ?token=…) again.') };
    }
    return { ok: false, error: transportError('HOST_HTTP', `The waie host answered ${response.status}`, `${channel}: ${text.slice(0, 300) || response.statusText || 'no answer'}`) };
  }

  const listeners = new Set<(e: EngineEvent) => void>();
  let source: EventSourceLike | undefined;

  function open(): void {
    if (source) return;
    const s = createEventSource(`${base}/api/events?token=${encodeURIComponent(options.token)}`);
    s.onmessage = (message) => {
      let event: unknown;
      try {
        event = JSON.parse(message.data);
      } catch {
        return;
      }
      if (!isEngineEvent(event)) return;
      for (const listener of [...listeners]) listener(event);
    };
    // EventSource reconnects by itself after an error; nothing to do here.
    s.onerror = () => undefined;
    source = s;
  }

  const api: Record<string, unknown> = {};
  for (const channel of CHANNELS) api[channel] = (params?: unknown) => call(channel, params);
  api.onEvent = (listener: (e: EngineEvent) => void): (() => void) => {
    listeners.add(listener);
    open();
    return () => {
      listeners.delete(listener);
      if (listeners.size === 0 && source) {
        source.close();
        source = undefined;
      }
    };
  };
  return api as WindowApi;
}
