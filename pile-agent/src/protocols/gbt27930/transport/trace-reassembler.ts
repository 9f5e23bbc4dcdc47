// A passive TP reassembler for captures (reference §3, §6.2 candump traces): it sees both directions
// of one bus, never sends, and turns the frames into parameter-group payloads plus the TP frames
// themselves. Sessions are keyed by (sender, receiver): RTS/BAM opens, DT fills by sequence number
// (duplicates overwrite), all packets present → message; an Abort from either side, or a new RTS,
// discards. It does not judge timing (a capture's timestamps may be coarse). Pure, no I/O.
import type { DecodeError } from '../../../shared/result.js';
import { destinationOfId, pgnOfId, sourceOfId } from '../can-id.js';
import { PGN_TP_CM, PGN_TP_DT, TP_MAX_SIZE_BYTES } from '../pgn-table.js';
import { decodeTpCm, decodeTpDt, packetsFor, type TpCm, type TpDt } from './tp-cm.js';

export interface TraceAddress {
  readonly source: number;
  readonly destination: number;
}

export type TraceEvent =
  | (TraceAddress & { readonly kind: 'message'; readonly pgn: number; readonly data: Uint8Array; readonly viaTp: boolean })
  | (TraceAddress & { readonly kind: 'tp-cm'; readonly cm: TpCm })
  | (TraceAddress & { readonly kind: 'tp-dt'; readonly dt: TpDt })
  | (TraceAddress & { readonly kind: 'tp-discarded'; readonly pgn: number; readonly reason: string })
  | (TraceAddress & { readonly kind: 'tp-error'; readonly error: DecodeError });

interface Session {
  readonly pgn: number;
  readonly sizeBytes: number;
  readonly packets: number;
  readonly buffer: Uint8Array;
  readonly seen: Uint8Array;
  received: number;
}

export class TraceReassembler {
  private readonly sessions = new Map<number, Session>();

  /** Feeds one 29-bit frame; returns what it completes (at most a TP frame plus a message). */
  push(id: number, data: Uint8Array): TraceEvent[] {
    const pgn = pgnOfId(id);
    const source = sourceOfId(id);
    const destination = destinationOfId(id);
    if (pgn === PGN_TP_CM) return this.onCm(source, destination, data);
    if (pgn === PGN_TP_DT) return this.onDt(source, destination, data);
    return [{ kind: 'message', source, destination, pgn, data, viaTp: false }];
  }

  private onCm(source: number, destination: number, data: Uint8Array): TraceEvent[] {
    const r = decodeTpCm(data);
    if (!r.ok) return [{ kind: 'tp-error', source, destination, error: r.error }];
    const cm = r.value;
    const out: TraceEvent[] = [{ kind: 'tp-cm', source, destination, cm }];
    const key = (source << 8) | destination;
    if (cm.type === 'rts' || cm.type === 'bam') {
      const old = this.sessions.get(key);
      if (old) out.push({ kind: 'tp-discarded', source, destination, pgn: old.pgn, reason: 'restarted' });
      this.sessions.delete(key);
      const ok = cm.sizeBytes >= 1 && cm.sizeBytes <= TP_MAX_SIZE_BYTES && cm.packets >= packetsFor(cm.sizeBytes);
      if (!ok) out.push({ kind: 'tp-discarded', source, destination, pgn: cm.pgn, reason: 'inconsistent-rts' });
      else
        this.sessions.set(key, {
          pgn: cm.pgn,
          sizeBytes: cm.sizeBytes,
          packets: cm.packets,
          buffer: new Uint8Array(cm.packets * 7),
          seen: new Uint8Array(cm.packets + 1),
          received: 0,
        });
    } else if (cm.type === 'abort') {
      // An abort comes from the sender (same key) or from the receiver (reversed key).
      for (const k of [key, (destination << 8) | source]) {
        const s = this.sessions.get(k);
        if (s && s.pgn === cm.pgn) {
          this.sessions.delete(k);
          out.push({ kind: 'tp-discarded', source: k >>> 8, destination: k & 0xff, pgn: s.pgn, reason: `aborted (reason ${cm.reason})` });
        }
      }
    }
    return out;
  }

  private onDt(source: number, destination: number, data: Uint8Array): TraceEvent[] {
    const r = decodeTpDt(data);
    if (!r.ok) return [{ kind: 'tp-error', source, destination, error: r.error }];
    const dt = r.value;
    const out: TraceEvent[] = [{ kind: 'tp-dt', source, destination, dt }];
    const key = (source << 8) | destination;
    const s = this.sessions.get(key) ?? this.sessions.get((source << 8) | 0xff);
    if (!s) return out;
    if (dt.sequence > s.packets) {
      this.sessions.delete(this.sessions.get(key) ? key : (source << 8) | 0xff);
      out.push({ kind: 'tp-discarded', source, destination, pgn: s.pgn, reason: 'bad-sequence' });
      return out;
    }
    s.buffer.set(dt.payload, (dt.sequence - 1) * 7);
    if (!s.seen[dt.sequence]) {
      s.seen[dt.sequence] = 1;
      s.received++;
    }
    if (s.received === s.packets) {
      this.sessions.delete(this.sessions.get(key) === s ? key : (source << 8) | 0xff);
      out.push({ kind: 'message', source, destination, pgn: s.pgn, data: s.buffer.slice(0, s.sizeBytes), viaTp: true });
    }
    return out;
  }

  /** Open transfers, for a trace summary (e.g. a capture cut mid-transfer). */
  pending(): { readonly source: number; readonly destination: number; readonly pgn: number; readonly received: number; readonly packets: number }[] {
    return [...this.sessions].map(([k, s]) => ({ source: k >>> 8, destination: k & 0xff, pgn: s.pgn, received: s.received, packets: s.packets }));
  }
}

/** "1CEB56F4"-style id text, for traces. */
export const idText = (id: number): string => id.toString(16).toUpperCase().padStart(8, '0');
