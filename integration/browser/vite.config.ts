import { defineConfig } from 'vite';

// Inside this repository the selfsup packages resolve to their TypeScript sources (the
// `@selfsup/source` condition); an app that installs them from npm needs no `resolve` here.
export default defineConfig({
  resolve: { conditions: ['@selfsup/source', 'module', 'browser', 'development|production'] },
  build: { target: 'es2022' },
});
