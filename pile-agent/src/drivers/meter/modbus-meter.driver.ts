// The generic Modbus energy meter: implements the EnergyMeter port for any meter whose register map
// is data (hw-profiles/meters/*.yaml). Plans the fewest reads, retries over any ModbusTransport (RTU
// bus hub or TCP), decodes to integer units, and raises meter.comm-loss after the retries fail,
// clearing it on the next answer. Knows no device facts of its own.
import type { Clock } from '../../ports/clock.port.js';
import type { EnergyMeter, MeterFaultEvent, MeterReadError, MeterReading } from '../../ports/energy-meter.port.js';
import type { FaultSink } from '../../ports/fault-sink.port.js';
import type { Logger } from '../../shared/logger.js';
import { err, ok, type Result } from '../../shared/result.js';
import { decodeReadResponse, encodeReadRequest, type ReadRequest } from '../../protocols/modbus/pdu.js';
import { planReads, wordsFromReads } from '../../protocols/modbus/read-plan.js';
import { decodeQuantity, type MeterQuantity, type RegisterSpec } from '../../protocols/modbus/register-decode.js';
import type { ModbusTransport } from '../rs485/modbus-transport.js';
import { TypedEmitter } from '../../shared/typed-emitter.js';

/** The part of a hw-profiles MeterMap the driver needs (a MeterMap is assignable to it). */
export interface MeterRegisterMap {
  readonly id: string;
  readonly registers: Readonly<Record<MeterQuantity, RegisterSpec>>;
  readonly readPlan: { readonly maxGap: number };
}

export interface ModbusMeterDeps {
  readonly transport: ModbusTransport;
  readonly unitId: number;
  readonly map: MeterRegisterMap;
  readonly timeoutMs: number;
  /** Extra attempts per read before the meter counts as lost. */
  readonly retries: number;
  readonly faults: FaultSink;
  /** Fault source name, e.g. `connector-1`. */
  readonly source: string;
  readonly clock: Clock;
  readonly logger: Logger;
}

const QUANTITIES: readonly MeterQuantity[] = ['energy', 'power', 'voltage', 'current'];
/** §7 exception 06 (server device busy) is worth another attempt; other exceptions are final answers. */
const BUSY = 6;

export class ModbusMeter implements EnergyMeter {
  private readonly events: TypedEmitter<{ fault: [e: MeterFaultEvent] }>;
  private readonly fullPlan: ReadRequest[];
  private readonly energyPlan: ReadRequest[];
  private commLoss = false;
  private closed = false;

  constructor(private readonly deps: ModbusMeterDeps) {
    this.events = new TypedEmitter(deps.logger);
    const r = deps.map.registers;
    this.fullPlan = planReads(
      QUANTITIES.map((q) => r[q]),
      deps.map.readPlan,
    );
    this.energyPlan = planReads([r.energy], { maxGap: 0 });
  }

  /** The reads one full reading costs (for the bench and the bring-up command). */
  get plan(): readonly ReadRequest[] {
    return this.fullPlan;
  }

  async read(): Promise<Result<MeterReading, MeterReadError>> {
    const blocks = await this.readBlocks(this.fullPlan);
    if (!blocks.ok) return blocks;
    const words = wordsFromReads(blocks.value);
    const v: Partial<Record<MeterQuantity, number>> = {};
    for (const q of QUANTITIES) {
      const d = decodeQuantity(q, this.deps.map.registers[q], words);
      if (!d.ok) return err({ code: 'decode', message: d.error.message });
      v[q] = d.value;
    }
    return ok({ energyWh: v.energy!, powerW: v.power!, voltageMv: v.voltage!, currentMa: v.current!, atMs: this.deps.clock.monotonic() });
  }

  async readEnergyWh(): Promise<Result<number, MeterReadError>> {
    const blocks = await this.readBlocks(this.energyPlan);
    if (!blocks.ok) return blocks;
    const d = decodeQuantity('energy', this.deps.map.registers.energy, wordsFromReads(blocks.value));
    return d.ok ? ok(d.value) : err({ code: 'decode', message: d.error.message });
  }

  onFault(listener: (event: MeterFaultEvent) => void): () => void {
    return this.events.on('fault', listener);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.events.clear();
  }

  private async readBlocks(plan: readonly ReadRequest[]): Promise<Result<Array<{ req: ReadRequest; words: number[] }>, MeterReadError>> {
    const out: Array<{ req: ReadRequest; words: number[] }> = [];
    for (const req of plan) {
      const r = await this.readBlock(req);
      if (!r.ok) return r;
      out.push({ req, words: r.value });
    }
    return ok(out);
  }

  private async readBlock(req: ReadRequest): Promise<Result<number[], MeterReadError>> {
    const { transport, unitId, timeoutMs, retries, logger } = this.deps;
    let last: MeterReadError = { code: 'timeout', message: 'not attempted' };
    for (let attempt = 0; attempt <= retries; attempt++) {
      if (this.closed) return err({ code: 'closed', message: 'meter closed' });
      const answer = await transport.request(unitId, encodeReadRequest(req), { timeoutMs });
      if (!answer.ok) {
        last = answer.error;
        logger.debug({ attempt, req, error: answer.error }, 'meter request failed');
        continue;
      }
      const decoded = decodeReadResponse(answer.value, req);
      if (!decoded.ok) {
        last = { code: 'bad-response', message: decoded.error.message };
        continue;
      }
      this.setCommLoss(false);
      const resp = decoded.value;
      if (resp.kind === 'registers') return ok([...resp.words]);
      last = { code: 'exception', message: `unit ${unitId} answered exception ${resp.code} (${resp.name})`, exceptionCode: resp.code };
      if (resp.code !== BUSY) return err(last);
    }
    if (last.code !== 'exception' && last.code !== 'closed') this.setCommLoss(true, `${last.code}: ${last.message}`);
    return err(last);
  }

  private setCommLoss(active: boolean, detail?: string): void {
    if (active === this.commLoss) return;
    this.commLoss = active;
    const { faults, source, logger } = this.deps;
    if (active) {
      logger.warn({ source, detail }, 'meter lost');
      faults.raise('meter.comm-loss', source, detail);
    } else {
      logger.info({ source }, 'meter answers again');
      faults.clear('meter.comm-loss', source);
    }
    this.events.emit('fault', { code: 'meter.comm-loss', active, ...(detail ? { detail } : {}) });
  }
}
