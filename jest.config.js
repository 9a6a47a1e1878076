/**
 * Three tiers: unit specs beside the code, end-to-end specs against a real database, and deploy
 * specs that render and check the Dockerfile, compose file and Helm chart.
 */
const transform = {
  '^.+\\.tsx?$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
  // Preact 11 ships ES modules only (the hosted survey page renders with it): Node 24 requires
  // them natively, Jest's CommonJS runtime needs them compiled.
  '^.+/node_modules/preact/.+\\.mjs$': [
    'ts-jest',
    { tsconfig: { allowJs: true }, isolatedModules: true },
  ],
};
const transformIgnorePatterns = ['/node_modules/(?!preact/)'];

/** @type {import('jest').Config} */
module.exports = {
  // A root option: Jest ignores testTimeout inside a project.
  testTimeout: 30000,
  reporters: ['default', '<rootDir>/test/support/contract-coverage-reporter.js'],
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      transform,
      transformIgnorePatterns,
      roots: ['<rootDir>/src'],
      testMatch: ['**/*.spec.ts'],
    },
    {
      displayName: 'e2e',
      testEnvironment: 'node',
      transform,
      transformIgnorePatterns,
      roots: ['<rootDir>/test'],
      testMatch: ['**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
    {
      // One file: the fault tests run one after the other, each with its own database.
      displayName: 'faults',
      testEnvironment: 'node',
      transform,
      transformIgnorePatterns,
      roots: ['<rootDir>/test/faults'],
      testMatch: ['**/*.spec.ts'],
    },
    {
      displayName: 'deploy',
      testEnvironment: 'node',
      transform,
      transformIgnorePatterns,
      roots: ['<rootDir>/test/deploy'],
      testMatch: ['**/*.spec.ts'],
      // No testTimeout here: Jest ignores it inside a project. The specs that build helm and
      // docker compose from source (minutes, on cold Go caches) pass their own timeout.
    },
  ],
};
