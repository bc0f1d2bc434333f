import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

export default defineConfig(
  globalIgnores(['dist/', 'coverage/', 'bench/results.json', '**/__screenshots__/', '.vitest-attachments/']),
  js.configs.recommended,
  ts.configs.recommended,
  svelte.configs.recommended,
  {
    // The app and the tests that run inside Chromium.
    files: ['src/**', 'tests/browser/**', 'tests/setup/browser.ts'],
    languageOptions: { globals: globals.browser },
  },
  {
    // Code that runs in Node. The benchmark and e2e tests also pass functions to
    // `page.evaluate`, which run in the page.
    files: [
      '*.{js,mjs,ts}',
      'scripts/**',
      'bench/**',
      'tests/unit/**',
      'tests/e2e/**',
      'tests/setup/{unit,e2e-global,environment}.ts',
    ],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
    languageOptions: {
      parserOptions: {
        parser: ts.parser,
        extraFileExtensions: ['.svelte'],
        svelteConfig,
      },
    },
  },
  {
    rules: {
      // Vitest fixtures must destructure their first parameter, even when they use none of it.
      'no-empty-pattern': ['error', { allowObjectPatternsAsParameters: true }],
      // `_unused` marks a parameter kept for its position.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
    },
  },
);
