// Test harness: a simulated BMS (side b) and a scripted charger (side a) on one in-memory CAN pair
// with a fake clock, plus helpers that print the bus trace as `ID#DATA` (reference §7.5 notation).
import { capturingLogger, toHex } from '../../../../../pile-agent/ports.js';
import { FakeClock } from '../../../../../pile-agent/testing.js';
import { createInMemoryCanPair, type InMemoryCanPair } from '../../../transports/in-memory-can.js';
import { GbtBmsSim, type BmsSimConfig } from '../gbt-bms.sim.js';
import { ScriptedCharger, type ScriptedChargerOptions } from './scripted-charger.js';

export const VECTOR_A_VIN = 'LZYTBTE65K1012345';

export interface Harness {
  readonly clock: FakeClock;
  readonly pair: InMemoryCanPair;
  readonly sim: GbtBmsSim;
  readonly charger: ScriptedCharger;
  readonly logs: ReturnType<typeof capturingLogger>['records'];
  /** Frames the BMS put on the wire, as `ID#DATA`. */
  bmsFrames(): string[];
  /** Every frame, as `>ID#DATA` (charger → BMS) or `<ID#DATA` (BMS → charger), with its time. */
  bus(): { line: string; atMs: number }[];
}

export const line = (id: number, data: Uint8Array): string => `${id.toString(16).toUpperCase().padStart(8, '0')}#${toHex(data)}`;

export async function harness(config: BmsSimConfig, charger: Omit<ScriptedChargerOptions, 'can' | 'clock'> | null = {}): Promise<Harness> {
  const clock = new FakeClock(0);
  const pair = createInMemoryCanPair({ clock });
  await pair.a.open();
  await pair.b.open();
  const logger = capturingLogger();
  const sim = new GbtBmsSim({ can: pair.b, clock, logger, config });
  const ch = new ScriptedCharger({ can: pair.a, clock, ...(charger ?? {}) });
  sim.start();
  if (charger) ch.start();
  return {
    clock,
    pair,
    sim,
    charger: ch,
    logs: logger.records,
    bmsFrames: () => pair.trace.filter((t) => t.from === 'b').map((t) => line(t.frame.id, t.frame.data)),
    bus: () => pair.trace.map((t) => ({ line: `${t.from === 'a' ? '>' : '<'}${line(t.frame.id, t.frame.data)}`, atMs: t.atMs })),
  };
}

/** Sends `ID#DATA` frames from the charger side (side a) by hand, for tests without the script. */
export function sendFromCharger(h: Harness, ...lines: string[]): void {
  for (const l of lines) {
    const [id, data] = l.split('#');
    void h.pair.a.send({ id: parseInt(id, 16), extended: true, data: hexData(data) });
  }
}

function hexData(text: string): Uint8Array {
  return Uint8Array.from(text.match(/../g) ?? [], (b) => parseInt(b, 16));
}

/** Times (ms) at which the BMS sent frames starting with `prefix` (`ID#` or `ID#DATA`). */
export const sentAt = (h: Harness, prefix: string): number[] =>
  h
    .bus()
    .filter((b) => b.line.startsWith(`<${prefix}`))
    .map((b) => b.atMs);
