// `gbt decode`'s output stage: candump -L lines → JSON lines (trace/candump-trace.ts + json-line.ts),
// with a memo for the frames a bus repeats. A charger and a BMS send the same single-frame messages
// every 10–250 ms (BCL, CCS, BSM, BRO, CRO…) with values that change slowly, so most lines of a
// depot's capture differ from an earlier one only in their timestamp: the text after the timestamp
// (interface, id, data) decides everything else of the record, as long as the frame is not part of
// a TP transfer (TP.CM / TP.DT change the reassembler's state; a reassembled message depends on the
// frames before it). Those lines reuse the earlier record's JSON after `"t"`. Output is byte for byte
// what decoding every line gives (tested). The memo is bounded, and it stops being consulted when a
// capture hardly repeats (fewer than a quarter hits after 20,000 lines). Pure, no I/O.
import { pgnOfId } from '../can-id.js';
import { PGN_TP_CM, PGN_TP_DT } from '../pgn-table.js';
import { canonicalTimestampEnd, parseCandumpFast } from './candump-fast-parse.js';
import { CandumpTraceDecoder, type TraceOptions } from './candump-trace.js';
import { jsonLine, seconds } from './json-line.js';

/** Entries kept before the memo starts over. */
const MAX_ENTRIES = 16_384;
/** Lines looked up before the hit rate is judged, and the rate below which the memo is dropped. */
const JUDGE_AFTER = 20_000;
const MIN_HIT_RATE = 0.25;

export class TraceJsonFormatter {
  private readonly decoder: CandumpTraceDecoder;
  private readonly memo = new Map<string, string>();
  private lookups = 0;
  private hits = 0;
  private memoOn = true;

  constructor(options: TraceOptions = {}) {
    this.decoder = new CandumpTraceDecoder(options);
  }

  /** The JSON lines (each ending in '\n') for one input line; '' for blank lines, comments and hidden TP frames. */
  line(text: string, lineNo: number): string {
    const close = this.memoOn ? canonicalTimestampEnd(text) : -1;
    if (close > 0) {
      const body = text.slice(close + 1);
      const tail = this.memo.get(body);
      this.judge(tail !== undefined);
      if (tail !== undefined) return `{"t": ${seconds(Number(text.slice(1, close)))}${tail}`;
      const out = this.decoded(text, lineNo);
      if (out.tail !== null) {
        if (this.memo.size >= MAX_ENTRIES) this.memo.clear();
        this.memo.set(body, out.tail);
      }
      return out.text;
    }
    return this.decoded(text, lineNo).text;
  }

  /** The share of looked-up lines answered from the memo (for the bench's chatter). */
  get hitRate(): number {
    return this.lookups === 0 ? 0 : this.hits / this.lookups;
  }

  private judge(hit: boolean): void {
    this.lookups++;
    if (hit) this.hits++;
    if (this.lookups === JUDGE_AFTER && this.hits < MIN_HIT_RATE * JUDGE_AFTER) {
      this.memoOn = false;
      this.memo.clear();
    }
  }

  /** Decodes the line; `tail` is the memo entry when the line is a single frame outside TP giving one message. */
  private decoded(text: string, lineNo: number): { text: string; tail: string | null } {
    const records = this.decoder.line(text, lineNo);
    let out = '';
    for (const r of records) out += `${jsonLine(r as unknown as Record<string, unknown>)}\n`;
    const r = records.length === 1 ? records[0] : undefined;
    if (!r || !('msg' in r)) return { text: out, tail: null };
    const frame = parseCandumpFast(text);
    if (!frame) return { text: out, tail: null };
    const pgn = pgnOfId(frame.id);
    if (pgn === PGN_TP_CM || pgn === PGN_TP_DT) return { text: out, tail: null };
    const head = `{"t": ${seconds(r.t)}`;
    return { text: out, tail: out.startsWith(head) ? out.slice(head.length) : null };
  }
}
