// CardReader over a PN532 on a serial line (HSU, NXP UM0701-02 §6.2.4, §7.2.11): wakes the chip,
// configures it, then polls InListPassiveTarget for type A cards. One command outstanding at a time;
// timeouts raise `reader.offline` on the fault sink, the next good answer clears it. Garbage and
// corrupt frames on the line are logged and skipped.
import type { Clock } from '../../ports/clock.port.js';
import type { CardPresented, CardReader } from '../../ports/card-reader.port.js';
import type { FaultSink } from '../../ports/fault-sink.port.js';
import type { SerialLine } from '../../ports/serial-line.port.js';
import type { Logger } from '../../shared/logger.js';
import { toHex } from '../../shared/hex.js';
import { encodeInfoFrame, TFI_HOST, TFI_PN532, type Pn532Frame } from '../../protocols/card-reader/pn532-frame.js';
import { Pn532Framer } from '../../protocols/card-reader/pn532-framer.js';
import { inListPassiveTargetTypeA, parseInListPassiveTarget, responseCode, rfMaxRetries, samConfigurationNormal } from '../../protocols/card-reader/pn532-commands.js';
import { canonicalCardNumber, type CardNumberFormat } from '../../protocols/card-reader/card-number.js';
import { TypedEmitter } from '../../shared/typed-emitter.js';

export interface Pn532ReaderConfig {
  readonly pollIntervalMs: number;
  readonly responseTimeoutMs: number;
  readonly cardNumberFormat: CardNumberFormat;
  /** Consecutive failed commands before `reader.offline` is raised. */
  readonly failuresBeforeFault: number;
}

export const defaultPn532Config: Pn532ReaderConfig = {
  pollIntervalMs: 250,
  responseTimeoutMs: 500,
  cardNumberFormat: 'hex',
  failuresBeforeFault: 3,
};

export interface Pn532ReaderDeps {
  readonly line: SerialLine;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly faults: FaultSink;
  readonly config: Pn532ReaderConfig;
}

/** §7.2.11 HSU wake-up: 0x55 then enough 0x00 for the chip to leave power-down. */
const WAKE_UP = Uint8Array.of(0x55, 0x55, ...new Array<number>(14).fill(0x00));

interface Pending {
  code: number;
  acked: boolean;
  resolve(data: Uint8Array | null): void;
}

export class Pn532CardReader implements CardReader {
  private readonly events: TypedEmitter<{ card: [card: CardPresented] }>;
  private readonly framer = new Pn532Framer({
    frame: (f) => this.onFrame(f),
    reject: (e, bytes) => this.deps.logger.warn({ code: e.code, bytes: toHex(bytes) }, `card reader: ${e.message}`),
  });
  private pending: Pending | null = null;
  private running = false;
  private presentUid: string | null = null;
  private last: CardPresented | null = null;
  private failures = 0;
  private unsubscribe: (() => void) | null = null;
  private pollTimer: { cancel(): void } | null = null;

  constructor(private readonly deps: Pn532ReaderDeps) {
    this.events = new TypedEmitter(deps.logger);
  }

  async start(): Promise<void> {
    if (this.running) return;
    await this.deps.line.open();
    this.unsubscribe = this.deps.line.onData((c) => this.framer.push(c));
    this.running = true;
    await this.deps.line.write(WAKE_UP);
    this.schedule(0);
  }

  onCard(listener: (card: CardPresented) => void): () => void {
    return this.events.on('card', listener);
  }

  lastCard(): CardPresented | null {
    return this.last;
  }

  async stop(): Promise<void> {
    this.running = false;
    this.pollTimer?.cancel();
    this.pending?.resolve(null);
    this.unsubscribe?.();
    await this.deps.line.close();
  }

  private configured = false;

  private schedule(ms: number): void {
    if (!this.running) return;
    this.pollTimer = this.deps.clock.setTimer(ms, () => void this.cycle());
  }

  private async cycle(): Promise<void> {
    if (!this.running) return;
    if (!this.configured) {
      const sam = await this.command(samConfigurationNormal());
      const rf = sam && (await this.command(rfMaxRetries(0x02)));
      this.configured = rf !== null && rf !== undefined;
    } else {
      const data = await this.command(inListPassiveTargetTypeA());
      if (data) this.onTarget(data);
    }
    this.schedule(this.deps.config.pollIntervalMs);
  }

  private onTarget(data: Uint8Array): void {
    const r = parseInListPassiveTarget(data);
    if (!r.ok) {
      this.deps.logger.warn({ code: r.error.code }, `card reader: ${r.error.message}`);
      return;
    }
    if (!r.value) {
      this.presentUid = null;
      return;
    }
    const uidHex = toHex(r.value.uid);
    if (uidHex === this.presentUid) return;
    this.presentUid = uidHex;
    const card = { cardNo: canonicalCardNumber(r.value.uid, this.deps.config.cardNumberFormat), uidHex, atMs: this.deps.clock.now() };
    this.last = card;
    this.events.emit('card', card);
  }

  /** Sends one command; resolves with the response data (after the response code) or null on failure. */
  private command(data: Uint8Array): Promise<Uint8Array | null> {
    return new Promise((resolve) => {
      const timer = this.deps.clock.setTimer(this.deps.config.responseTimeoutMs, () => finish(null));
      const finish = (result: Uint8Array | null) => {
        if (this.pending !== p) return;
        this.pending = null;
        timer.cancel();
        this.account(result !== null, data[0]);
        resolve(result);
      };
      const p: Pending = { code: responseCode(data[0]), acked: false, resolve: finish };
      this.pending = p;
      this.deps.line.write(encodeInfoFrame(TFI_HOST, data)).catch((e: Error) => {
        this.deps.logger.error({ err: e.message }, 'card reader: write failed');
        finish(null);
      });
    });
  }

  private onFrame(f: Pn532Frame): void {
    const p = this.pending;
    if (!p) return;
    if (f.kind === 'ack') p.acked = true;
    else if (f.kind === 'nack' || f.kind === 'error') p.resolve(null);
    else if (f.tfi === TFI_PN532 && f.data[0] === p.code) p.resolve(f.data);
  }

  private account(success: boolean, command: number): void {
    if (success) {
      if (this.failures >= this.deps.config.failuresBeforeFault) this.deps.faults.clear('reader.offline', 'pn532');
      this.failures = 0;
      return;
    }
    this.failures++;
    if (this.failures === this.deps.config.failuresBeforeFault) {
      this.deps.faults.raise('reader.offline', 'pn532', `no answer to command 0x${command.toString(16)}`);
      this.configured = false; // re-initialise when it comes back (it may have been power-cycled)
    }
  }
}
