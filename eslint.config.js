// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * The layer arrows of docs/design.md, enforced: ui → engine → sim, server → sim, and
 * nothing outside sim/ reaches past its facade (sim/index.ts).
 */
const UI_PACKAGES = ['react', 'react/*', 'ink', 'ink-*', 'marked', 'marked-terminal'];
const simFacadeOnly = {
  group: ['**/sim/*', '**/sim/**', '!**/sim/index.js'],
  message: 'Reach the simulator only through its facade, src/sim/index.ts.',
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['bin/**/*.js'],
    languageOptions: { globals: { process: 'readonly', URL: 'readonly', console: 'readonly' } },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/sim/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: UI_PACKAGES.filter((p) => !p.includes('*')),
          patterns: [
            { group: UI_PACKAGES.filter((p) => p.includes('*')), message: 'The simulator never imports UI code.' },
            { group: ['**/ui/**', '**/engine/**', '**/server/**', '**/cli.js'], message: 'Nothing in src/sim imports the layers above it.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/lib/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/sim/**', '**/ui/**', '**/engine/**', '**/server/**'], message: 'src/lib holds domain-free helpers only.' }] },
      ],
    },
  },
  {
    files: ['src/engine/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: UI_PACKAGES.filter((p) => !p.includes('*')),
          patterns: [simFacadeOnly, { group: ['**/ui/**', '**/server/**'], message: 'engine/ sits below ui/ and beside server/.' }],
        },
      ],
    },
  },
  {
    files: ['src/server/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: UI_PACKAGES.filter((p) => !p.includes('*')), patterns: [simFacadeOnly, { group: ['**/ui/**', '**/engine/**'], message: 'server/ talks to the simulator only.' }] },
      ],
    },
  },
  {
    files: ['src/ui/**/*.ts', 'src/ui/**/*.tsx'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [simFacadeOnly, { group: ['**/server/**'], message: 'ui/ reaches the endpoint only through cli.ts wiring.' }] }],
    },
  },
);
