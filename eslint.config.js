// One lint config for the whole repo. The rule that matters most: src/sim stays a pure engine
// (no React, DOM, D3, zustand, worker globals), so it runs the same in Node, the worker and the CLI.
// The same holds for the layers above it that Node runs too: manifests, explain, kubectl, share,
// labs (tests included) and pipeline (parse → simulate → frames, which the worker only wraps).
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
      'src/pipeline/**/*.ts',
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
);
