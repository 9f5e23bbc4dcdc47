// Test runner configuration: every *.test.ts under the four folders; integration tests that open
// real pty pairs, brokers and databases run in forks so native handles never leak between files.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{pile-agent,cloud-stub,hw-profiles,test-benches}/**/*.test.ts'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    reporters: ['default'],
  },
});
