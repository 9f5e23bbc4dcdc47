// CanChannel over Linux SocketCAN through the optional `socketcan` npm package (reference §6),
// loaded lazily inside open(): a missing package (npm skips it on Node 20, its engines need ≥ 22),
// a missing interface or a kernel without AF_CAN reject with AgentError(DriverUnavailable). Thin on
// purpose: all frame mapping lives in socketcan-frame.ts, which is what the tests exercise.
import { existsSync } from 'node:fs';
import { AgentError, AgentErrorCode } from '../../shared/errors.js';
import type { Logger } from '../../shared/logger.js';
import type { CanChannel, CanChannelError, CanFrame } from '../../ports/can-channel.port.js';
import type { Clock } from '../../ports/clock.port.js';
import { fromSocketcanMessage, toSocketcanMessage, type SocketcanMessage } from './socketcan-frame.js';
import { TypedEmitter } from '../../shared/typed-emitter.js';

/** The part of the `socketcan` package this driver uses. */
export interface SocketcanRawChannel {
  addListener(event: 'onMessage' | 'onStopped', callback: (msg?: SocketcanMessage) => void): void;
  start(): void;
  stop(): void;
  send(msg: SocketcanMessage & { data: Uint8Array }): void;
}
export interface SocketcanModule {
  createRawChannel(iface: string, timestamps?: boolean): SocketcanRawChannel;
}

/** Loads the package; compose passes importSocketcanPackage, tests may pass a stand-in. */
export type SocketcanLoader = () => Promise<unknown>;

const PACKAGE = 'socketcan';
/** The real loader: a dynamic import with a variable specifier, so nothing loads until open(). */
export const importSocketcanPackage: SocketcanLoader = () => import(PACKAGE);

export interface SocketCanChannelDeps {
  /** Network interface, e.g. `can0` (or `slcan0` made by slcand). Bit rate is set by `ip link`. */
  readonly iface: string;
  readonly logger: Logger;
  readonly clock: Clock;
  readonly loadModule: SocketcanLoader;
}

const unavailable = (message: string, cause?: unknown) => new AgentError(AgentErrorCode.DriverUnavailable, message, { cause });

export class SocketCanChannel implements CanChannel {
  private readonly events: TypedEmitter<{ frame: [frame: CanFrame, atMs: number]; error: [error: CanChannelError] }>;
  private channel: SocketcanRawChannel | null = null;
  private stopping = false;
  private readonly log: Logger;

  constructor(private readonly deps: SocketCanChannelDeps) {
    this.log = deps.logger.child({ ns: 'agent:drivers:socketcan', iface: deps.iface });
    this.events = new TypedEmitter(this.log);
  }

  async open(): Promise<void> {
    if (this.channel) return;
    const { iface } = this.deps;
    let mod: Partial<SocketcanModule> & { default?: Partial<SocketcanModule> };
    try {
      mod = (await this.deps.loadModule()) as typeof mod;
    } catch (e) {
      throw unavailable(
        `SocketCAN unavailable: the optional 'socketcan' package cannot be loaded (${(e as Error).message}). ` +
          `npm skips it on Node 20 (it needs Node >= 22); use an SLCAN adapter instead (driver 'slcan').`,
        e,
      );
    }
    const createRawChannel = mod.createRawChannel ?? mod.default?.createRawChannel;
    if (typeof createRawChannel !== 'function') throw unavailable(`SocketCAN unavailable: the 'socketcan' package has no createRawChannel()`);
    if (!existsSync(`/sys/class/net/${iface}`)) {
      throw unavailable(`SocketCAN unavailable: no network interface '${iface}' (bring it up with: ip link set ${iface} type can bitrate 250000 && ip link set ${iface} up)`);
    }
    let channel: SocketcanRawChannel;
    try {
      channel = createRawChannel(iface, true);
    } catch (e) {
      throw unavailable(`SocketCAN unavailable: cannot open a raw CAN socket on '${iface}' (kernel without AF_CAN?): ${(e as Error).message}`, e);
    }
    channel.addListener('onMessage', (msg) => msg && this.onMessage(msg));
    channel.addListener('onStopped', () => {
      if (this.stopping) return;
      this.channel = null;
      this.emitError('closed', `SocketCAN channel on ${iface} stopped`);
    });
    channel.start();
    this.stopping = false;
    this.channel = channel;
    this.log.info('SocketCAN channel open');
  }

  async send(frame: CanFrame): Promise<void> {
    const channel = this.channel;
    if (!channel) throw new AgentError(AgentErrorCode.DriverNotOpen, `SocketCAN channel ${this.deps.iface} is not open`);
    const msg = toSocketcanMessage(frame);
    try {
      channel.send({ ...msg, data: Buffer.from(msg.data) });
    } catch (e) {
      throw new AgentError(AgentErrorCode.DriverIo, `SocketCAN send on ${this.deps.iface} failed: ${(e as Error).message}`, { cause: e });
    }
  }

  onFrame(listener: (frame: CanFrame, atMs: number) => void): () => void {
    return this.events.on('frame', listener);
  }

  onError(listener: (error: CanChannelError) => void): () => void {
    return this.events.on('error', listener);
  }

  async close(): Promise<void> {
    const channel = this.channel;
    if (!channel) return;
    this.stopping = true;
    this.channel = null;
    try {
      channel.stop();
    } catch (e) {
      this.log.warn({ err: (e as Error).message }, 'stopping the SocketCAN channel failed');
    }
  }

  private onMessage(msg: SocketcanMessage): void {
    const r = fromSocketcanMessage(msg);
    if (!r.ok) {
      this.emitError(r.error.code === 'socketcan.error-frame' ? 'bus-error' : 'bad-line', r.error.message);
      return;
    }
    const at = this.deps.clock.monotonic();
    this.events.emit('frame', r.value, at);
  }

  private emitError(code: CanChannelError['code'], message: string): void {
    this.log.warn({ code }, message);
    this.events.emit('error', { code, message });
  }
}
