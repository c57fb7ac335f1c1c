/** @type {import('jest').Config} */
export default {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  // SWC only strips the types (`npm test` type-checks with tsc first), in a fraction of the time a
  // TypeScript-compiling transform takes: a cold run transforms every file in each worker.
  transform: { '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'es6' } }] },
  // A safety net against hangs, not a speed check: flow tests on a loaded two-core machine run
  // several times slower than on an idle one, and no test may fail for that alone.
  testTimeout: 120000,
  // More workers than this machine's two cores: many suites spend their time waiting on sockets,
  // child processes (the built app, the packed CLI) and Redis rather than on the CPU.
  maxWorkers: 3,
};
