// pile-agent's drivers face: the hardware behind the ports (SLCAN / SocketCAN / candump CAN channels,
// the PN532 reader, Modbus meters on the RS-485 hub, the GB/T charger link, the canvas renderer and
// displays, evdev touch, the MQTT cloud link, serial lines).
export * from './src/drivers/serial/serialport-line.driver.js';
export * from './src/drivers/card-reader/pn532.driver.js';
export * from './src/drivers/rs485/modbus-transport.js';
export * from './src/drivers/rs485/bus-hub.js';
export * from './src/drivers/meter/modbus-meter.driver.js';
export * from './src/drivers/meter/modbus-tcp.transport.js';
export * from './src/drivers/meter/profile-meters.js';
export * from './src/drivers/can/slcan.driver.js';
export * from './src/drivers/can/socketcan-frame.js';
export * from './src/drivers/can/socketcan.driver.js';
export * from './src/drivers/can/candump-file.driver.js';
export * from './src/drivers/can/candump-capture.driver.js';
export * from './src/drivers/bms/gbt-charger-link.driver.js';
export * from './src/drivers/bms/gbt-charger-link.config.js';
export * from './src/drivers/display/canvas-renderer.js';
export * from './src/drivers/display/pixel-convert.js';
export * from './src/drivers/display/framebuffer.driver.js';
export * from './src/drivers/display/png-snapshot.js';
export * from './src/drivers/display/png-decode.js';
export * from './src/drivers/display/socket-display.protocol.js';
export * from './src/drivers/display/socket-display.driver.js';
export * from './src/drivers/touch/evdev-touch.driver.js';
export * from './src/drivers/power-stage/bench-power-stage.sim.js';
export { MqttCloudLink, type MqttCloudLinkDeps } from './src/drivers/cloud/mqtt-cloud-link.driver.js';
