// The request/response contract every Modbus transport implements: the RS-485 bus hub (RTU) and
// the Modbus TCP client. A driver hands over a PDU for a unit and gets the answer PDU, or a typed
// failure. Transports serialise their own requests; drivers never see framing.
import type { Result } from '../../shared/result.js';

export interface ModbusTransportError {
  readonly code: 'timeout' | 'closed' | 'io';
  readonly message: string;
}

export interface ModbusTransport {
  /** Sends `pdu` to `unitId` and resolves with the answer's PDU (exceptions included). Never rejects. */
  request(unitId: number, pdu: Uint8Array, opts: { readonly timeoutMs: number }): Promise<Result<Uint8Array, ModbusTransportError>>;
}
