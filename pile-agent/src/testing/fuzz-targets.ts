// The pile's decoders and framers under fuzz (`npm run bench -- fuzz`, a slice in `npm test`): each
// target draws one case from a seeded FuzzRandom — random bytes, or a valid input mutated — runs the
// code a hostile wire would reach, and throws when an invariant breaks. Invariants: nothing throws
// past its Result type; buffers stay bounded; what decodes re-encodes to the same value (GB/T
// messages, SLCAN frames, evdev records); the fast candump parser agrees with the full one.
import { isDeepStrictEqual } from 'node:util';
import { parseCandumpLine } from '../protocols/candump/candump-line.js';
import { parseCandumpFast } from '../protocols/gbt27930/trace/candump-fast-parse.js';
import { ASSEMBLER_START, assembleTouch, type AssemblerState } from '../protocols/evdev/touch-assembler.js';
import { decodeInputEvent, encodeInputEvent, InputEventFramer, INPUT_EVENT_SIZE } from '../protocols/evdev/input-event.js';
import { decodeMessage, encodeMessage } from '../protocols/gbt27930/messages/index.js';
import { PGN_TABLE, PGN_TP_CM, PGN_TP_DT } from '../protocols/gbt27930/pgn-table.js';
import { TraceReassembler } from '../protocols/gbt27930/transport/trace-reassembler.js';
import { VECTOR_A, frameOfRow } from '../protocols/gbt27930/fixtures/index.js';
import { MbapFramer } from '../protocols/modbus/mbap.js';
import { encodeRtuAdu } from '../protocols/modbus/rtu-frame.js';
import { RtuFramer } from '../protocols/modbus/rtu-framer.js';
import { hasValidCrc } from '../protocols/modbus/crc16.js';
import { encodeInfoFrame, TFI_PN532 } from '../protocols/card-reader/pn532-frame.js';
import { Pn532Framer } from '../protocols/card-reader/pn532-framer.js';
import { decodeSlcanLine, encodeSlcanFrame } from '../protocols/slcan/slcan-codec.js';
import { SlcanFramer } from '../protocols/slcan/slcan-framer.js';
import { decodeMessage as decodeSyncMessage, DOWN_KINDS, UP_KINDS } from '../protocols/sync/messages.js';
import type { FuzzRandom } from './fuzz-random.js';

export interface FuzzTarget {
  readonly name: string;
  /** One case: throws (or rejects) when an invariant breaks; true when the input was accepted (decoded, framed). */
  run(rng: FuzzRandom): boolean | Promise<boolean>;
}

const fail = (what: string, input: unknown): never => {
  throw new Error(`${what}: ${JSON.stringify(input, (_k, v) => (v instanceof Uint8Array ? Buffer.from(v).toString('hex') : v))}`);
};

const VECTOR_FRAMES = VECTOR_A.map(frameOfRow);
const GBT_PGNS = PGN_TABLE.map((e) => e.pgn);

const gbtMessages: FuzzTarget = {
  name: 'gbt.messages',
  run(rng) {
    const pgn = rng.chance(0.9) ? rng.pick(GBT_PGNS) : rng.next() & 0x3ffff;
    const data = rng.chance(0.5) ? rng.mutate(rng.pick(VECTOR_FRAMES).data) : rng.bytes(16);
    const r = decodeMessage(pgn, data);
    if (!r.ok) return false;
    // What decodes re-encodes to bytes that decode to the same message (reserved bits may differ).
    const again = decodeMessage(pgn, encodeMessage(r.value).data);
    if (!again.ok || !isDeepStrictEqual(again.value, r.value)) fail('GB/T message does not survive encode∘decode', { pgn, data, first: r.value });
    return true;
  },
};

const gbtTransport: FuzzTarget = {
  name: 'gbt.tp',
  run(rng) {
    const tp = new TraceReassembler();
    let messages = 0;
    // Vector A's exchange (TP transfers included) with frames dropped, repeated, corrupted or random.
    for (const f of VECTOR_FRAMES) {
      if (rng.chance(0.05)) continue;
      const random = rng.chance(0.05);
      const pgn = rng.pick([PGN_TP_CM, PGN_TP_DT, rng.pick(GBT_PGNS)]);
      const id = random ? (rng.int(8) << 26) | ((pgn >> 8) << 16) | (rng.pick([0x56, 0xf4, rng.int(256)]) << 8) | rng.pick([0x56, 0xf4, rng.int(256)]) : f.id;
      const data = random ? rng.bytes(8) : rng.chance(0.05) ? rng.mutate(f.data) : f.data;
      const events = tp.push(id, data);
      if (rng.chance(0.03)) tp.push(id, data);
      if (events.length > 3) fail('one frame completed more than a TP frame, a discard and a message', { id, events: events.length });
      messages += events.filter((e) => e.kind === 'message' && e.viaTp).length;
    }
    return messages > 0;
  },
};

const slcan: FuzzTarget = {
  name: 'slcan',
  run(rng) {
    const framer = new SlcanFramer();
    let frames = 0;
    const valid = encodeSlcanFrame({ id: rng.next() & 0x1fffffff, extended: true, data: rng.bytes(8) }, rng.chance(0.5) ? rng.int(0xea60) : undefined);
    const bytes = rng.chance(0.5) ? rng.mutate(Buffer.from(`${valid}\r`, 'latin1')) : rng.bytes(48);
    for (const token of framer.push(bytes)) {
      if (token.kind !== 'line') continue;
      if (token.text.length > 30) fail('SLCAN line past the limit', token);
      const m = decodeSlcanLine(token.text);
      if (m.ok && m.value.kind === 'frame') {
        frames++;
        const back = decodeSlcanLine(encodeSlcanFrame(m.value.frame, m.value.timestampMs));
        if (!back.ok || !isDeepStrictEqual(back.value, m.value)) fail('SLCAN frame does not survive encode∘decode', token.text);
      }
    }
    return frames > 0;
  },
};

const modbusRtu: FuzzTarget = {
  name: 'modbus.rtu',
  run(rng) {
    const framer = new RtuFramer(rng.chance(0.5) ? 'responses' : 'requests', 5);
    let at = 0;
    let frames = 0;
    for (let i = 0; i < 6; i++) {
      const valid = encodeRtuAdu({ unitId: 1 + rng.int(247), pdu: Uint8Array.of(3, 4, ...rng.bytes(4), 0, 0, 0, 0).subarray(0, 6) /* FC 03 answer: 4 bytes */ });
      const out = framer.feed(rng.chance(0.5) ? rng.mutate(valid) : rng.bytes(40), (at += rng.int(10)));
      for (const f of out.frames) if (!hasValidCrc(f) || f.length > 256) fail('RTU framer passed a frame with a bad CRC or too long', f);
      if (out.droppedBytes < 0) fail('negative dropped bytes', out);
      frames += out.frames.length;
    }
    return frames + framer.flush(at + 100).frames.length > 0;
  },
};

const modbusTcp: FuzzTarget = {
  name: 'modbus.mbap',
  run(rng) {
    const framer = new MbapFramer();
    let adus = 0;
    for (let i = 0; i < 4; i++) {
      const out = framer.feed(rng.chance(0.5) ? rng.mutate(Uint8Array.of(0, 1, 0, 0, 0, 6, 1, 3, 0, 0, 0, 2)) : rng.bytes(24));
      if (out.error) return adus > 0; // the connection closes here
      for (const adu of out.adus) if (adu.pdu.length > 253) fail('MBAP ADU past 253 PDU bytes', adu);
      adus += out.adus.length;
    }
    return adus > 0;
  },
};

const pn532: FuzzTarget = {
  name: 'pn532',
  run(rng) {
    let frames = 0;
    const framer = new Pn532Framer({ frame: () => void frames++, reject: () => {} });
    for (let i = 0; i < 4; i++) framer.push(rng.chance(0.5) ? rng.mutate(encodeInfoFrame(TFI_PN532, rng.bytes(12))) : rng.bytes(32));
    if (frames > 16) fail('more frames than bytes allow', frames);
    return frames > 0;
  },
};

const evdev: FuzzTarget = {
  name: 'evdev',
  run(rng) {
    const framer = new InputEventFramer();
    let state: AssemblerState = ASSEMBLER_START;
    let decoded = 0;
    for (let i = 0; i < 4; i++) {
      const valid = encodeInputEvent({ timeSec: rng.int(1e6), timeUsec: rng.int(1e6), type: rng.pick([0, 1, 3]), code: rng.int(0x40), value: rng.int(2000) - 1 });
      for (const r of framer.push(rng.chance(0.5) ? rng.mutate(valid) : rng.bytes(60))) {
        if (!r.ok) continue;
        decoded++;
        const back = decodeInputEvent(encodeInputEvent(r.value));
        if (!back.ok || !isDeepStrictEqual(back.value, r.value)) fail('evdev record does not survive encode∘decode', r.value);
        state = assembleTouch(state, r.value).state;
        if (typeof state.touching !== 'boolean' || !Number.isInteger(state.slot)) fail('touch assembler in an invalid state', state);
      }
      if (framer.pending() >= INPUT_EVENT_SIZE) fail('evdev framer holds a whole record back', framer.pending());
    }
    return decoded > 0;
  },
};

const CANDUMP_SAMPLE = '(1700000000.010000) can0 182756F4#5019';

const candump: FuzzTarget = {
  name: 'candump',
  run(rng) {
    const line = rng.chance(0.6) ? rng.mutateText(CANDUMP_SAMPLE) : rng.text(48, '()0123456789.#ABCDEFabcdef can-_RxX ');
    const full = parseCandumpLine(line);
    const fast = parseCandumpFast(line);
    if (fast && (!full.ok || !isDeepStrictEqual({ ...fast, data: Array.from(fast.data) }, { ...full.value, data: Array.from(full.value.data) })))
      fail('the fast candump parser disagrees with the full one', line);
    return full.ok;
  },
};

const ENVELOPE = { v: 1, id: 'm-1', at: '2026-01-01T00:00:00Z' };
/** A valid message of some kinds each way, to mutate. */
const SYNC_SAMPLES: Readonly<Record<'up' | 'down', readonly (readonly [string, object])[]>> = {
  up: [
    ['status', { ...ENVELOPE, state: 'online', whitelistVersion: 3 }],
    ['whitelist/request', { ...ENVELOPE, fromVersion: 3, reason: 'gap' }],
    ['command/ack', { ...ENVELOPE, re: 'c-1', status: 'acknowledged' }],
  ],
  down: [
    ['command', { ...ENVELOPE, command: { kind: 'stop', connectorId: 1, reason: 'remote' }, expiresAt: '2026-01-01T00:01:00Z' }],
    ['session/ack', { ...ENVELOPE, re: 'm-0', results: [{ key: 'abc:1', status: 'applied' }] }],
    ['error', { ...ENVELOPE, re: null, kind: 'hello', reason: 'invalid', detail: 'x' }],
  ],
};

const syncMessages: FuzzTarget = {
  name: 'sync.messages',
  run(rng) {
    const up = rng.chance(0.5);
    const [sampleKind, sample] = rng.pick(SYNC_SAMPLES[up ? 'up' : 'down']);
    const kind = rng.chance(0.8) ? sampleKind : rng.chance(0.9) ? rng.pick(up ? UP_KINDS : DOWN_KINDS) : rng.text(12);
    const text = Buffer.from(JSON.stringify(sample));
    const payload = rng.chance(0.3) ? text : rng.chance(0.7) ? rng.mutate(text) : rng.bytes(64);
    const r = decodeSyncMessage(up ? 'up' : 'down', kind, payload);
    if (typeof r !== 'object' || r === null || !('ok' in r)) fail('sync decode returned no result', { kind, payload });
    return r.ok;
  },
};

export const PILE_FUZZ_TARGETS: readonly FuzzTarget[] = [gbtMessages, gbtTransport, slcan, modbusRtu, modbusTcp, pn532, evdev, candump, syncMessages];

export interface FuzzOutcome {
  readonly name: string;
  readonly cases: number;
  readonly crashes: number;
  /** Cases whose input was accepted (decoded, framed): how deep the cases reach. */
  readonly accepted: number;
  /** The first crash: its case number (seed + case reproduce it) and message. */
  readonly first: { readonly case: number; readonly message: string } | null;
}

/** Runs `cases` cases of `target` from `seed`; a throw (or rejection) is a crash, counted and the first kept. */
export async function runFuzz(target: FuzzTarget, rng: FuzzRandom, cases: number): Promise<FuzzOutcome> {
  let crashes = 0;
  let accepted = 0;
  let first: FuzzOutcome['first'] = null;
  for (let i = 0; i < cases; i++) {
    try {
      const r = target.run(rng);
      if (r === true || (r !== false && (await r))) accepted++;
    } catch (e) {
      crashes++;
      first ??= { case: i, message: (e as Error).stack?.split('\n').slice(0, 3).join(' | ') ?? String(e) };
    }
  }
  return { name: target.name, cases, crashes, accepted, first };
}
