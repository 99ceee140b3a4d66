// One lint config for the whole repo. The rule that matters most: src/sim stays a pure engine
// (no React, DOM, D3, zustand, worker globals), so it runs the same in Node, the worker and the CLI.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const browserOnlyGlobals = [
  'window',
  'document',
  'self',
  'navigator',
  'localStorage',
  'postMessage',
];

export default tseslint.config(
  { ignores: ['dist', 'dist-cli', 'node_modules', '.ci-out', 'test-results', 'playwright-report'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['src/ui/**/*.{ts,tsx}', 'src/main.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.flat.recommended.rules,
  },
  {
    files: [
      'src/sim/**/*.ts',
      'src/manifests/**/*.ts',
      'src/explain/**/*.ts',
      'src/kubectl/**/*.ts',
      'src/share/**/*.ts',
      'src/labs/**/*.ts',
      'src/plan/**/*.ts',
    ],
    languageOptions: { globals: { ...globals.es2022 } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['react', 'react-*', 'react/*'],
              message: 'src/sim and src/manifests are pure: no React.',
            },
            { group: ['d3', 'd3-*'], message: 'src/sim and src/manifests are pure: no D3.' },
            {
              group: ['zustand', 'zustand/*'],
              message: 'src/sim and src/manifests are pure: no stores.',
            },
            {
              group: ['monaco-editor', 'monaco-*', '@monaco-editor/*'],
              message: 'No editor code in the engine.',
            },
            {
              group: ['**/ui/**', '**/worker/**'],
              message: 'The engine must not depend on the UI or the worker.',
            },
          ],
        },
      ],
      'no-restricted-globals': ['error', ...browserOnlyGlobals],
    },
  },
  {
    // Lab tests play solutions through the worker's pure pipeline (parse → simulate → checks), the
    // same code the browser runs; the lab code itself stays free of the UI and the worker.
    files: ['src/labs/**/*.test.ts', 'src/labs/testing.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/ui/**'], message: 'Lab tests must not depend on the UI.' },
            {
              group: ['react', 'react-*', 'd3', 'd3-*', 'zustand', 'monaco-*'],
              message: 'No UI libraries in lab tests.',
            },
          ],
        },
      ],
    },
  },
);
