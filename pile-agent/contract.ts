// The wire contract that pile-agent publishes and cloud-stub imports: MQTT topics and payload
// schemas, plus the identity rules both sides must agree on (VIN validation).
export { classifyVinText, vinCheckDigit, VIN_PATTERN } from './src/protocols/gbt27930/vin.js';
export * from './src/protocols/sync/topics.js';
export * from './src/protocols/sync/session-record.js';
