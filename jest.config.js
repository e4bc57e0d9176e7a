/** Unit tests beside the code; integration tests in test/ run once on SQLite and once on MariaDB. */
const transform = { '^.+\\.tsx?$': ['@swc/jest'] };
// The console's components: TSX with React's automatic runtime, in jsdom. Its own swc options (no decorators, no .swcrc).
const consoleTransform = {
  '^.+\\.(t|j)sx?$': [
    '@swc/jest',
    {
      swcrc: false,
      jsc: { parser: { syntax: 'typescript', tsx: true }, transform: { react: { runtime: 'automatic' } }, target: 'es2022' },
      module: { type: 'commonjs' },
    },
  ],
};
const integration = (db) => ({
  displayName: db,
  transform,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/test/e2e/', '/test/bench/'],
  setupFiles: [`<rootDir>/test/support/use-${db}.ts`],
});

module.exports = {
  testTimeout: 60000,
  projects: [
    {
      displayName: 'unit',
      transform,
      testEnvironment: 'node',
      testMatch: ['<rootDir>/server/src/**/__tests__/**/*.test.ts'],
    },
    integration('sqlite'),
    integration('mariadb'),
    {
      displayName: 'console',
      transform: consoleTransform,
      testEnvironment: 'jsdom',
      testMatch: ['<rootDir>/console/src/**/__tests__/**/*.test.tsx'],
      setupFilesAfterEnv: ['<rootDir>/console/src/test/setup.ts'],
      moduleNameMapper: { '\\.css$': '<rootDir>/console/src/test/style-stub.ts' },
    },
    {
      // The console in a real browser against the real hub; SQLite only, one browser per file.
      displayName: 'e2e',
      transform,
      testEnvironment: 'node',
      testMatch: ['<rootDir>/test/e2e/**/*.test.ts'],
      setupFiles: ['<rootDir>/test/support/use-sqlite.ts'],
      testTimeout: 180000,
    },
  ],
};
