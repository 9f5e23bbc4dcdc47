// Modbus TCP client transport (Modbus Messaging on TCP/IP Implementation Guide V1.0b): one socket
// per meter, connected lazily and re-connected after a failure, one request in flight at a time
// (many meters and gateways refuse pipelining), answers matched by transaction id.
import { Socket } from 'node:net';
import type { Clock } from '../../ports/clock.port.js';
import type { Logger } from '../../shared/logger.js';
import { err, ok, type Result } from '../../shared/result.js';
import { encodeMbap, MbapFramer } from '../../protocols/modbus/mbap.js';
import type { ModbusTransport, ModbusTransportError } from '../rs485/modbus-transport.js';

export interface ModbusTcpDeps {
  readonly host: string;
  readonly port: number;
  readonly clock: Clock;
  readonly logger: Logger;
}

type Answer = Result<Uint8Array, ModbusTransportError>;

export class ModbusTcpTransport implements ModbusTransport {
  private socket: Socket | null = null;
  private framer = new MbapFramer();
  private tail: Promise<unknown> = Promise.resolve();
  private nextTid = 1;
  private pending: { tid: number; unitId: number; done: (a: Answer) => void } | null = null;
  private closed = false;

  constructor(private readonly deps: ModbusTcpDeps) {}

  request(unitId: number, pdu: Uint8Array, opts: { readonly timeoutMs: number }): Promise<Answer> {
    const run = this.tail.then(() => this.exchange(unitId, pdu, opts.timeoutMs));
    this.tail = run.catch(() => undefined);
    return run;
  }

  /** Closes the socket; later requests fail with 'closed'. Idempotent. */
  async close(): Promise<void> {
    this.closed = true;
    this.pending?.done(err({ code: 'closed', message: 'transport closed' }));
    this.socket?.destroy();
    this.socket = null;
  }

  private async exchange(unitId: number, pdu: Uint8Array, timeoutMs: number): Promise<Answer> {
    if (this.closed) return err({ code: 'closed', message: 'transport closed' });
    const tid = this.nextTid;
    this.nextTid = (this.nextTid % 0xffff) + 1;
    return new Promise<Answer>((resolve) => {
      const timer = this.deps.clock.setTimer(timeoutMs, () => {
        this.pending = null;
        this.drop(); // a late answer must not be taken for the next request's
        resolve(err({ code: 'timeout', message: `${this.deps.host}:${this.deps.port} unit ${unitId}: no answer within ${timeoutMs} ms` }));
      });
      this.pending = {
        tid,
        unitId,
        done: (a) => {
          timer.cancel();
          this.pending = null;
          resolve(a);
        },
      };
      this.connected()
        .then((s) => s.write(encodeMbap({ transactionId: tid, unitId, pdu })))
        .catch((e: Error) => this.pending?.done(err({ code: 'io', message: e.message })));
    });
  }

  private connected(): Promise<Socket> {
    if (this.socket) return Promise.resolve(this.socket);
    return new Promise((resolve, reject) => {
      const s = new Socket();
      this.framer = new MbapFramer();
      s.setNoDelay(true);
      s.once('error', reject);
      s.connect(this.deps.port, this.deps.host, () => {
        s.off('error', reject);
        s.on('error', (e) => this.lost(s, e.message));
        s.on('close', () => this.lost(s, 'connection closed'));
        s.on('data', (d: Buffer) => this.onData(d));
        this.socket = s;
        resolve(s);
      });
    });
  }

  private onData(d: Buffer): void {
    const out = this.framer.feed(new Uint8Array(d.buffer, d.byteOffset, d.byteLength));
    for (const adu of out.adus) {
      if (this.pending && adu.transactionId === this.pending.tid && adu.unitId === this.pending.unitId) this.pending.done(ok(adu.pdu));
      else this.deps.logger.debug({ tid: adu.transactionId }, 'unexpected Modbus TCP answer');
    }
    if (out.error && this.socket) this.lost(this.socket, out.error);
  }

  /** The socket `s` failed; a socket already replaced by a newer one is ignored. */
  private lost(s: Socket, reason: string): void {
    if (s !== this.socket) return;
    this.drop();
    this.pending?.done(err({ code: 'io', message: reason }));
  }

  private drop(): void {
    this.socket?.destroy();
    this.socket = null;
  }
}
