// pile-agent's ports face: the shared basics (Result, errors, hex, logger, the event emitter, the
// fault catalog, secret hashing) and every port interface a driver implements or a simulator stands
// in for. Other folders import pile-agent only through its faces: index.ts (the agent), ports.ts,
// protocols.ts, drivers.ts, testing.ts and contract.ts.
export * from './src/shared/result.js';
export * from './src/shared/errors.js';
export * from './src/shared/hex.js';
export * from './src/shared/logger.js';
export * from './src/shared/typed-emitter.js';
export * from './src/ports/clock.port.js';
export * from './src/ports/can-channel.port.js';
export * from './src/ports/serial-line.port.js';
export * from './src/ports/power-stage.port.js';
export * from './src/shared/fault-catalog.js';
export * from './src/ports/fault-sink.port.js';
export * from './src/ports/card-reader.port.js';
export * from './src/ports/energy-meter.port.js';
export * from './src/ports/bms-link.port.js';
export * from './src/shared/secret-hash.js';
export * from './src/ports/display.port.js';
export * from './src/ports/touch-input.port.js';
