// `pile-agent meter read --profile sim --connector 1 [--port PATH | --tcp HOST:PORT]`: the meter
// bring-up command for technicians. Builds exactly the driver stack the agent uses (profile →
// bus hub or TCP → generic Modbus meter) for one connector and prints readings as JSON lines.
import type { Command } from 'commander';
import { loadProfile, ProfileError } from '../../../hw-profiles/index.js';
import { createProfileMeters } from '../drivers/meter/profile-meters.js';
import { SerialPortLine } from '../drivers/serial/serialport-line.driver.js';
import { systemClock } from '../ports/clock.port.js';
import { nullLogger } from '../shared/logger.js';

interface Options {
  profile: string;
  connector: string;
  port?: string;
  tcp?: string;
  count: string;
  intervalMs: string;
}

export function register(program: Command): void {
  program
    .command('meter')
    .description('energy meter bring-up')
    .command('read')
    .description("read energy, power, voltage and current of one connector's meter")
    .requiredOption('--profile <id|file>', 'charger profile id or YAML file')
    .requiredOption('--connector <n>', 'connector id')
    .option('--port <path>', "override the serial device of the connector's RS-485 bus")
    .option('--tcp <host:port>', 'override the address of a Modbus TCP meter')
    .option('--count <n>', 'readings to take', '1')
    .option('--interval-ms <ms>', 'pause between readings', '1000')
    .action(async (o: Options) => {
      const connectorId = Number(o.connector);
      try {
        const base = loadProfile(o.profile);
        const c = base.connectors.find((x) => x.id === connectorId);
        if (!c) throw new Error(`profile ${base.id} has no connector ${o.connector} (has ${base.connectors.map((x) => x.id).join(', ')})`);
        const overrides: Record<string, string> = {};
        if (o.port && 'bus' in c.meter) overrides[`rs485.${c.meter.bus}`] = o.port;
        if (o.tcp) overrides[`meter.${connectorId}`] = o.tcp;
        const profile = loadProfile(base.file, { overrides });
        const faults = {
          raise: (code: string, source: string, detail?: string) => console.error(`fault raised: ${code} ${source} ${detail ?? ''}`),
          clear: (code: string, source: string) => console.error(`fault cleared: ${code} ${source}`),
        };
        const stack = await createProfileMeters(profile, { openLine: (opts) => new SerialPortLine(opts), clock: systemClock, logger: nullLogger, faults }, [connectorId]);
        const meter = stack.meters.get(connectorId)!;
        let failures = 0;
        for (let i = 0; i < Number(o.count); i++) {
          if (i > 0) await new Promise((r) => setTimeout(r, Number(o.intervalMs)));
          const r = await meter.read();
          if (r.ok) console.log(JSON.stringify({ connector: connectorId, map: c.meter.map, ...r.value }));
          else {
            failures++;
            console.error(`read failed: ${r.error.code}: ${r.error.message}`);
          }
        }
        await stack.close();
        process.exitCode = failures ? 1 : 0;
      } catch (e) {
        console.error(e instanceof ProfileError ? e.message : `meter read: ${(e as Error).message}`);
        process.exitCode = 2;
      }
    });
}
