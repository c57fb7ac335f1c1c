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
  // How long a worker may take to exit once the run is over before Jest kills it and warns that
  // it "failed to exit gracefully". Every test file exits within 0.1 s when run alone, with no
  // timer or socket left, but at Jest's 500 ms a loaded 2-core machine warned even after pure
  // suites (test/checklist: 3 runs of 4). 1.5 s still catches the real leaks this warning is for
  // (an ioredis connection closed twice keeps its process 2 s: the soak bed once did that).
  workerGracefulExitTimeout: 1500,
};
