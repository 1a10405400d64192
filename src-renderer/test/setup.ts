/** Test set-up: a fresh DOM and fresh stores for every test. */
import { afterEach, beforeEach } from 'vitest';
import { cleanup, configure } from '@testing-library/react';
import { resetAllStores } from '../stores/index.ts';
import { resetApiCache } from '../api/index.ts';

// happy-dom's Web Animations reject when Fluent cancels them on unmount; without `animate`, Fluent's
// motion uses its test path (no animation).
Object.defineProperty(Element.prototype, 'animate', { value: undefined, configurable: true, writable: true });

// CI machines are small and busy: give findBy*/waitFor more than the default second.
configure({ asyncUtilTimeout: 5000 });

beforeEach(() => {
  resetAllStores();
  resetApiCache();
});

afterEach(() => {
  cleanup();
  resetAllStores();
  delete window.api;
  sessionStorage.clear();
});
