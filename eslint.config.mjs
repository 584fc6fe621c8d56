// ESLint (typescript-eslint) with the project's layering rules:
// - the renderer imports nothing from src-main except the shared contract (src-main/shared);
// - Electron is imported by the three shell files only;
// - services and the database layer know nothing of transport (router, bridge, Electron);
// - the renderer's store imports no screen (features/, components/).
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const ELECTRON_SHELL = ['src-main/main.ts', 'src-main/preload.ts', 'src-main/ipc-electron.ts'];

/** What no renderer file may import (the store's block adds to these: a rule's options are replaced, not merged). */
const RENDERER_IMPORTS = [
  {
    regex: 'src-main/(?!shared/)',
    message: 'The renderer may import only src-main/shared (the contract) from the main side.',
  },
  {
    group: ['electron', 'better-sqlite3', 'node:*'],
    message: 'The renderer runs in a sandboxed page.',
  },
];

export default defineConfig(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**'] },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      'no-restricted-imports': ['error', { patterns: RENDERER_IMPORTS }],
    },
  },
  {
    // The store sits below the screens: features and components read it, never the other way.
    files: ['src-renderer/store/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...RENDERER_IMPORTS,
            {
              regex: '(^|/)(features|components)/',
              message: 'The store imports no screen: move what both need into the store or src-main/shared.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src-main/**/*.ts'],
    ignores: ELECTRON_SHELL,
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'electron', message: 'Electron is imported by the shell files only.' }] },
      ],
    },
  },
  {
    files: ['src-main/services/**/*.ts', 'src-main/db/**/*.ts', 'src-main/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'Services know nothing of Electron.' }],
          patterns: [
            {
              regex: '(^|/)(router|bridge|ipc-electron|main|preload)(\\.ts)?$',
              message: 'Services know nothing of transport.',
            },
          ],
        },
      ],
    },
  },
);
