/** A value the host computes for an input (a path, a set of credentials), and where that stands. */
import type { ErrorInfo } from '../../src-shared/errors.ts';

export type Loadable<T> =
  | { status: 'idle' }
  | { status: 'loading'; key: string }
  | { status: 'ready'; key: string; value: T }
  | { status: 'error'; key: string; error: ErrorInfo };

export const IDLE: { status: 'idle' } = { status: 'idle' };

/** The value when `l` is ready for `key`. */
export function readyFor<T>(l: Loadable<T>, key: string): T | undefined {
  return l.status === 'ready' && l.key === key ? l.value : undefined;
}
