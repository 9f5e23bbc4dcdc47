// The bench energy meter: its register bank is generated from the same hw-profiles map the agent
// reads (so profile and simulator cannot drift), energy integrates the power the bench sets over
// the injected clock, and behaviours decide per request whether to answer, stay silent, corrupt
// the CRC, answer an exception or delay (house rule R6). Transport-free: rtu-server.sim.ts and
// tcp-server.sim.ts put it on a serial line or a TCP port. No module-level state.
import type { MeterMap } from '../../../../hw-profiles/index.js';
import {
  decodeReadRequest,
  encodeException,
  encodeQuantity,
  encodeReadResponse,
  registerCount,
  type MeterQuantity,
  type ModbusExceptionCode,
  type ReadRequest,
} from '../../../../pile-agent/protocols.js';
import type { Clock } from '../../../../pile-agent/ports.js';

export type SimAction =
  | { readonly kind: 'answer' }
  | { readonly kind: 'silence' }
  | { readonly kind: 'bad-crc' }
  | { readonly kind: 'exception'; readonly code: ModbusExceptionCode }
  | { readonly kind: 'delay'; readonly ms: number };

/** Sees each inbound read and may decide what happens; undefined passes to the next behaviour. */
export type MeterSimBehavior = (req: ReadRequest, sim: ModbusMeterSim) => SimAction | undefined;

export interface MeterValues {
  readonly energyWh: number;
  readonly powerW: number;
  readonly voltageMv: number;
  readonly currentMa: number;
}

export interface MeterSimDeps {
  readonly map: MeterMap;
  readonly clock: Clock;
  readonly behaviors?: readonly MeterSimBehavior[];
  readonly initial?: Partial<MeterValues>;
}

export interface SimReply {
  readonly action: SimAction;
  /** The response PDU for 'answer', 'bad-crc' and 'delay' (delayed answer); absent for silence. */
  readonly pdu?: Uint8Array;
}

const Q: Array<[MeterQuantity, keyof MeterValues]> = [
  ['energy', 'energyWh'],
  ['power', 'powerW'],
  ['voltage', 'voltageMv'],
  ['current', 'currentMa'],
];

/** Answers remembered in `served`. */
const MAX_SERVED = 64;

export class ModbusMeterSim {
  private v: { energyWh: number; powerW: number; voltageMv: number; currentMa: number };
  private energyRemainderWms = 0;
  private lastMs: number;
  private injected: { action: SimAction; remaining: number } | null = null;
  private readonly behaviors: MeterSimBehavior[];
  private readonly ranges = new Map<number, [number, number]>();
  /** Requests seen (answered or not). */
  requests = 0;
  /** The energy in each of the last answers, with the clock's time (a chaos run finds the one the agent journaled). */
  readonly served: Array<{ readonly atMs: number; readonly energyWh: number }> = [];

  constructor(private readonly deps: MeterSimDeps) {
    this.v = { energyWh: 0, powerW: 0, voltageMv: 0, currentMa: 0, ...deps.initial };
    this.lastMs = deps.clock.now();
    this.behaviors = [...(deps.behaviors ?? [])];
    for (const r of Object.values(deps.map.registers)) {
      const ends = [r.address, r.address + registerCount(r.type) - 1, ...(r.exponent ? [r.exponent.address] : [])];
      const [lo, hi] = this.ranges.get(r.functionCode) ?? [Infinity, -Infinity];
      this.ranges.set(r.functionCode, [Math.min(lo, ...ends), Math.max(hi, ...ends)]);
    }
  }

  /** Sets what the meter measures from now on; energy keeps integrating the power. */
  set(values: Partial<MeterValues>): void {
    this.integrate();
    this.v = { ...this.v, ...values };
  }

  /** Current values (energy integrated up to the clock's now). */
  get values(): MeterValues {
    this.integrate();
    return { ...this.v };
  }

  /** Fault injection: the next `times` requests get this action (default: until clearFaults()). */
  inject(action: SimAction, times = Number.POSITIVE_INFINITY): void {
    this.injected = { action, remaining: times };
  }

  clearFaults(): void {
    this.injected = null;
  }

  /** Handles one request PDU addressed to this meter. */
  respond(pdu: Uint8Array): SimReply {
    this.requests++;
    const req = decodeReadRequest(pdu);
    if (!req.ok) {
      const fc = pdu[0] ?? 0;
      return { action: { kind: 'exception', code: req.error.code === 'unsupported-function' ? 1 : 3 }, pdu: encodeException(fc, req.error.code === 'unsupported-function' ? 1 : 3) };
    }
    const action = this.decide(req.value);
    if (action.kind === 'silence') return { action };
    if (action.kind === 'exception') return { action, pdu: encodeException(req.value.functionCode, action.code) };
    const words = this.bankRead(req.value);
    if (!words) return { action: { kind: 'exception', code: 2 }, pdu: encodeException(req.value.functionCode, 2) };
    this.served.push({ atMs: this.deps.clock.now(), energyWh: this.v.energyWh });
    if (this.served.length > MAX_SERVED) this.served.shift();
    return { action, pdu: encodeReadResponse(req.value.functionCode, words) };
  }

  private decide(req: ReadRequest): SimAction {
    if (this.injected && this.injected.remaining > 0) {
      this.injected.remaining--;
      const a = this.injected.action;
      if (this.injected.remaining <= 0) this.injected = null;
      return a;
    }
    for (const b of this.behaviors) {
      const a = b(req, this);
      if (a) return a;
    }
    return { kind: 'answer' };
  }

  /** The register bank, generated from the map for the current values; undefined = illegal address. */
  private bankRead(req: ReadRequest): number[] | undefined {
    const range = this.ranges.get(req.functionCode);
    if (!range || req.address < range[0] || req.address + req.quantity - 1 > range[1]) return undefined;
    const bank = new Map<number, number>();
    const values = this.values;
    for (const [q, key] of Q) {
      const spec = this.deps.map.registers[q];
      if (spec.functionCode !== req.functionCode) continue;
      const enc = encodeQuantity(q, spec, values[key]);
      if (!enc.ok) throw new Error(`meter sim: ${enc.error.message}`);
      for (const w of enc.value) bank.set(w.address, w.value);
    }
    return Array.from({ length: req.quantity }, (_, i) => bank.get(req.address + i) ?? 0);
  }

  private integrate(): void {
    const now = this.deps.clock.now();
    const dt = Math.max(0, now - this.lastMs);
    this.lastMs = now;
    const total = this.energyRemainderWms + Math.max(0, this.v.powerW) * dt;
    this.v.energyWh += Math.floor(total / 3_600_000);
    this.energyRemainderWms = total % 3_600_000;
  }
}

/** Behaviour: answer only every `n`th request (a flaky line). */
export const answerEvery =
  (n: number): MeterSimBehavior =>
  (_req, sim) =>
    sim.requests % n === 0 ? undefined : { kind: 'silence' };

/** Behaviour: delay every answer by `ms` (a slow meter). */
export const delayAnswers =
  (ms: number): MeterSimBehavior =>
  () => ({ kind: 'delay', ms });
