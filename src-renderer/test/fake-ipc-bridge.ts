/**
 * A fake IPC bridge for tests: an object implementing {@link WindowApi} the way the Electron preload
 * does (one async function per channel, `onEvent`), answering from handlers the test gives, recording
 * every call, and letting the test push engine events.
 */
import type { ApiResult, AppInfo, Channel, ParamsOf, ResultOf, WindowApi } from '../../src-shared/ipc/contract.ts';
import { CHANNELS } from '../../src-shared/ipc/contract.ts';
import type { EngineEvent } from '../../src-shared/engine-protocol.ts';
import type { ErrorInfo } from '../../src-shared/errors.ts';
import { act } from '@testing-library/react';

export type FakeHandler<C extends Channel> = (params: ParamsOf<C>) => ApiResult<ResultOf<C>> | Promise<ApiResult<ResultOf<C>>>;
export type FakeHandlers = { [C in Channel]?: FakeHandler<C> };

export interface FakeIpcBridge {
  api: WindowApi;
  /** Every call, in order. */
  calls: Array<{ channel: Channel; params: unknown }>;
  /** The params of every call of `channel`. */
  callsOf<C extends Channel>(channel: C): Array<ParamsOf<C>>;
  /** Pushes an engine event to every listener (inside act()). */
  emit(event: EngineEvent): void;
  /** Replaces or adds handlers. */
  handle(handlers: FakeHandlers): void;
  listenerCount(): number;
}

export const ok = <T>(value: T): ApiResult<T> => ({ ok: true, value });
export const fail = (error: Partial<ErrorInfo> & { code: string }): ApiResult<never> => ({
  ok: false,
  error: { title: error.code, detail: '', ...error },
});

export function fakeAppInfo(patch: Partial<AppInfo> = {}): AppInfo {
  return {
    version: '0.1.0-test',
    host: 'electron',
    platform: 'linux',
    elevated: null,
    sampleAvailable: true,
    nativeDialogs: false,
    canRememberSecrets: false,
    systemLanguage: 'en-US',
    ...patch,
  };
}

const DEFAULTS: FakeHandlers = {
  'app.info': () => ok(fakeAppInfo()),
  'settings.get': () => ok({}),
  'settings.set': (s) => ok(s),
  'repair.state': () => ok({ status: 'idle' }),
  'repair.reset': () => ok({ status: 'idle' }),
  'drives.list': () => ok([]),
  'manifest.find': () => ok(null),
};

export function createFakeIpcBridge(handlers: FakeHandlers = {}): FakeIpcBridge {
  const table: FakeHandlers = { ...DEFAULTS, ...handlers };
  const calls: FakeIpcBridge['calls'] = [];
  const listeners = new Set<(e: EngineEvent) => void>();
  const api: Record<string, unknown> = {};
  for (const channel of CHANNELS) {
    api[channel] = async (params?: unknown) => {
      calls.push({ channel, params });
      const h = table[channel] as ((p: unknown) => ApiResult<unknown> | Promise<ApiResult<unknown>>) | undefined;
      if (!h) return fail({ code: 'NOT_FAKED', title: `${channel} is not faked in this test` });
      return h(params);
    };
  }
  api.onEvent = (listener: (e: EngineEvent) => void) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  };
  return {
    api: api as WindowApi,
    calls,
    callsOf: <C extends Channel>(channel: C) => calls.filter((c) => c.channel === channel).map((c) => c.params as ParamsOf<C>),
    emit(event) {
      act(() => {
        for (const l of [...listeners]) l(event);
      });
    },
    handle(more) {
      Object.assign(table, more);
    },
    listenerCount: () => listeners.size,
  };
}
