// Lint rules, including the layering of the design card: the engine never imports electron,
// src-shared imports neither Node nor Electron nor DOM-only code, the renderer never imports Node.
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['node:*', 'fs', 'fs/*', 'path', 'os', 'crypto', 'child_process', 'worker_threads', 'stream', 'stream/*', 'http', 'https', 'net', 'url', 'util', 'events'];

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'out/**', 'demo-output/**', 'bench/results.json'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src-shared/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: [...nodeBuiltins, 'electron', 'react', 'react-dom', '**/src-main/**', '**/src-renderer/**'], message: 'src-shared is pure: no Node, Electron, DOM or app imports.' }] }],
    },
  },
  {
    // Tests of pure code run under Node's test runner.
    files: ['src-shared/**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['electron', 'react', 'react-dom', '**/src-main/**', '**/src-renderer/**'], message: 'src-shared tests use only node:test, node:assert and test libraries.' }] }] },
  },
  {
    files: ['src-main/engine/**', 'src-main/cli/**', 'src-main/host/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['electron', 'electron/*', '**/src-renderer/**', '**/app/**'], message: 'The engine, host and CLI never import Electron or the renderer.' }] }],
    },
  },
  {
    files: ['src-renderer/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: [...nodeBuiltins, 'electron', '**/src-main/**'], message: 'The renderer never imports Node or Electron; use window.api.' }] }],
    },
  },
);
