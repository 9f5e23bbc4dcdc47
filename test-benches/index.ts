// Public face of test-benches: simulators and bench wiring, usable by scenario files and HIL rigs.
export {};
export * from './src/sims/card-reader/pn532.sim.js';
export * from './src/sims/meter/modbus-meter.sim.js';
export * from './src/sims/meter/rtu-server.sim.js';
export * from './src/sims/meter/tcp-server.sim.js';
export * from './src/transports/slcan-adapter.sim.js';
export * from './src/transports/virtual-bus.js';
export * from './src/transports/in-memory-can.js';
export * from './src/sims/bms/gbt-bms.sim.js';
export { resolveBmsSettings } from './src/sims/bms/bms-config.js';
export * from './src/sims/bms/bms-settings.js';
export * from './src/sims/bms/bms-faults.js';
export * from './src/sims/bms/behaviors/index.js';
export type * from './src/sims/bms/behaviors/behavior.js';
export type { BmsPhase, BstCause, BstCauses, BemField } from './src/sims/bms/bms-machine.types.js';
export type { BmsObservations } from './src/sims/bms/bms-observations.js';
export type { BatteryReadings } from './src/sims/bms/bms-battery.model.js';
