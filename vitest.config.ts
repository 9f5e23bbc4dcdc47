// Test runner configuration: every *.test.ts under the four folders; integration tests that open
// real pty pairs, brokers and databases run in forks so native handles never leak between files.
// Two files at a time (vitest's default is cores − 1, one on a 2-core machine): most integration tests
// wait on ptys, brokers and timers, so two overlap well — the suite takes about 4 minutes instead of 6.5.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{pile-agent,cloud-stub,hw-profiles,test-benches}/**/*.test.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 30_000,
    reporters: ['default'],
  },
});
