/** Unit tests beside the code; integration tests in test/ run once on SQLite and once on MariaDB. */
const transform = { '^.+\\.tsx?$': ['@swc/jest'] };
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
  ],
};
