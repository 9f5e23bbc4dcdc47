// Configuration of the GB/T 27930 charger link (one connector): the machine's identity, edition,
// timeouts and recovery count (defaults from reference §4.2/§4.5/§4.6), the TP receiver's J1939
// timers (§3.4), and the time zone for CTS. Plain data with defaults; app/ validates and maps onto it.
import { chargerMachineConfig, type ChargerMachineConfig, type ChargerMachineConfigInput } from '../../protocols/gbt27930/charger/charger-config.js';
import type { Cts } from '../../protocols/gbt27930/messages/types.js';
import { DEFAULT_TP_RECEIVER_CONFIG, type TpReceiverConfig } from '../../protocols/gbt27930/transport/tp-receiver.machine.js';

export interface GbtChargerLinkConfig {
  readonly machine: ChargerMachineConfig;
  readonly tp: TpReceiverConfig;
  /** CTS carries local time (reference §2.3); minutes east of UTC. China: +480. */
  readonly ctsUtcOffsetMin: number;
  /** Send CTS all 0xFF (content optional, §2.3) instead of the clock's time. */
  readonly ctsOmitTime: boolean;
}

export type GbtChargerLinkConfigInput = ChargerMachineConfigInput & {
  readonly tp?: Partial<TpReceiverConfig>;
  readonly ctsUtcOffsetMin?: number;
  readonly ctsOmitTime?: boolean;
};

export function gbtChargerLinkConfig(input: GbtChargerLinkConfigInput = {}): GbtChargerLinkConfig {
  const { tp, ctsUtcOffsetMin, ctsOmitTime, ...machine } = input;
  return {
    machine: chargerMachineConfig(machine),
    tp: { ...DEFAULT_TP_RECEIVER_CONFIG, ...tp },
    ctsUtcOffsetMin: ctsUtcOffsetMin ?? 480,
    ctsOmitTime: ctsOmitTime ?? false,
  };
}

/** CTS content with local time at `nowMs` (reference §2.3; the codec writes BCD). */
export function ctsAt(nowMs: number, utcOffsetMin: number): Cts {
  const d = new Date(nowMs + utcOffsetMin * 60_000);
  return {
    name: 'CTS',
    time: {
      year: d.getUTCFullYear(),
      month: d.getUTCMonth() + 1,
      day: d.getUTCDate(),
      hour: d.getUTCHours(),
      minute: d.getUTCMinutes(),
      second: d.getUTCSeconds(),
    },
  };
}
