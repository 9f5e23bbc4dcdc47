// The energy-meter port: one meter per connector, read on demand. Expected failures (timeout,
// exception answer, garbage) are Results; losing the meter is a fault (meter.comm-loss), raised
// through the FaultSink after the retries fail and cleared by the next good read, and also
// announced to onFault listeners so the session can stop charging.
import type { FaultCode } from '../shared/fault-catalog.js';
import type { Result } from '../shared/result.js';

/** One consistent reading, in integer units. */
export interface MeterReading {
  /** Total imported active energy (meter register, never reset by us). */
  readonly energyWh: number;
  readonly powerW: number;
  readonly voltageMv: number;
  /** Signed: negative when energy flows back. */
  readonly currentMa: number;
  /** Monotonic time (Clock.monotonic) when the last register block arrived. */
  readonly atMs: number;
}

export interface MeterReadError {
  readonly code: 'timeout' | 'exception' | 'bad-response' | 'closed' | 'io' | 'decode';
  readonly message: string;
  /** Modbus exception code when code = 'exception'. */
  readonly exceptionCode?: number;
}

export interface MeterFaultEvent {
  readonly code: Extract<FaultCode, 'meter.comm-loss'>;
  readonly active: boolean;
  readonly detail?: string;
}

export interface EnergyMeter {
  /** Reads energy, power, voltage and current (with the transport's retries). Never rejects. */
  read(): Promise<Result<MeterReading, MeterReadError>>;
  /** Reads only the energy register(s): the fast path at session start and stop. Never rejects. */
  readEnergyWh(): Promise<Result<number, MeterReadError>>;
  /** Fault raised/cleared; returns an unsubscribe function. */
  onFault(listener: (event: MeterFaultEvent) => void): () => void;
  /**
   * Stops using the transport; pending reads finish with 'closed'. A shared RS-485 hub stays open
   * (its owner closes it). Idempotent.
   */
  close(): Promise<void>;
}
