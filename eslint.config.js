// Lint (`npm run lint`, part of `npm test`): typescript-eslint's recommended rules, React hooks rules
// for the renderer. Rules that only repeat what `npm run typecheck` already enforces are off.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

export default tseslint.config(
  {
    ignores: [
      // Build output.
      '**/node_modules/', 'dist/', 'dist-electron/', 'dist-node/', 'release/', 'test-artifacts/', 'coverage/', 'bench/out/',
      // Fixtures are data (saved pages, an insecure Electron app for electronegativity), not our code.
      'test/fixtures/', 'test/electron/fixtures/',
      // Vendored declarations (Electron's API types kept without the Electron package).
      'packaging/**/*.d.ts',
    ],
  },
  {
    files: ['**/*.{ts,tsx,js,mjs,cjs}'],
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: 'module',
      globals: { ...globals.node },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // tsc's noUnusedLocals / noUnusedParameters already report these, with the compiler's exact view.
      '@typescript-eslint/no-unused-vars': 'off',
      // `any` is used deliberately at a few untyped boundaries (pdf.js, worker messages).
      '@typescript-eslint/no-explicit-any': 'off',
      // Types already say what may be undefined; the non-null assertions mark checked invariants.
      '@typescript-eslint/no-non-null-assertion': 'off',
      // Cleaning documents means matching control characters on purpose.
      'no-control-regex': 'off',
      // Chinese text carries the ideographic space (U+3000) in patterns and templates.
      'no-irregular-whitespace': ['error', { skipStrings: true, skipTemplates: true, skipRegExps: true, skipComments: true }],
      '@typescript-eslint/no-unused-expressions': ['error', { allowShortCircuit: true, allowTernary: true }],
    },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
    },
  },
  {
    files: ['test/renderer/**/*.{ts,tsx}', 'test/e2e/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
  },
);
