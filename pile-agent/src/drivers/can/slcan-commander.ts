// One-outstanding-command exchange with an SLCAN adapter (reference gbt27930.md §5.1): each command
// is written only after the previous one got its reply (`\r`, `z`/`Z`, `Vhhss`/`Nxxxx`/`Fxx`, or
// BELL) or timed out on the injected clock. Used by slcan.driver.ts; frames never pass through here.
import { AgentError, AgentErrorCode } from '../../shared/errors.js';
import type { SlcanMessage } from '../../protocols/slcan/slcan-codec.js';
import type { Clock, TimerHandle } from '../../ports/clock.port.js';

/** What answered a command: a decoded reply line, or BELL (the adapter's error reply). */
export type SlcanReply = SlcanMessage | { readonly kind: 'bell' };

interface Pending {
  readonly label: string;
  readonly resolve: (reply: SlcanReply) => void;
  readonly reject: (error: Error) => void;
  readonly timer: TimerHandle;
  /** Runs synchronously on the reply, before any later token of the same chunk is handled. */
  readonly onReply?: (reply: SlcanReply) => void;
}

export interface SlcanCommanderDeps {
  readonly clock: Clock;
  readonly write: (bytes: Uint8Array) => Promise<void>;
  readonly timeoutMs: number;
}

/** Replies that can complete an outstanding command (anything else is not an answer). */
const REPLY_KINDS = new Set<SlcanReply['kind']>(['bell', 'ok', 'tx-ack', 'version', 'serial', 'status']);

export class SlcanCommander {
  private pending: Pending | null = null;
  private chain: Promise<unknown> = Promise.resolve();
  private generation = 0;

  constructor(private readonly deps: SlcanCommanderDeps) {}

  /** True while a command waits for its reply. */
  get busy(): boolean {
    return this.pending !== null;
  }

  /**
   * Queues a command; resolves with its reply (BELL included: callers decide whether BELL is fatal).
   * Rejects on timeout, write failure or abort(). `onReply` runs synchronously on the reply.
   */
  exchange(bytes: Uint8Array, label: string, onReply?: (reply: SlcanReply) => void): Promise<SlcanReply> {
    const generation = this.generation;
    const run = () => {
      if (generation !== this.generation) {
        return Promise.reject(new AgentError(AgentErrorCode.DriverNotOpen, `SLCAN command ${label} cancelled: channel closing`));
      }
      return this.run(bytes, label, onReply);
    };
    const p = this.chain.then(run, run);
    this.chain = p.catch(() => undefined);
    return p;
  }

  /** Offers a reply token; returns true when it completed the outstanding command. */
  offer(reply: SlcanReply): boolean {
    const p = this.pending;
    if (!p || !REPLY_KINDS.has(reply.kind)) return false;
    this.pending = null;
    p.timer.cancel();
    p.onReply?.(reply);
    p.resolve(reply);
    return true;
  }

  /** Rejects the outstanding command and every queued one; later exchange() calls run normally. */
  abort(reason: string): void {
    this.generation++;
    const p = this.pending;
    this.pending = null;
    if (p) {
      p.timer.cancel();
      p.reject(new AgentError(AgentErrorCode.DriverNotOpen, `SLCAN command ${p.label} aborted: ${reason}`));
    }
    this.chain = Promise.resolve();
  }

  private run(bytes: Uint8Array, label: string, onReply?: (reply: SlcanReply) => void): Promise<SlcanReply> {
    return new Promise<SlcanReply>((resolve, reject) => {
      const timer = this.deps.clock.setTimer(this.deps.timeoutMs, () => {
        if (this.pending?.timer !== timer) return;
        this.pending = null;
        reject(new AgentError(AgentErrorCode.DriverIo, `SLCAN adapter did not answer ${label} within ${this.deps.timeoutMs} ms`));
      });
      const pending: Pending = { label, resolve, reject, timer, onReply };
      this.pending = pending;
      this.deps.write(bytes).catch((e: unknown) => {
        if (this.pending !== pending) return;
        this.pending = null;
        timer.cancel();
        reject(e instanceof Error ? e : new Error(String(e)));
      });
    });
  }
}
