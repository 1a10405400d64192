/**
 * Vitest for the wizard: happy-dom (jsdom does not run on Node 20), React's automatic JSX runtime via
 * Vite's Oxc transform, stores and i18n reset between tests by the setup file.
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  oxc: {
    jsx: { runtime: 'automatic', importSource: 'react' },
  },
  test: {
    environment: 'happy-dom',
    include: ['src-renderer/**/*.test.tsx'],
    setupFiles: ['src-renderer/test/setup.ts'],
    restoreMocks: true,
    testTimeout: 20_000,
  },
});
