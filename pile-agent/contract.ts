// The wire contract that pile-agent publishes and cloud-stub imports (pile-agent/docs/mqtt-contract.md):
// MQTT topics, every message's schema, the whitelist page and session event schemas, and the identity
// rules both sides must agree on (ids, card numbers, secret-hash format, VIN validation).
export { classifyVinText, vinCheckDigit, VIN_PATTERN } from './src/protocols/gbt27930/vin.js';
export * from './src/protocols/sync/topics.js';
export * from './src/protocols/sync/wire-rules.js';
export * from './src/protocols/sync/session-record.js';
export * from './src/protocols/sync/session-events.js';
export * from './src/protocols/sync/whitelist-page.js';
export * from './src/protocols/sync/messages.js';
export * from './src/protocols/sync/tariff-price.js';
export * from './src/protocols/sync/view-digest.js';
