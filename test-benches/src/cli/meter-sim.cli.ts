// `bench meter-sim --profile sim --port PATH`: serves the profile's meters (each with its own
// register map, at its bus address) as Modbus RTU on a serial device, or Modbus TCP with --tcp.
// Prints one JSON line {"ready":…} on stdout when serving; stops on SIGTERM/SIGINT. Used by the
// meter benchmark and for bring-up of a real agent against simulated meters.
import type { Command } from 'commander';
import { loadProfile } from '../../../hw-profiles/index.js';
import { SerialPortLine } from '../../../pile-agent/drivers.js';
import { systemClock } from '../../../pile-agent/ports.js';
import { ModbusMeterSim } from '../sims/meter/modbus-meter.sim.js';
import { ModbusRtuSimServer } from '../sims/meter/rtu-server.sim.js';
import { ModbusTcpSimServer } from '../sims/meter/tcp-server.sim.js';

interface Options {
  profile: string;
  port?: string;
  tcp?: string;
  energyWh: string;
  powerW: string;
  voltageMv: string;
  currentMa: string;
  paceWire?: boolean;
}

export function register(program: Command): void {
  program
    .command('meter-sim')
    .description("serve a profile's energy meters (Modbus RTU on --port, or Modbus TCP on --tcp)")
    .requiredOption('--profile <id|file>', 'charger profile whose meters to simulate')
    .option('--port <path>', 'serial device (e.g. one end of a pty pair) for the RS-485 meters')
    .option('--tcp <port>', 'serve every meter over Modbus TCP on 127.0.0.1 (0 = any free port); unit id = bus address')
    .option('--energy-wh <n>', 'initial energy', '1000000')
    .option('--power-w <n>', 'power (energy integrates it)', '0')
    .option('--voltage-mv <n>', 'voltage', '0')
    .option('--current-ma <n>', 'current', '0')
    .option('--pace-wire', 'RTU: hold answers back by their transit time at the bus baud rate (a pty is instant)')
    .action(async (o: Options) => {
      const profile = loadProfile(o.profile);
      const meters = new Map<number, ModbusMeterSim>();
      let baud = 9600;
      for (const c of profile.connectors) {
        const unit = 'bus' in c.meter ? c.meter.address : c.meter.tcp.unitId;
        if ('bus' in c.meter) baud = profile.rs485.find((b) => b.id === (c.meter as { bus: string }).bus)!.baud;
        const sim = new ModbusMeterSim({ map: profile.meterMaps[c.meter.map], clock: systemClock, initial: { energyWh: Number(o.energyWh) } });
        sim.set({ powerW: Number(o.powerW), voltageMv: Number(o.voltageMv), currentMa: Number(o.currentMa) });
        meters.set(unit, sim);
      }
      let stop: () => Promise<void>;
      let where: Record<string, unknown>;
      if (o.tcp !== undefined) {
        const server = new ModbusTcpSimServer({ meters, clock: systemClock });
        where = { tcp: await server.listen(Number(o.tcp)) };
        stop = () => server.close();
      } else if (o.port) {
        const server = new ModbusRtuSimServer({ line: new SerialPortLine({ path: o.port, baudRate: baud }), clock: systemClock, meters, baud, paceWire: o.paceWire === true });
        await server.start();
        where = { port: o.port, baud, paceWire: o.paceWire === true };
        stop = () => server.stop();
      } else {
        console.error('meter-sim: give --port PATH or --tcp PORT');
        process.exitCode = 2;
        return;
      }
      console.log(JSON.stringify({ ready: true, units: [...meters.keys()], ...where }));
      await new Promise<void>((resolve) => {
        process.once('SIGTERM', resolve);
        process.once('SIGINT', resolve);
      });
      await stop();
    });
}
