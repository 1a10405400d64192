/**
 * Vite build of the wizard (src-renderer → dist/renderer). No plugin: Vite's own Oxc transform
 * compiles TSX with React's automatic JSX runtime. `base: './'` keeps asset URLs relative, so the
 * built page works from Electron's file:// (or app://) origin and from the loopback browser host.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = (p: string): string => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  root: here('./src-renderer'),
  base: './',
  publicDir: false,
  oxc: {
    jsx: { runtime: 'automatic', importSource: 'react' },
  },
  build: {
    outDir: here('./dist/renderer'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    // A local page: one script is fine, and Fluent alone is most of it.
    chunkSizeWarningLimit: 2000,
    rolldownOptions: {
      onwarn(warning, warn) {
        // Fluent's packages start with 'use client' (for React Server Components); meaningless here.
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
  server: { host: '127.0.0.1', strictPort: false },
});
