// Public face of test-benches: simulators and bench wiring, usable by scenario files and HIL rigs.
export {};
export * from './src/sims/card-reader/pn532.sim.js';
export * from './src/sims/meter/modbus-meter.sim.js';
export * from './src/sims/meter/rtu-server.sim.js';
export * from './src/sims/meter/tcp-server.sim.js';
export * from './src/transports/slcan-adapter.sim.js';
export * from './src/transports/virtual-bus.js';
