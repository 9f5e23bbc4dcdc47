// Public face of pile-agent for the other folders (test-benches, cloud-stub through contract.ts).
// Other folders import only this file, contract.ts and testing.ts, never deep paths.
export * from './src/shared/result.js';
export * from './src/shared/errors.js';
export * from './src/shared/hex.js';
export * from './src/shared/logger.js';

export * from './src/ports/clock.port.js';
export * from './src/ports/can-channel.port.js';
export * from './src/ports/serial-line.port.js';
export * from './src/drivers/serial/serialport-line.driver.js';
export * from './src/shared/fault-catalog.js';
export * from './src/ports/fault-sink.port.js';
export * from './src/protocols/candump/candump-line.js';
export * from './src/protocols/gbt27930/vin.js';
export type * from './src/protocols/gbt27930/messages/types.js';
export * from './src/ports/card-reader.port.js';
export * from './src/protocols/card-reader/pn532-frame.js';
export * from './src/protocols/card-reader/pn532-framer.js';
export * from './src/protocols/card-reader/pn532-commands.js';
export * from './src/protocols/card-reader/card-number.js';
export * from './src/drivers/card-reader/pn532.driver.js';
export * from './src/ports/energy-meter.port.js';
export * from './src/protocols/modbus/crc16.js';
export * from './src/protocols/modbus/pdu.js';
export * from './src/protocols/modbus/rtu-frame.js';
export * from './src/protocols/modbus/rtu-framer.js';
export * from './src/protocols/modbus/mbap.js';
export * from './src/protocols/modbus/register-decode.js';
export * from './src/protocols/modbus/read-plan.js';
export * from './src/drivers/rs485/modbus-transport.js';
export * from './src/drivers/rs485/bus-hub.js';
export * from './src/drivers/meter/modbus-meter.driver.js';
export * from './src/drivers/meter/modbus-tcp.transport.js';
export * from './src/drivers/meter/profile-meters.js';
export * from './src/protocols/slcan/slcan-codec.js';
export * from './src/protocols/slcan/slcan-framer.js';
export * from './src/drivers/can/slcan.driver.js';
