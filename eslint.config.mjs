// Flat ESLint config: typescript-eslint with type information (no-floating-promises: every
// LSP handler is async) and import bans that keep the engine and shared/ pure.
import tseslint from 'typescript-eslint';
import js from '@eslint/js';

const nodeBuiltins = ['fs', 'path', 'child_process', 'os', 'process', 'net', 'http', 'https', 'worker_threads', 'url', 'util', 'crypto'];
const bannedInPure = [
  ...nodeBuiltins.flatMap((m) => [m, `node:${m}`, `${m}/*`, `node:${m}/*`]),
  'vscode',
  'vscode-languageserver',
  'vscode-languageserver/*',
  'vscode-languageclient',
  'vscode-languageclient/*',
];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', '.vscode-test/**', 'test-results/**', '**/*.mjs', '**/*.js', '**/*.cjs', '.bench/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true }],
      '@typescript-eslint/no-unnecessary-type-assertion': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  {
    // The engine is pure: text in, findings and edits out (style.md habit 1).
    files: ['server/src/engine/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: bannedInPure, patterns: [{ group: ['**/lsp/**', '**/cli/**', '**/client/**'], message: 'The engine may not import the LSP, CLI or client layers.' }] }] },
  },
  {
    // shared/ holds types and constants both processes import: no runtime dependencies.
    files: ['shared/src/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: bannedInPure, patterns: ['vscode-languageserver-*', 'dockerfile-ast', 'yaml'] }] },
  },
  {
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-floating-promises': ['error', { allowForKnownSafeCalls: [{ from: 'package', package: 'node:test', name: ['it', 'describe', 'test', 'suite'] }] }],
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
);
