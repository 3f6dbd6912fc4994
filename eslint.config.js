// ESLint with typescript-eslint (flat config). The rules that keep tuxconf's layering and sizes:
// see CONTRIBUTING.md. Local rules live in eslint/ (plain JavaScript, no build step).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import tuxconf from './eslint/tuxconf-rules.js';

/** The severity of the src/ui rules (errors: the UI is in panes since issue 11). */
const UI_SEVERITY = 'error';

const sizeRules = (severity) => ({
  'max-lines-per-function': [severity, { max: 80, skipBlankLines: true, skipComments: true, IIFEs: true }],
});

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'tmp/**', 'fixtures/**', 'src/engine/native/**', 'bench/pty-driver.py'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,js}'],
    plugins: { tuxconf },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-explicit-any': 'error',
      // A terminal program matches escape sequences and control characters on purpose.
      'no-control-regex': 'off',
    },
  },
  {
    // Plain JavaScript run by node (bench helpers, these rules): node's globals.
    files: ['**/*.{js,mjs}'],
    languageOptions: {
      globals: { process: 'readonly', URL: 'readonly', performance: 'readonly', console: 'readonly', Buffer: 'readonly', setTimeout: 'readonly' },
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    rules: {
      'tuxconf/layers': 'error',
      'tuxconf/no-message-matching': 'error',
      ...sizeRules('error'),
    },
  },
  {
    // Hooks stay small: a hook file holds one hook and what only it uses.
    files: ['src/ui/**/use-*.{ts,tsx}'],
    rules: { 'max-lines': [UI_SEVERITY, { max: 150, skipBlankLines: false, skipComments: false }], 'tuxconf/hook-length': UI_SEVERITY },
  },
  {
    files: ['test/ui/**/*.{ts,tsx}'],
    rules: { 'no-regex-spaces': UI_SEVERITY },
  },
  {
    files: ['src/ui/**/*.{ts,tsx}'],
    rules: {
      'tuxconf/layers': UI_SEVERITY,
      'tuxconf/no-message-matching': UI_SEVERITY,
      'tuxconf/hook-length': UI_SEVERITY,
      ...sizeRules(UI_SEVERITY),
      '@typescript-eslint/no-unused-vars': [UI_SEVERITY, { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }],
    },
  },
);
