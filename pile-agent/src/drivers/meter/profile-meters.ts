// Builds the energy meters a charger profile describes: one Rs485BusHub per RS-485 bus (shared by
// every meter on it), one ModbusTcpTransport per TCP meter, one ModbusMeter per connector. Called by
// the composition root and the `meter read` bring-up command; the serial-line factory is injected.
import type { LoadedProfile } from '../../../../hw-profiles/index.js';
import type { Clock } from '../../ports/clock.port.js';
import type { FaultSink } from '../../ports/fault-sink.port.js';
import type { SerialLine, SerialLineOptions } from '../../ports/serial-line.port.js';
import type { Logger } from '../../shared/logger.js';
import { Rs485BusHub } from '../rs485/bus-hub.js';
import { ModbusMeter } from './modbus-meter.driver.js';
import { ModbusTcpTransport } from './modbus-tcp.transport.js';

export interface ProfileMetersDeps {
  readonly openLine: (options: SerialLineOptions) => SerialLine;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly faults: FaultSink;
}

export interface ProfileMeters {
  /** By connector id. */
  readonly meters: ReadonlyMap<number, ModbusMeter>;
  /** By bus id, for other devices on the same line (card reader). */
  readonly hubs: ReadonlyMap<string, Rs485BusHub>;
  close(): Promise<void>;
}

/** Opens only the buses the selected connectors need (all connectors when `only` is absent). */
export async function createProfileMeters(profile: LoadedProfile, deps: ProfileMetersDeps, only?: readonly number[]): Promise<ProfileMeters> {
  const hubs = new Map<string, Rs485BusHub>();
  const tcps: ModbusTcpTransport[] = [];
  const meters = new Map<number, ModbusMeter>();
  try {
    for (const c of profile.connectors) {
      if (only && !only.includes(c.id)) continue;
      const map = profile.meterMaps[c.meter.map];
      const logger = deps.logger.child({ ns: 'agent:drivers:modbus-meter', connector: c.id });
      const common = { map, faults: deps.faults, source: `connector-${c.id}`, clock: deps.clock, logger };
      if ('bus' in c.meter) {
        const bus = profile.rs485.find((b) => b.id === (c.meter as { bus: string }).bus)!;
        let hub = hubs.get(bus.id);
        if (!hub) {
          const line = deps.openLine({ path: bus.path, baudRate: bus.baud, parity: bus.parity, dataBits: bus.dataBits, stopBits: bus.stopBits });
          hub = new Rs485BusHub({
            line,
            clock: deps.clock,
            logger: deps.logger.child({ ns: 'agent:drivers:bus-hub', bus: bus.id }),
            baud: bus.baud,
            ...(bus.interFrameGapMs !== undefined ? { interFrameGapMs: bus.interFrameGapMs } : {}),
          });
          hubs.set(bus.id, hub);
          await hub.open();
        }
        meters.set(c.id, new ModbusMeter({ ...common, transport: hub, unitId: c.meter.address, timeoutMs: bus.timeoutMs, retries: bus.retries }));
      } else {
        const t = c.meter.tcp;
        const transport = new ModbusTcpTransport({ host: t.host, port: t.port, clock: deps.clock, logger });
        tcps.push(transport);
        meters.set(c.id, new ModbusMeter({ ...common, transport, unitId: t.unitId, timeoutMs: t.timeoutMs, retries: t.retries }));
      }
    }
  } catch (e) {
    await Promise.all([...hubs.values()].map((h) => h.close()));
    throw e;
  }
  return {
    meters,
    hubs,
    close: async () => {
      await Promise.all([...meters.values()].map((m) => m.close()));
      await Promise.all([...hubs.values()].map((h) => h.close()));
      await Promise.all(tcps.map((t) => t.close()));
    },
  };
}
