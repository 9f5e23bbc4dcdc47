// Test helpers that the benches and other folders' tests may use (never the agent at run time).
export * from './src/testing/pty-pair.js';
export * from './src/testing/fake-clock.js';
export * from './src/testing/scripted-slcan-line.js';
export * from './src/protocols/gbt27930/fixtures/index.js';
export * from './src/domain/authorization/whitelist.builders.js';
export * from './src/testing/fake-console-context.js';
export * from './src/testing/fake-console-line.js';
export { TAP_BYTES as EVDEV_TAP_BYTES, bytesOf as evdevBytes, ev as evdevEvent } from './src/protocols/evdev/evdev.fixture.js';
export { MemoryJournalRepo } from './src/domain/session/journal.memory-repo.js';
export * from './src/testing/fuzz-random.js';
export * from './src/testing/fuzz-targets.js';
