// CanChannel over an SLCAN (Lawicel ASCII) adapter on a SerialLine, reference gbt27930.md §5:
// open = flush `\r\r\r`, `C`, `Sn`, optional `Z0`, `O` (or `L`); frames out as `T…` lines awaiting
// the adapter's `Z`/`z`/`\r` ack (BELL = refused); frames in → onFrame; garbage → onError, never a
// throw; close sends `C`. Framing: protocols/slcan/slcan-framer.ts, lines: slcan-codec.ts.
import { AgentError, AgentErrorCode } from '../../shared/errors.js';
import type { Logger } from '../../shared/logger.js';
import { decodeSlcanLine, encodeSlcan, encodeSlcanFrame, slcanBitrateCode, type SlcanMessage } from '../../protocols/slcan/slcan-codec.js';
import { SlcanFramer, type SlcanToken } from '../../protocols/slcan/slcan-framer.js';
import type { CanChannel, CanChannelError, CanFrame } from '../../ports/can-channel.port.js';
import type { Clock } from '../../ports/clock.port.js';
import type { SerialLine } from '../../ports/serial-line.port.js';
import { SlcanCommander, type SlcanReply } from './slcan-commander.js';
import { TypedEmitter } from '../../shared/typed-emitter.js';

export interface SlcanChannelOptions {
  /** Reply timeout per command and per transmitted frame. Default 500 ms. */
  readonly commandTimeoutMs?: number;
  /** Longest wait for the three replies to the `\r\r\r` flush (stray OK/BELL are dropped meanwhile). Default 250 ms. */
  readonly flushSettleMs?: number;
  /** Send `Z0` (receive timestamps off) while opening. Default true; a BELL to it is only logged. */
  readonly timestampsOff?: boolean;
  /** Open with `L` (listen-only) instead of `O`. Default false. */
  readonly listenOnly?: boolean;
  /** Wait for the adapter's ack of each transmitted frame (`Z`/`z`/`\r`). Default true; set false for
   *  adapters that answer transmits with nothing (a later BELL then surfaces through onError). */
  readonly awaitTxAck?: boolean;
}

export interface SlcanChannelDeps {
  readonly line: SerialLine;
  /** CAN bit rate in bit/s; must be an SLCAN preset (250 000 → S5, 50 000 → S2, …). */
  readonly bitrate: number;
  readonly logger: Logger;
  readonly clock: Clock;
  readonly options?: SlcanChannelOptions;
}

type State = 'closed' | 'opening' | 'open' | 'closing';

const ascii = (text: string) => {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i);
  return out;
};
const FLUSH = ascii('\r\r\r');

export class SlcanCanChannel implements CanChannel {
  private readonly events: TypedEmitter<{ frame: [frame: CanFrame, atMs: number]; error: [error: CanChannelError] }>;
  private state: State = 'closed';
  private opening: Promise<void> | null = null;
  private flushing = false;
  private flushReply: (() => void) | null = null;
  private readonly framer = new SlcanFramer();
  private readonly commander: SlcanCommander;
  private unsubscribe: Array<() => void> = [];
  private readonly log: Logger;
  private readonly opts: Required<SlcanChannelOptions>;

  constructor(private readonly deps: SlcanChannelDeps) {
    this.log = deps.logger.child({ ns: 'agent:drivers:slcan' });
    this.events = new TypedEmitter(this.log);
    const o = deps.options ?? {};
    this.opts = {
      commandTimeoutMs: o.commandTimeoutMs ?? 500,
      flushSettleMs: o.flushSettleMs ?? 250,
      timestampsOff: o.timestampsOff ?? true,
      listenOnly: o.listenOnly ?? false,
      awaitTxAck: o.awaitTxAck ?? true,
    };
    this.commander = new SlcanCommander({ clock: deps.clock, write: (b) => deps.line.write(b), timeoutMs: this.opts.commandTimeoutMs });
  }

  open(): Promise<void> {
    if (this.state === 'open') return Promise.resolve();
    if (this.opening) return this.opening;
    this.opening = this.doOpen().finally(() => (this.opening = null));
    return this.opening;
  }

  async send(frame: CanFrame): Promise<void> {
    if (this.state !== 'open') throw new AgentError(AgentErrorCode.DriverNotOpen, 'SLCAN channel is not open');
    const text = encodeSlcanFrame(frame);
    const bytes = ascii(`${text}\r`);
    if (!this.opts.awaitTxAck) return this.deps.line.write(bytes);
    const reply = await this.commander.exchange(bytes, `frame ${text}`);
    if (reply.kind === 'bell') throw new AgentError(AgentErrorCode.DriverIo, `SLCAN adapter refused frame ${text} (BELL)`);
  }

  onFrame(listener: (frame: CanFrame, atMs: number) => void): () => void {
    return this.events.on('frame', listener);
  }

  onError(listener: (error: CanChannelError) => void): () => void {
    return this.events.on('error', listener);
  }

  async close(): Promise<void> {
    if (this.state === 'closed' || this.state === 'closing') return;
    this.state = 'closing';
    this.commander.abort('channel closing');
    try {
      const reply = await this.commander.exchange(encodeSlcan({ kind: 'close' }), 'C');
      if (reply.kind === 'bell') this.log.debug('adapter answered C with BELL (already closed)');
    } catch (e) {
      this.log.warn({ err: (e as Error).message }, 'SLCAN close command failed; releasing the line anyway');
    }
    await this.release();
  }

  /** Reads the adapter's status flags (`F`, §5.2): bit 0 RX FIFO full … bit 7 bus error. */
  async readStatusFlags(): Promise<number> {
    const reply = await this.command({ kind: 'status-query' }, 'F');
    if (reply.kind !== 'status') throw new AgentError(AgentErrorCode.DriverIo, `SLCAN adapter answered F with ${reply.kind}`);
    return reply.flags;
  }

  /** Reads the adapter's hardware and software version (`V`, §5.2). */
  async readVersion(): Promise<{ hardware: string; software: string }> {
    const reply = await this.command({ kind: 'version-query' }, 'V');
    if (reply.kind !== 'version') throw new AgentError(AgentErrorCode.DriverIo, `SLCAN adapter answered V with ${reply.kind}`);
    return { hardware: reply.hardware, software: reply.software };
  }

  private async doOpen(): Promise<void> {
    const code = slcanBitrateCode(this.deps.bitrate);
    if (code === undefined) {
      throw new AgentError(AgentErrorCode.ConfigInvalid, `CAN bit rate ${this.deps.bitrate} has no SLCAN preset (S0–S8: 10k…1M)`);
    }
    await this.deps.line.open();
    this.framer.reset();
    this.unsubscribe = [this.deps.line.onData((chunk) => this.onChunk(chunk)), this.deps.line.onClose((e) => this.onLineClosed(e))];
    this.state = 'opening';
    try {
      // Each CR of the flush earns one reply (OK or BELL) from most adapters; wait for all three or
      // for the settle time, so a late stray reply can never be taken as the answer to C or S5.
      await new Promise<void>((resolve) => {
        const timer = this.deps.clock.setTimer(this.opts.flushSettleMs, () => done());
        const done = () => {
          timer.cancel();
          this.flushing = false;
          this.flushReply = null;
          resolve();
        };
        let replies = 0;
        this.flushReply = () => {
          if (++replies >= FLUSH.length) done();
        };
        this.flushing = true;
        this.deps.line.write(FLUSH).catch(() => done());
      });
      await this.command({ kind: 'close' }, 'C'); // BELL = was already closed: fine
      await this.required({ kind: 'bitrate', code }, `S${code}`);
      if (this.opts.timestampsOff) {
        const z = await this.command({ kind: 'timestamps', on: false }, 'Z0');
        if (z.kind === 'bell') this.log.warn('adapter refused Z0; received timestamps are ignored anyway');
      }
      await this.required({ kind: this.opts.listenOnly ? 'listen' : 'open' }, this.opts.listenOnly ? 'L' : 'O', (r) => {
        if (r.kind !== 'bell' && this.state === 'opening') this.state = 'open';
      });
      this.log.info({ bitrate: this.deps.bitrate }, 'SLCAN channel open');
    } catch (e) {
      this.flushing = false;
      await this.release();
      throw e instanceof AgentError ? e : new AgentError(AgentErrorCode.DriverIo, `SLCAN open failed: ${(e as Error).message}`, { cause: e });
    }
  }

  private command(msg: SlcanMessage, label: string, onReply?: (r: SlcanReply) => void): Promise<SlcanReply> {
    if (this.state === 'closed') return Promise.reject(new AgentError(AgentErrorCode.DriverNotOpen, 'SLCAN channel is not open'));
    return this.commander.exchange(encodeSlcan(msg), label, onReply);
  }

  private async required(msg: SlcanMessage, label: string, onReply?: (r: SlcanReply) => void): Promise<void> {
    const reply = await this.command(msg, label, onReply);
    if (reply.kind === 'bell') throw new AgentError(AgentErrorCode.DriverIo, `SLCAN adapter refused ${label} (BELL)`);
  }

  private onChunk(chunk: Uint8Array): void {
    const tokens = this.framer.push(chunk);
    for (let i = 0; i < tokens.length; i++) this.onToken(tokens[i]);
  }

  private onToken(token: SlcanToken): void {
    if (token.kind === 'garbage') {
      this.emitError('bad-line', `SLCAN garbage (${token.reason}, ${token.length} bytes): ${JSON.stringify(token.preview)}`);
      return;
    }
    if (token.kind === 'bell') {
      if (this.flushing) return void this.flushReply?.();
      if (this.commander.offer(token)) return;
      this.emitError('adapter-error', 'SLCAN adapter answered BELL with no command outstanding (refused frame or error)');
      return;
    }
    const decoded = decodeSlcanLine(token.text);
    if (!decoded.ok) {
      this.emitError('bad-line', `${decoded.error.code}: ${decoded.error.message}`);
      return;
    }
    const msg = decoded.value;
    if (msg.kind === 'frame') {
      if (this.state !== 'open') return; // before O / after C: not ours to deliver
      const at = this.deps.clock.monotonic();
      const f = msg.frame;
      const frame: CanFrame = f.rtr ? { id: f.id, extended: f.extended, data: f.data, rtr: true } : f;
      this.events.emit('frame', frame, at);
      return;
    }
    if (this.flushing) return void this.flushReply?.();
    if (this.commander.offer(msg)) return;
    if (msg.kind === 'ok' || msg.kind === 'tx-ack') return; // late or unawaited ack
    this.emitError('bad-line', `unexpected SLCAN line from the adapter: ${JSON.stringify(token.text)}`);
  }

  private onLineClosed(e?: Error): void {
    if (this.state === 'closed') return;
    this.commander.abort('serial line closed');
    this.emitError('closed', `SLCAN serial line closed: ${e?.message ?? 'unknown reason'}`);
    void this.release();
  }

  private async release(): Promise<void> {
    this.state = 'closed';
    for (const u of this.unsubscribe) u();
    this.unsubscribe = [];
    this.commander.abort('channel closed');
    await this.deps.line.close().catch((e: Error) => this.log.warn({ err: e.message }, 'closing the serial line failed'));
  }

  private emitError(code: CanChannelError['code'], message: string): void {
    this.log.warn({ code }, message);
    this.events.emit('error', { code, message });
  }
}
