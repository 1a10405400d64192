/** The browser-host client (fetch + EventSource) and getApi's choice between it and the preload. */
import { describe, expect, it, vi } from 'vitest';
import type { EngineEvent } from '../../src-shared/engine-protocol.ts';
import type { WindowApi } from '../../src-shared/ipc/contract.ts';
import { createWebApi, type EventSourceLike } from './web-client.ts';
import { getApi, takeTokenFromLocation } from './index.ts';

/** A fake browser host: answers POST /api/<channel> like the real one, records requests. */
function fakeHost(answer: (channel: string, body: unknown) => { status: number; body: string }) {
  const requests: Array<{ url: string; method: string; headers: Record<string, string>; body: string | undefined }> = [];
  const fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    const headers = Object.fromEntries(Object.entries((init?.headers ?? {}) as Record<string, string>).map(([k, v]) => [k.toLowerCase(), v]));
    const body = init?.body === undefined ? undefined : String(init.body);
    requests.push({ url, method: init?.method ?? 'GET', headers, body });
    const channel = decodeURIComponent(url.replace(/^.*\/api\//, ''));
    const a = answer(channel, body === undefined ? undefined : JSON.parse(body));
    return new Response(a.body, { status: a.status, headers: { 'content-type': 'application/json' } });
  });
  return { fetch: fetch as unknown as typeof globalThis.fetch, requests };
}

class FakeEventSource implements EventSourceLike {
  static last: FakeEventSource | undefined;
  onmessage: ((e: { data: string }) => void) | null = null;
  onerror: ((e: unknown) => void) | null = null;
  closed = false;
  constructor(readonly url: string) {
    FakeEventSource.last = this;
  }
  close(): void {
    this.closed = true;
  }
  send(data: string): void {
    this.onmessage?.({ data });
  }
}

describe('web API client', () => {
  it('posts the params as JSON with the token and returns the ApiResult', async () => {
    const host = fakeHost((channel, body) => ({ status: 200, body: JSON.stringify({ ok: true, value: { channel, body } }) }));
    const api = createWebApi({ token: 'T0K3N', baseUrl: 'http://127.0.0.1:4567/', fetch: host.fetch });
    const r = await api['copyLog.inspect']({ path: 'C:\\logs\\x.xml' });
    expect(r).toEqual({ ok: true, value: { channel: 'copyLog.inspect', body: { path: 'C:\\logs\\x.xml' } } });
    expect(host.requests[0]).toMatchObject({
      url: 'http://127.0.0.1:4567/api/copyLog.inspect',
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-waie-token': 'T0K3N' },
      body: '{"path":"C:\\\\logs\\\\x.xml"}',
    });
  });

  it('sends no body for channels without params', async () => {
    const host = fakeHost(() => ({ status: 200, body: JSON.stringify({ ok: true, value: { status: 'idle' } }) }));
    const api = createWebApi({ token: 't', fetch: host.fetch });
    expect(await api['repair.state']()).toEqual({ ok: true, value: { status: 'idle' } });
    expect(host.requests[0]?.url).toBe('/api/repair.state');
    expect(host.requests[0]?.body).toBeUndefined();
  });

  it('passes errors from the host through as data', async () => {
    const error = { code: 'BAD_INPUT', title: 'No such file', detail: 'x', statusCode: 'FileNotFound' };
    const host = fakeHost(() => ({ status: 200, body: JSON.stringify({ ok: false, error }) }));
    const api = createWebApi({ token: 't', fetch: host.fetch });
    expect(await api['manifest.inspect']({ path: 'x' })).toEqual({ ok: false, error });
  });

  it('turns a wrong token, an HTTP error and an unreachable host into errors, never throws', async () => {
    const host = fakeHost((channel) => (channel === 'app.info' ? { status: 401, body: 'Missing or wrong token' } : { status: 500, body: 'Internal error: boom' }));
    const api = createWebApi({ token: 'wrong', fetch: host.fetch });
    const denied = await api['app.info']();
    expect(denied.ok).toBe(false);
    if (!denied.ok) expect(denied.error.code).toBe('HOST_TOKEN');
    const broken = await api['settings.get']();
    expect(broken.ok).toBe(false);
    if (!broken.ok) {
      expect(broken.error.code).toBe('HOST_HTTP');
      expect(broken.error.detail).toContain('Internal error: boom');
    }
    const down = createWebApi({ token: 't', fetch: (async () => { throw new TypeError('Failed to fetch'); }) as unknown as typeof fetch });
    const r = await down['repair.cancel']();
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('HOST_UNREACHABLE');
  });

  it('has a function for every channel', () => {
    const api = createWebApi({ token: 't', fetch: fakeHost(() => ({ status: 200, body: '{}' })).fetch });
    for (const channel of ['app.info', 'drives.list', 'drives.unlock', 'repair.start', 'report.save', 'fs.list', 'secrets.recall'] as const) {
      expect(typeof api[channel]).toBe('function');
    }
  });

  it('streams engine events from /api/events with the token, one EventSource for all listeners', () => {
    const sources: FakeEventSource[] = [];
    const api = createWebApi({ token: 'a b', baseUrl: 'http://h', fetch: fakeHost(() => ({ status: 200, body: '{}' })).fetch, createEventSource: (url) => { const s = new FakeEventSource(url); sources.push(s); return s; } });
    const a: EngineEvent[] = [];
    const b: EngineEvent[] = [];
    const offA = api.onEvent((e) => a.push(e));
    const offB = api.onEvent((e) => b.push(e));
    expect(sources).toHaveLength(1);
    expect(sources[0]!.url).toBe('http://h/api/events?token=a%20b');
    sources[0]!.send(JSON.stringify({ type: 'paused', paused: true }));
    sources[0]!.send('not json');
    sources[0]!.send(JSON.stringify({ nope: 1 }));
    expect(a).toEqual([{ type: 'paused', paused: true }]);
    expect(b).toEqual(a);
    offA();
    expect(sources[0]!.closed).toBe(false);
    offB();
    expect(sources[0]!.closed).toBe(true);
  });

  it('uses the global EventSource by default', () => {
    vi.stubGlobal('EventSource', FakeEventSource);
    try {
      const api = createWebApi({ token: 'tok', fetch: fakeHost(() => ({ status: 200, body: '{}' })).fetch });
      const seen: EngineEvent[] = [];
      api.onEvent((e) => seen.push(e));
      expect(FakeEventSource.last?.url).toBe('/api/events?token=tok');
      FakeEventSource.last!.send(JSON.stringify({ type: 'cancelled' }));
      expect(seen).toEqual([{ type: 'cancelled' }]);
    } finally {
      vi.unstubAllGlobals();
    }
  });
});

describe('getApi', () => {
  it('uses the preload’s window.api when there is one', () => {
    const preload = { marker: true } as unknown as WindowApi;
    window.api = preload;
    expect(getApi()).toBe(preload);
  });

  it('otherwise talks to the browser host with the token from the URL, and removes it from the address bar', async () => {
    history.replaceState(null, '', '/wizard/?token=s3cr3t&x=1#top');
    const fetch = vi.fn(async () => new Response(JSON.stringify({ ok: true, value: {} }), { status: 200 }));
    vi.stubGlobal('fetch', fetch);
    try {
      const api = getApi();
      expect(location.search).toBe('?x=1');
      expect(location.hash).toBe('#top');
      expect(location.href).not.toContain('s3cr3t');
      await api['settings.get']();
      const init = (fetch.mock.calls[0] as unknown as [string, RequestInit])[1];
      expect((init.headers as Record<string, string>)['x-waie-token']).toBe('s3cr3t');
      expect(getApi()).toBe(api);
      // A reload (no token in the URL any more) still has it, for this tab only.
      expect(takeTokenFromLocation()).toBe('s3cr3t');
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
