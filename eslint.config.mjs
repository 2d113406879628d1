// ESLint for the whole monorepo: type-aware typescript-eslint rules on every TypeScript file
// (apps, libs, tests, scripts and the web app), with Prettier owning the layout.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      '**/dist/**',
      'coverage/**',
      '.data/**',
      'test-results/**',
      'playwright-report/**',
      'apps/web/src/graphql-env.d.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
  },
  {
    files: ['**/*.mjs', '**/*.js', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    // CommonJS modules (log-scan.cjs, shared by jest's ESM global teardown and the TypeScript
    // tests; jest.config.js, which jest loads with require) can only load theirs with require().
    files: ['**/*.cjs', 'jest.config.js'],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Tests read GraphQL answers as parsed JSON and check their shape with expect(): member access
    // on those values is what the assertions are for. Explicit `any` stays an error everywhere.
    files: [
      'test/**/*.ts',
      '**/*.spec.ts',
      '**/*.int-spec.ts',
      '**/*.e2e-spec.ts',
      'apps/web/e2e/**/*.ts',
      'apps/web/src/**/*.test.tsx',
      'libs/testing/**/*.ts',
    ],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
    },
  },
  {
    // React ignores what an event handler returns, so `onClick={async () => ...}` is the normal
    // form; the handlers report failures themselves (urql resolves with { error }, never rejects).
    // Promises passed anywhere else must still be awaited or voided.
    files: ['apps/web/src/**/*.tsx'],
    rules: {
      '@typescript-eslint/no-misused-promises': [
        'error',
        { checksVoidReturn: { attributes: false } },
      ],
    },
  },
  prettier,
);
