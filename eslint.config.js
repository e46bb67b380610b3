import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { layersPlugin } from './eslint/layers.js';

export default tseslint.config(
  { ignores: ['node_modules', 'dist', 'data', 'test-results', 'coverage'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', fetch: 'readonly', Buffer: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // The domain is pure: no I/O, no adapters.
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['node:*', 'fs', 'http', '../store/*', '../sync/*', '../server/*', '../rms/*', '../sandbox/*', 'kysely', 'pg', 'better-sqlite3', 'fastify'] }],
    },
  },
  {
    // The layer table of docs/ARCHITECTURE.md (eslint/layers.js).
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    plugins: { layers: layersPlugin },
    rules: { 'layers/layer-imports': 'error' },
  },
  {
    // Repositories are built by the store facade (src/store/store.ts) alone.
    files: ['src/**/*.ts', 'test/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts'],
    ignores: ['src/store/**'],
    rules: {
      'no-restricted-syntax': ['error', { selector: 'NewExpression[callee.name=/Repository$/]', message: 'ask the Store (src/store/store.ts) for the repository' }],
    },
  },
);
