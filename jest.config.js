/** Unit (*.spec.ts), integration (*.int-spec.ts) and end-to-end (*.e2e-spec.ts) tests. */
const base = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json', diagnostics: false }],
  },
  moduleNameMapper: {
    '^@causeway/([a-z-]+)$': '<rootDir>/libs/$1/src',
    '^@causeway/([a-z-]+)/(.*)$': '<rootDir>/libs/$1/src/$2',
  },
  setupFiles: ['<rootDir>/test/setup-env.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '<rootDir>/apps/web/'],
};

module.exports = {
  // test/global-setup.mjs makes one database (and Redis db) per worker, for at most 4 workers.
  maxWorkers: Math.max(1, Math.min(4, require('node:os').availableParallelism() - 1)),
  globalSetup: '<rootDir>/test/global-setup.mjs',
  globalTeardown: '<rootDir>/test/global-teardown.mjs',
  testTimeout: 60_000,
  projects: [
    { ...base, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs}/**/*.spec.ts'] },
    {
      ...base,
      displayName: 'integration',
      testMatch: ['<rootDir>/{apps,libs,test}/**/*.int-spec.ts'],
    },
    // Every e2e file ends by scanning the log lines it caused for secrets (test/log-guard.ts).
    {
      ...base,
      displayName: 'e2e',
      testMatch: ['<rootDir>/{apps,test}/**/*.e2e-spec.ts'],
      setupFilesAfterEnv: ['<rootDir>/test/log-guard.ts'],
    },
  ],
};
